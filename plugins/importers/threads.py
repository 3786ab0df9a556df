"""Thread the replies of one post: parents, missing parents, cycles, deleted placeholders.

Every importer hands over *candidates*: a reply, whether it is kept (published or pending),
and the source id of its parent. Rules, the same for every source:

* a parent that is not in the source: the reply is attached to the post (and noted);
* a cycle of parents is cut where it is found (and noted);
* a reply to a pingback or mention goes to that item's parent (they are never shown in a
  thread);
* an item that is not kept (spam, trash, deleted) but has kept replies below it becomes a
  ``Kind: deleted`` placeholder (no author, no text) so its replies keep their place; one
  without kept replies is skipped and counted under its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import ImportedReply, ImportReport


@dataclass
class Candidate:
    """A reply as read from a source, before threading."""

    reply: ImportedReply
    parent: str | None = None
    keep: bool = True
    skip_reason: str = ""
    children: list[str] = field(default_factory=list, repr=False)


def resolve_thread(candidates: list[Candidate], report: ImportReport, *, where: str) -> list[ImportedReply]:
    """Thread the candidates of one post; return the replies to write, parents first.

    Parameters
    ----------
    candidates : list of Candidate
        The post's replies in source order; ``reply.reply_id`` must be set.
    report : ImportReport
        Receives skips and notes.
    where : str
        Names the post in notes (e.g. ``"post 'hello' (file.xml)"``).

    Returns
    -------
    list of ImportedReply
        Kept replies and placeholders, each ``reply_to`` naming a reply in the list.
    """
    by_id: dict[str, Candidate] = {}
    ordered: list[Candidate] = []
    for cand in candidates:
        rid = cand.reply.reply_id
        if rid in by_id:
            report.skip("repeated reply id", f"{where}: {rid} appears twice; the second is skipped")
            continue
        by_id[rid] = cand
        ordered.append(cand)

    parent: dict[str, str | None] = {}
    for cand in ordered:
        rid, pid = cand.reply.reply_id, cand.parent
        if pid is not None and (pid == rid or pid not in by_id):
            if cand.keep:
                report.note(f"{where}: reply {rid} answers {pid}, which is not in the source; "
                            "attached to the post, marked as detached")
            if pid != rid:
                cand.reply.missing_parent = pid
            pid = None
        parent[rid] = pid

    # Cut cycles.
    state: dict[str, int] = {}
    for cand in ordered:
        path: list[str] = []
        rid: str | None = cand.reply.reply_id
        while rid is not None and rid not in state:
            state[rid] = 1
            path.append(rid)
            rid = parent[rid]
        if rid is not None and state.get(rid) == 1:
            report.note(f"{where}: replies {' -> '.join([*path[path.index(rid):], rid])} form a "
                        f"cycle; {rid} is attached to the post")
            parent[rid] = None
        for item in path:
            state[item] = 2

    # A pingback or mention has no thread below it.
    for cand in ordered:
        rid = cand.reply.reply_id
        pid = parent[rid]
        while pid is not None and by_id[pid].reply.kind in ("pingback", "mention"):
            pid = parent[pid]
        parent[rid] = pid
        if pid is not None:
            by_id[pid].children.append(rid)

    # Which items lead to something kept?
    live: dict[str, bool] = {}
    for cand in ordered:
        stack = [(cand.reply.reply_id, False)]
        while stack:
            rid, expanded = stack.pop()
            if rid in live:
                continue
            if expanded:
                node = by_id[rid]
                live[rid] = node.keep or any(live[c] for c in node.children)
            else:
                stack.append((rid, True))
                stack.extend((c, False) for c in by_id[rid].children if c not in live)

    out: list[ImportedReply] = []
    for cand in _parents_first(ordered, parent):
        reply = cand.reply
        rid = reply.reply_id
        if cand.keep:
            reply.reply_to = parent[rid]
            out.append(reply)
        elif live[rid]:
            out.append(ImportedReply(
                post_slug=reply.post_slug, reply_id=rid, date=reply.date, source_id=reply.source_id,
                reply_to=parent[rid], kind="deleted",
            ))
            report.note(f"{where}: {rid} ({cand.skip_reason}) has replies; written as a "
                        "deleted placeholder so they keep their place")
        else:
            report.skip(cand.skip_reason or "not published")
    return out


def _parents_first(ordered: list[Candidate], parent: dict[str, str | None]) -> list[Candidate]:
    depth: dict[str, int] = {}
    for cand in ordered:
        chain = []
        rid: str | None = cand.reply.reply_id
        while rid is not None and rid not in depth:
            chain.append(rid)
            rid = parent[rid]
        base = depth[rid] if rid is not None else 0
        for offset, item in enumerate(reversed(chain), start=1):
            depth[item] = base + offset
    position = {c.reply.reply_id: i for i, c in enumerate(ordered)}
    return sorted(ordered, key=lambda c: (depth[c.reply.reply_id], position[c.reply.reply_id]))


def thread_stats(replies: list[ImportedReply]) -> tuple[int, int, int]:
    """(threads, threads with nested replies, max depth) over replies and placeholders.

    A thread starts with a reply to a post; depth counts such a reply as 1.

    Examples
    --------
    >>> r = lambda i, to=None: ImportedReply("p", i, "2020-01-01", f"x:{i}", author="A", reply_to=to)
    >>> thread_stats([r("a"), r("b", "a"), r("c", "b"), r("d")])
    (2, 1, 3)
    """
    threaded = [r for r in replies if r.kind in ("reply", "deleted")]
    key = {(r.post_slug, r.reply_id): r for r in threaded}
    depth: dict[tuple[str, str], int] = {}
    for reply in threaded:
        chain = []
        k: tuple[str, str] | None = (reply.post_slug, reply.reply_id)
        while k is not None and k not in depth:
            chain.append(k)
            current = key[k]
            k = (current.post_slug, current.reply_to) if current.reply_to else None
            if k is not None and k not in key:
                k = None
        base = depth[k] if k is not None else 0
        for offset, item in enumerate(reversed(chain), start=1):
            depth[item] = base + offset
    roots = [r for r in threaded if not r.reply_to]
    with_children = {(r.post_slug, r.reply_to) for r in threaded if r.reply_to}
    nested = sum(1 for r in roots if (r.post_slug, r.reply_id) in with_children)
    return len(roots), nested, max(depth.values(), default=0)

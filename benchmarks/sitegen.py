"""A deterministic synthetic archive for the benchmark: N posts × K replies, in two layouts.

    generate(root, posts=1000, replies=20)   # writes root/plain, root/ours and root/peer

- ``plain/posts/``: the posts only (plain Pelican).
- ``ours/posts/`` + ``ours/replies/<slug>/r<n>.md``: this project's format.
- ``peer/posts/`` + ``peer/comments/<slug>/r<n>.md``: the pelican-comment-system layout
  (lower-case ``author``/``date``/``website`` keys, ``replyto: r5.md``: on Pelican 4.12 the
  plugin slugs a comment file ``r5.md`` as ``r5.md``). A reply to a reply under another post
  (our ``Reply-To: other-post/r3``) has no counterpart there and answers the post instead.

The same seed always writes the same bytes. Replies come from a fixed cast of people (a few
write a lot, most a little), in threads up to ``max_depth`` deep; some quote the post or the
reply they answer, some name someone (``@handle`` or full name), some link to another post
or to an outside page. Every word is generated here (no borrowed text).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

FIRST = ("Ada Ben Cleo Dara Eli Farah Gus Hana Ivo Jun Kai Lena Milo Nia Omar Pia Quin Rosa Sami Tove "
         "Uma Vik Wren Xia Yusuf Zoe Arlo Bea Cyrus Dina").split()
LAST = ("Park Ode Varga Lind Moreau Achebe Sato Novak Reyes Holm Brandt Okoro Quist Falk Ibsen Marsh "
        "Castell Dunmore Everly Ferraz").split()
WORDS = tuple(
    "practice notice slow reading margin question feedback habit journal draft public quiet attention "
    "argue agree describe judge week morning note idea book page friend colleague craft error repair "
    "teacher student garden kitchen workshop walk river season letter pencil lamp table window thread "
    "listen return begin finish patient careful small honest useful strange familiar ordinary".split()
)
TAGS = ("reading", "writing", "teaching", "craft", "attention", "tools", "habits", "feedback", "walking",
        "notebooks", "listening", "repair")
CATEGORIES = ("Essays", "Notes", "Letters", "Reviews", "Practice", "Questions")


@dataclass
class Person:
    name: str
    handle: str
    url: str | None


@dataclass
class Summary:
    """What was written (the benchmark checks the built pages against it)."""

    posts: int = 0
    replies: int = 0
    people: int = 0
    max_depth: int = 0
    quotes: int = 0
    mentions: int = 0
    links: int = 0
    cross_post: int = 0
    per_post: dict[str, int] = field(default_factory=dict)
    slugs: list[str] = field(default_factory=list)


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng, rng.randint(8, 18)) for _ in range(sentences))


def _cast(rng: random.Random, count: int) -> list[Person]:
    people, seen = [], set()
    i = 0
    while len(people) < count:
        first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
        suffix = i // (len(FIRST) * len(LAST))
        name = f"{first} {last}" + (f" {suffix + 1}" if suffix else "")
        i += 1
        if name in seen:
            continue
        seen.add(name)
        handle = name.lower().replace(" ", "")
        url = f"https://{handle}.example/" if rng.random() < 0.4 else None
        people.append(Person(name, handle, url))
    return people


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def generate(root: Path, posts: int = 1000, replies: int = 20, people: int = 300, *, seed: int = 1,
             max_depth: int = 6) -> Summary:
    """Write the three content folders under ``root``; return what was written."""
    rng = random.Random(seed)
    root = Path(root)
    cast = _cast(rng, people)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(cast))]  # a few write a lot
    summary = Summary(posts=posts, people=people)
    start = dt.datetime(2016, 1, 4, 8, 0)
    bodies: dict[int, list[str]] = {}
    slugs = [f"post-{p:04d}" for p in range(posts)]
    summary.slugs = slugs
    for p, slug in enumerate(slugs):
        paragraphs = [_paragraph(rng, rng.randint(3, 5)) for _ in range(rng.randint(5, 8))]
        if p and rng.random() < 0.3:
            earlier = rng.randrange(p)
            paragraphs.append(f"This picks up [an earlier note]({{filename}}/posts/{slugs[earlier]}.md).")
        bodies[p] = paragraphs
        date = start + dt.timedelta(days=p * 3, hours=p % 7)
        tags = ", ".join(sorted(rng.sample(TAGS, 2)))
        builds_on = ""
        if p and rng.random() < 0.2:
            builds_on = f"Builds-On: {slugs[rng.randrange(p)]}, https://essays.example/on-{rng.choice(WORDS)}\n"
        head = (f"Title: Notes on {rng.choice(WORDS)} and {rng.choice(WORDS)}, {p + 1}\n"
                f"Date: {date:%Y-%m-%d %H:%M}\nAuthor: Mira Okafor\nCategory: {CATEGORIES[p % len(CATEGORIES)]}\n"
                f"Tags: {tags}\nSlug: {slug}\n")
        text = "\n\n".join(paragraphs) + "\n"
        for layout in ("plain", "ours", "peer"):
            _write(root / layout / "posts" / f"{slug}.md", head + builds_on + "\n" + text)

    # Replies: K per post, threaded, dated after the post.
    thread_bodies: dict[str, list[str]] = {}
    for p, slug in enumerate(slugs):
        post_date = start + dt.timedelta(days=p * 3, hours=p % 7)
        depth: list[int] = []
        bodies_here: list[str] = []
        summary.per_post[slug] = replies
        for n in range(replies):
            author = rng.choices(cast, weights=weights)[0]
            date = post_date + dt.timedelta(hours=2 + n * 3, minutes=rng.randrange(60))
            parent = None
            cross = None
            roll = rng.random()
            if n and roll < 0.65:
                candidates = [i for i in range(n) if depth[i] < max_depth]
                if candidates:
                    parent = rng.choice(candidates[-8:])
            elif p and roll > 0.98:
                cross = (slugs[rng.randrange(p)], rng.randrange(replies))
            depth.append(depth[parent] + 1 if parent is not None else 1)
            summary.max_depth = max(summary.max_depth, depth[-1])
            parts = []
            kind = rng.random()
            if kind < 0.15:
                source = bodies_here[parent] if parent is not None and rng.random() < 0.5 else " ".join(bodies[p])
                words = source.split()
                at = rng.randrange(max(len(words) - 12, 1))
                parts.append("> " + " ".join(words[at:at + 12]))
                summary.quotes += 1
            own = _paragraph(rng, rng.randint(1, 3))
            if kind >= 0.15 and kind < 0.30:
                other = rng.choice(cast)
                own = (f"@{other.handle} " if rng.random() < 0.5 else f"As {other.name} said, ") + own
                summary.mentions += 1
            elif kind >= 0.30 and kind < 0.36:
                target = slugs[rng.randrange(posts)]
                own += f" See [this post](/posts/{target}/) and [an outside essay](https://notes.example/{n})."
                summary.links += 1
            if rng.random() < 0.2:
                own += " What would you keep, and what would you drop?"
            parts.append(own)
            body = "\n\n".join(parts) + "\n"
            bodies_here.append(own)
            head = [f"Author: {author.name}", f"Date: {date:%Y-%m-%d %H:%M}"]
            peer = [f"author: {author.name}", f"date: {date:%Y-%m-%d %H:%M}"]
            if author.url:
                head.append(f"Author-URL: {author.url}")
                peer.append(f"website: {author.url}")
            if parent is not None:
                head.append(f"Reply-To: r{parent}")
                peer.append(f"replyto: r{parent}.md")
            elif cross is not None:
                head.append(f"Reply-To: {cross[0]}/r{cross[1]}")
                summary.cross_post += 1
            _write(root / "ours" / "replies" / slug / f"r{n}.md", "\n".join(head) + "\n\n" + body)
            _write(root / "peer" / "comments" / slug / f"r{n}.md", "\n".join(peer) + "\n\n" + body)
        thread_bodies[slug] = bodies_here
    summary.replies = posts * replies
    return summary

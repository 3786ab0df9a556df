"""Marginalia: which paragraphs of a post the replies quoted, named or argued with.

Pure functions on HTML strings and :class:`~conversation_map.textmatch.TextParts`. The post's
HTML gets an ``id`` on every paragraph-like block (``para-1``, ``para-2``...) and, on the
blocks replies took up, a margin mark: a link to the list of those replies
(``#margin-para-N``), so it works without JavaScript and prints as a plain number.

Rules (a reply takes up a paragraph when):

- **quoted**: one of its quoted passages shares a run of ``min_words`` words with the
  paragraph (case, punctuation and accents ignored; a passage with an elision "…" counts when
  its pieces of four words or more all appear in that paragraph);
- **named**: it puts a phrase of at least three words from the paragraph in quotation
  marks (a phrase found in more than one paragraph names none of them);
- **linked**: it links to the paragraph's anchor (``#para-N``).

A reply that does so and pushes back in its own words (see
:func:`conversation_map.insight.pushes_back`) *argued with* the paragraph.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

from .insight import pushes_back
from .textmatch import TextParts, shingles, words

#: The paragraph-like blocks a margin mark can stand beside, and what the margin notes call them.
BLOCK_WORDS = {"p": "Paragraph", "li": "List item", "blockquote": "Quoted passage", "dd": "Definition",
               "pre": "Preformatted block"}
_BLOCKS = frozenset(BLOCK_WORDS)
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr"))
_ELISION_RE = re.compile(r"\s*(?:…|\.\s?\.\s?\.|\[\s*(?:…|\.\.\.)\s*\])\s*")
_PHRASE_RE = re.compile(r"[\"“”„«»]([^\"“”„«»]{3,120})[\"“”„«»]")


class _Block:
    """One outermost paragraph-like block: where its start tag is in the source, and its text."""

    __slots__ = ("attrs", "chunks", "end", "start", "tag")

    def __init__(self, tag: str, attrs: list, start: int, end: int) -> None:
        self.tag, self.attrs, self.start, self.end, self.chunks = tag, attrs, start, end, []

    @property
    def id(self) -> str | None:
        return next((v for k, v in self.attrs if k == "id" and v), None)

    def text(self) -> str:
        return " ".join(self.chunks)


class _BlockFinder(HTMLParser):
    """Paragraph-like blocks, outermost only (a ``p`` inside a ``blockquote`` is its blockquote),
    found in one pass of the standard library's parser; the source itself is not re-serialised."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Block] = []
        self._open: list[str] = []  # tags open inside the current block (the block's own first)
        # Where each line starts (the parser counts lines by "\n" only, as here).
        self._lines = [0, *(m.end() for m in re.finditer("\n", html))]
        self.feed(html)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if self._open:
            if tag not in _VOID:
                self._open.append(tag)
        elif tag in _BLOCKS:
            start = self._offset()
            self.blocks.append(_Block(tag, attrs, start, start + len(self.get_starttag_text() or "")))
            self._open.append(tag)

    def handle_endtag(self, tag):
        if tag in self._open:  # an end tag closes the latest open tag of its name (and what it holds)
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag):]

    def handle_data(self, data):
        if self._open and self._open[-1] not in ("script", "style"):  # never text, as in the graph's reading
            self.blocks[-1].chunks.append(data)


def _start_tag(block: _Block, element_id: str, marked: bool) -> str:
    attrs = [(k, v) for k, v in block.attrs if k not in ("id", "class")]
    classes = next((v for k, v in block.attrs if k == "class" and v), "")
    if marked:
        classes = f"{classes} has-margin-note".strip()
    attrs = [("id", element_id), *([("class", classes)] if classes else []), *attrs]
    return f"<{block.tag}" + "".join(f' {k}="{escape(v or "", quote=True)}"' if v is not None else f" {k}"
                                     for k, v in attrs) + ">"


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def _quoted_blocks(passage: str, blocks: list[list[str]], min_words: int) -> set[int]:
    runs = shingles(words(passage), min_words)
    hit = {i for i, b in enumerate(blocks) if runs & shingles(b, min_words)}
    if hit:
        return hit
    pieces = [words(p) for p in _ELISION_RE.split(passage)]
    pieces = [p for p in pieces if p]
    if len(pieces) > 1 and all(len(p) >= 4 for p in pieces) and sum(map(len, pieces)) >= min_words:
        return {i for i, b in enumerate(blocks) if all(_contains(b, p) for p in pieces)}
    return set()


def marginalia(post_html: str, replies: list[dict], min_words: int = 8) -> dict:
    """Mark the paragraphs of ``post_html`` that ``replies`` took up.

    Parameters
    ----------
    post_html : str
        The post's body HTML (Pelican's ``article.content``).
    replies : list of dict
        ``{"node", "author", "url", "anchor", "parts": TextParts}``, in thread order.
    min_words : int
        Shortest quote (``CONVERSATION_MAP_QUOTE_MIN_WORDS``).

    Returns
    -------
    dict
        ``html``: the post with ids and margin marks; ``notes``: one entry per marked paragraph
        ``{"id", "kind", "number", "excerpt", "replies": [{"node", "author", "url", "anchor", "how"}]}``:
        its kind in words (:data:`BLOCK_WORDS`) and its number among the blocks of that kind
        ("List item 2"), as a reader counts them.

    Examples
    --------
    >>> html = "<p>First one here.</p><p>A book read slowly once goes further than one skimmed.</p>"
    >>> reply = {"node": "reply:p/1", "author": "Sam", "url": "posts/p/#reply-1", "anchor": "reply-1",
    ...          "parts": TextParts("", "I'm not sure.", ["a book read slowly once goes further than one"], [])}
    >>> result = marginalia(html, [reply])
    >>> [(n["id"], [r["how"] for r in n["replies"]]) for n in result["notes"]]
    [('para-2', ['argued with'])]
    >>> 'id="para-1"' in result["html"], 'href="#margin-para-2"' in result["html"]
    (True, True)
    >>> marginalia(html, [dict(reply, parts=TextParts("", "Nice.", ["first one here"], []))])["notes"]
    []
    """
    source = post_html or ""
    elements = _BlockFinder(source).blocks
    ids = [el.id or f"para-{number}" for number, el in enumerate(elements, 1)]
    texts = [words(el.text()) for el in elements]
    taken: dict[int, list[dict]] = {}
    for reply in replies:
        parts: TextParts = reply["parts"]
        hit: set[int] = set()
        for passage in parts.quotes:
            hit |= _quoted_blocks(passage, texts, min_words)
        named = set()
        for match in _PHRASE_RE.finditer(parts.own_text):
            phrase = words(match.group(1))
            if len(phrase) >= 3:
                where = [i for i, b in enumerate(texts) if _contains(b, phrase)]
                if len(where) == 1:
                    named.add(where[0])
        linked = {ids.index(h.split("#", 1)[1]) for h in parts.hrefs
                  if "#" in h and h.split("#", 1)[1] in ids and not h.split("#", 1)[0].startswith(("http", "//"))}
        taken_up = hit | named | linked
        argues = bool(taken_up) and pushes_back(parts.own_text)  # asked only of a reply that took one up
        for i in sorted(taken_up):
            how = "argued with" if argues else "quoted" if i in hit else "named" if i in named else "linked to"
            taken.setdefault(i, []).append({k: reply[k] for k in ("node", "author", "url", "anchor")} | {"how": how})
    notes, pieces, done = [], [], 0
    counted: dict[str, int] = {}  # kind -> how many of its blocks so far: "List item 2" is the second list item
    for i, el in enumerate(elements):
        kind = BLOCK_WORDS[el.tag]
        counted[kind] = counted.get(kind, 0) + 1
        start_tag = _start_tag(el, ids[i], i in taken)
        if i in taken:
            count = len(taken[i])
            label = f"{count} {'reply' if count == 1 else 'replies'} took this up"
            start_tag += (f'<a class="margin-mark" href="#margin-{escape(ids[i])}" aria-label="{label}" '
                          f'title="{label}">{count}</a>')  # a count, not a footnote: said on hover too
            text = " ".join(el.text().split())
            excerpt = text if len(text) <= 90 else text[:89].rsplit(" ", 1)[0] + "…"
            notes.append({"id": ids[i], "kind": kind, "number": counted[kind], "excerpt": excerpt,
                          "replies": taken[i]})
        pieces += [source[done:el.start], start_tag]
        done = el.end
    pieces.append(source[done:])
    return {"html": "".join(pieces), "notes": notes}

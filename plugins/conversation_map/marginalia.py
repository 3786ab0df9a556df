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

from bs4 import BeautifulSoup

from .insight import pushes_back
from .textmatch import TextParts, shingles, words

_BLOCKS = ("p", "li", "blockquote", "dd", "pre")
_ELISION_RE = re.compile(r"\s*(?:…|\.\s?\.\s?\.|\[\s*(?:…|\.\.\.)\s*\])\s*")
_PHRASE_RE = re.compile(r"[\"“”„«»]([^\"“”„«»]{3,120})[\"“”„«»]")


def _blocks(soup: BeautifulSoup) -> list:
    """Paragraph-like blocks, outermost only (a ``p`` inside a ``blockquote`` is its blockquote)."""
    return [el for el in soup.find_all(_BLOCKS) if el.find_parent(_BLOCKS) is None]


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
        ``{"id", "number", "excerpt", "replies": [{"node", "author", "url", "anchor", "how"}]}``.

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
    soup = BeautifulSoup(post_html or "", "html.parser")
    elements = _blocks(soup)
    ids = []
    for number, el in enumerate(elements, 1):
        if not el.get("id"):
            el["id"] = f"para-{number}"
        ids.append(el["id"])
    texts = [words(el.get_text(" ")) for el in elements]
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
        argues = pushes_back(parts.own_text)
        for i in sorted(hit | named | linked):
            how = "argued with" if argues else "quoted" if i in hit else "named" if i in named else "linked to"
            taken.setdefault(i, []).append({k: reply[k] for k in ("node", "author", "url", "anchor")} | {"how": how})
    notes = []
    for i in sorted(taken):
        el = elements[i]
        count = len(taken[i])
        mark = soup.new_tag("a", attrs={"class": "margin-mark", "href": f"#margin-{ids[i]}",
                                        "aria-label": f"{count} {'reply' if count == 1 else 'replies'} "
                                                      "took this up"})
        mark.string = str(count)
        el["class"] = [*el.get("class", []), "has-margin-note"]
        el.insert(0, mark)
        text = " ".join(el.get_text(" ").split()).removeprefix(str(count)).strip()
        excerpt = text if len(text) <= 90 else text[:89].rsplit(" ", 1)[0] + "…"
        notes.append({"id": ids[i], "number": i + 1, "excerpt": excerpt, "replies": taken[i]})
    return {"html": str(soup), "notes": notes}

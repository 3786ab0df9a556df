"""Reading text for edges: quoted passages, names and handles, questions, links.

Pure functions on strings and parsed HTML; no Pelican objects. Words are compared after
folding case, punctuation, accents and whitespace, so typography never hides a quote.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from bs4 import BeautifulSoup

_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_QUOTED_RE = re.compile(r"[\"“”„«»]([^\"“”„«»]{10,})[\"“”„«»]")
_QUESTION_RE = re.compile(r"\?(?=[\s\"”’)\]]|$)")
_HANDLE_RE = re.compile(r"(?<![\w@./])@([A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9]|[A-Za-z0-9])")


def words(text: str) -> list[str]:
    """The words of ``text``, folded: lower case, no accents, no punctuation.

    Examples
    --------
    >>> words("“Slow reading,” she said — isn’t it?")
    ['slow', 'reading', 'she', 'said', "isn't", 'it']
    """
    # Interned: a site repeats a small vocabulary millions of times (one string per word, not per use).
    if text.isascii():  # nothing to decompose or fold but case (and no ’ to replace)
        return list(map(sys.intern, _WORD_RE.findall(text.lower())))
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return [sys.intern(w.replace("’", "'")) for w in _WORD_RE.findall(plain)]


def shingles(tokens: list[str], size: int) -> set[tuple[str, ...]]:
    """Every run of ``size`` consecutive words.

    >>> sorted(shingles(["a", "b", "c", "d"], 3))
    [('a', 'b', 'c'), ('b', 'c', 'd')]
    """
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


@dataclass
class TextParts:
    """What one post or reply says, split for the edge finders."""

    text: str  # all visible text
    own_text: str  # visible text outside blockquotes (what the writer said in their own voice)
    quotes: list[str]  # blockquotes, <q> elements and "quoted sentences"
    hrefs: list[str]  # every link target, in document order


def parse_html(html: str) -> TextParts:
    """Split HTML into plain text, own words, quoted passages and links.

    Examples
    --------
    >>> parts = parse_html('<blockquote><p>One two three.</p></blockquote>'
    ...                    '<p>Why? As she wrote, "four five six seven eight nine". '
    ...                    'See <a href="../other/">this</a>.</p>')
    >>> parts.quotes
    ['One two three.', 'four five six seven eight nine']
    >>> parts.own_text.startswith("Why?"), parts.hrefs
    (True, ['../other/'])
    """
    soup = BeautifulSoup(html or "", "html.parser")
    hrefs = [a.get("href", "") for a in soup.find_all("a") if a.get("href")]
    text = soup.get_text(" ")
    quotes = []
    for table in soup.find_all(["table", "pre", "code"]):
        table.extract()  # data and code, not someone's words
    for element in soup.find_all(["blockquote", "q"]):
        if element.find_parent(["blockquote", "q"]) is None:
            quotes.append(" ".join(element.get_text(" ").split()))
            element.extract()
    own_text = soup.get_text(" ")
    quotes += [" ".join(m.group(1).split()) for m in _QUOTED_RE.finditer(own_text)]
    return TextParts(text=" ".join(text.split()), own_text=" ".join(own_text.split()),
                     quotes=quotes, hrefs=hrefs)


def questions(own_text: str) -> list[str]:
    """The questions the writer asks in their own words: not inside quotation marks or quotes.

    Examples
    --------
    >>> questions('You asked "is it any good?" I wonder. Would a list help? See https://x.example/?a=1 now.')
    ['Would a list help?']
    """
    text = _QUOTED_RE.sub(" ", own_text)
    sentences = re.split(r"(?<=[.!?…])\s+", " ".join(text.split()))
    return [s.strip() for s in sentences if _QUESTION_RE.search(s)]


def asks_question(own_text: str) -> bool:
    """True when the writer's own words (not what they quote) ask a question.

    >>> asks_question("What would you keep? I wonder."), asks_question("See https://x.example/?a=1 now.")
    (True, False)
    """
    return bool(questions(own_text))


class QuoteIndex:
    """Finds which earlier text a quoted passage comes from.

    Every indexed text is cut into runs of ``min_words`` words; a passage quotes a text
    when they share such a run. The earliest text that holds the run is the source, so a
    reply that re-quotes a quote still points at the original.

    Examples
    --------
    >>> index = QuoteIndex(min_words=8)
    >>> index.add("post:a", 1, "A book read slowly once goes further than a book skimmed three times.")
    >>> index.add("reply:b", 2, "I agree with that.")
    >>> index.sources("a book read SLOWLY once, goes further than a book", before=3)
    ['post:a']
    >>> index.sources("read slowly once goes further", before=3)  # five words: not a quote
    []
    >>> index.sources("a book read slowly once goes further than a book", before=1)
    []
    """

    def __init__(self, min_words: int) -> None:
        self.min_words = min_words
        # run -> (order, node), or a list of them when several texts hold the run (most runs are in
        # one text only: storing the text's one shared tuple halves the memory of a large site).
        self._runs: dict[tuple[str, ...], tuple[object, str] | list[tuple[object, str]]] = {}

    def add(self, node: str, order, text: str, tokens: list[str] | None = None) -> None:
        """Index ``text`` (``tokens``, when given, are its :func:`words`, already computed)."""
        entry = (order, node)
        runs = self._runs
        for run in shingles(words(text) if tokens is None else tokens, self.min_words):
            found = runs.get(run)
            if found is None:
                runs[run] = entry
            elif type(found) is list:
                found.append(entry)
            else:
                runs[run] = [found, entry]

    def sources(self, passage: str, before, exclude: Iterable[str] = ()) -> list[str]:
        """Nodes quoted by ``passage``: the earliest text (by ``order`` < ``before``) for each run."""
        excluded = set(exclude)
        found = set()
        for run in shingles(words(passage), self.min_words):
            found_here = self._runs.get(run)
            if found_here is None:
                continue
            if type(found_here) is tuple:
                found_here = [found_here]
            candidates = [c for c in found_here if c[0] < before and c[1] not in excluded]
            if candidates:
                found.add(min(candidates)[1])
        return sorted(found)


def find_handles(text: str) -> list[str]:
    """``@handles`` in ``text`` (lower case, without the ``@``), not inside emails or URLs.

    >>> find_handles("Thanks @Jonas and @ruth-l. Not me@example.org or https://x.example/@nope")
    ['jonas', 'ruth-l']
    """
    return [m.group(1).casefold() for m in _HANDLE_RE.finditer(text)]

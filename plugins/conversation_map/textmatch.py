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
from html.parser import HTMLParser

_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_QUOTED_RE = re.compile(r"[\"“”„«»]([^\"“”„«»]{10,})[\"“”„«»]")
_QUESTION_RE = re.compile(r"\?(?=[\s\"”’)\]]|$)")
# A statement ending in a tag that asks for agreement, not an answer ("..., right?", "..., gell?", "..., oder?").
_TAG_QUESTION_RE = re.compile(r",\s*(?:right|eh|innit|no|yes|gell|gelle|oder|ne|nicht|nicht wahr|non|n'est-ce pas"
                              r"|isn['’]t it|don['’]t you|wasn['’]t it|aren['’]t they)\s*\?[)\]]*[.!…]*$",
                              re.IGNORECASE)
# Not inside an email or URL; ".@name" (a tweet's way to begin with a handle) is one.
# "@ada@example.social" is someone's handle on another server, not @ada here: no part of it matches.
HANDLE_RE = re.compile(r"(?:(?<![\w@./])|(?<=^\.)|(?<=\s\.))@([A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9]|[A-Za-z0-9])"
                        r"(?![A-Za-z0-9_.-]*@)")


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


def runs_of(tokens: list[str], size: int):
    """Every run of ``size`` consecutive words, in order.

    >>> list(runs_of(["a", "b", "c", "d"], 3))
    [('a', 'b', 'c'), ('b', 'c', 'd')]
    """
    return zip(*[tokens[i:] for i in range(size)], strict=False)  # the shorter lists end it


def shingles(tokens: list[str], size: int) -> set[tuple[str, ...]]:
    """Every run of ``size`` consecutive words (:func:`runs_of`), as a set.

    >>> sorted(shingles(["a", "b", "c", "d"], 3))
    [('a', 'b', 'c'), ('b', 'c', 'd')]
    """
    return set(runs_of(tokens, size))


@dataclass(slots=True)
class TextParts:
    """What one post or reply says, split for the edge finders (one per post and reply: kept small)."""

    text: str  # all visible text
    own_text: str  # visible text outside blockquotes (what the writer said in their own voice)
    quotes: tuple[str, ...]  # blockquotes, <q> elements and "quoted sentences"
    hrefs: tuple[str, ...]  # every link target, in document order
    voice: str = ""  # own_text without "quoted sentences": the words that are the writer's own

    def __post_init__(self) -> None:
        if not self.voice:
            voice = " ".join(_QUOTED_RE.sub(" ", self.own_text).split())
            self.voice = self.own_text if voice == self.own_text else voice  # one string when the same


_SKIPPED = frozenset({"table", "pre", "code"})  # data and code, not someone's words
_QUOTING = frozenset({"blockquote", "q"})
_HIDDEN = frozenset({"script", "style"})  # never text (BeautifulSoup leaves them out of get_text too)


class _Splitter(HTMLParser):
    """One pass over the HTML: every text run goes to the whole text and, unless inside a
    table, ``pre`` or ``code``, to the own words or to the outermost quote around it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.own: list[str] = []
        self.quotes: list[str] = []
        self.hrefs: list[str] = []
        self._quote: list[str] = []
        self._data: list[str] = []
        self._skipped = 0
        self._quoting = 0
        self._hidden = 0

    def _flush(self) -> None:  # one text run per stretch between tags, as BeautifulSoup has it
        if not self._data:
            return
        run = "".join(self._data)
        self._data = []
        self.text.append(run)
        if not self._skipped:
            (self._quote if self._quoting else self.own).append(run)

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._data.append(data)

    def handle_starttag(self, tag: str, attrs) -> None:
        self._flush()
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in _SKIPPED:
            self._skipped += 1
        elif tag in _QUOTING and not self._skipped:
            self._quoting += 1

    def handle_endtag(self, tag: str) -> None:
        self._flush()
        if tag in _HIDDEN and self._hidden:
            self._hidden -= 1
        elif tag in _SKIPPED and self._skipped:
            self._skipped -= 1
        elif tag in _QUOTING and self._quoting and not self._skipped:
            self._quoting -= 1
            if not self._quoting:
                self.quotes.append(" ".join(" ".join(self._quote).split()))
                self._quote = []

    def close(self) -> None:
        super().close()
        self._flush()
        if self._quoting:  # an unclosed quote still counts
            self.quotes.append(" ".join(" ".join(self._quote).split()))


def parse_html(html: str) -> TextParts:
    """Split HTML into plain text, own words, quoted passages and links.

    One pass of the standard library's HTML parser (a BeautifulSoup tree per post and reply
    was a sixth of a large build); the result is what that tree gave.

    Examples
    --------
    >>> parts = parse_html('<blockquote><p>One two three.</p></blockquote>'
    ...                    '<p>Why? As she wrote, "four five six seven eight nine". '
    ...                    'See <a href="../other/">this</a>.</p>')
    >>> parts.quotes
    ('One two three.', 'four five six seven eight nine')
    >>> parts.own_text.startswith("Why?"), parts.hrefs
    (True, ('../other/',))
    >>> parse_html("<p>A<q>b <code>c</code></q> d &amp; e</p><table><tr><td>f</td></tr></table>")
    TextParts(text='A b c d & e f', own_text='A d & e', quotes=('b',), hrefs=(), voice='A d & e')
    """
    splitter = _Splitter()
    splitter.feed(html or "")
    splitter.close()
    own_text = " ".join(" ".join(splitter.own).split())
    quotes = splitter.quotes + [" ".join(m.group(1).split()) for m in _QUOTED_RE.finditer(" ".join(splitter.own))]
    text = " ".join(" ".join(splitter.text).split())
    # Most replies quote nothing: their text and own words are then one string, kept once.
    return TextParts(text=own_text if text == own_text else text, own_text=own_text,
                     quotes=tuple(quotes), hrefs=tuple(splitter.hrefs))


_ANSWER_OPENERS = re.compile(
    r"^(?:yes|no|nope|yep|yeah|sure|of course|because|probably|maybe not|not really|not at all|not yet|"
    r"absolutely|definitely|well|(?:it )?turns out|the answer|easy|simple|i do\b|i did\b|i don['’]t|"
    r"it is\b|it does\b|it doesn['’]t|they are\b|they do\b|none|nothing|never|always)\b",
    re.IGNORECASE)


# A full stop after one of these (or after an initial, or before a small letter) ends no sentence.
_ABBREVIATIONS = frozenset({"e.g", "i.e", "vs", "cf", "dr", "mr", "mrs", "ms", "prof", "st", "nr", "fig",
                            "approx", "ca", "bzw", "z.b", "d.h", "u.a", "vgl", "ggf", "evtl", "inkl", "bspw",
                            "resp", "sog"})  # not "etc."/"usw.": they often end one


def _ends_sentence(masked: str, stop: int, after: int) -> bool:
    """Whether the punctuation just before ``stop`` in ``masked`` ends a sentence (the next
    sentence starting at ``after``): not after "e.g.", "bzw.", an initial, nor before a small letter."""
    if masked[stop - 1] != ".":
        return True
    word = masked[masked.rfind(" ", 0, stop - 1) + 1:stop - 1].lstrip("([„“\"'‚‘«»").casefold()  # one space apart
    following = masked[after:after + 1]
    return not (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or following.islower())


def questions(own_text: str) -> list[str]:
    """The questions the writer asks in their own words and leaves open for others.

    Left out: questions inside quotation marks or quotes; and questions the same writer
    answers at once (rhetorical), that is a question followed by a sentence that opens like
    an answer ("Yes", "No", "Because", "Of course", "Turns out"...), or a question of at most
    three words followed by any statement ("Comments? I love them!").

    Examples
    --------
    >>> questions('You asked "is it any good?" I wonder. Would a list help? See https://x.example/?a=1 now.')
    ['Would a list help?']
    >>> questions("Comments? I love them! Does it scale? No, it does not. Why does it matter? Because it does.")
    []
    >>> questions("Is there a selection effect hiding in it? You picked the book first.")
    ['Is there a selection effect hiding in it?']
    >>> questions("Du sagst, dass „das Deutsche vertilgt werden“ soll, und wunderst dich? Ich nicht.")
    ['Du sagst, dass „das Deutsche vertilgt werden“ soll, und wunderst dich?']
    >>> questions("Ist das Kritik bzw. Zensur? Ich weiß es nicht. Would a tool, e.g. a linter, help? I think so.")
    ['Ist das Kritik bzw. Zensur?', 'Would a tool, e.g. a linter, help?']

    A statement with a tag asking for agreement ("..., right?", "..., gell?") waits for no answer:

    >>> questions("Du siehst, wo der Artikel eingeordnet wurde, gell? You read it, right? Which part, then?")
    ['Which part, then?']
    """
    # Quoted words stay in the sentence shown, but their punctuation neither ends a sentence
    # nor makes it a question: it is masked in a copy of the same length, split there.
    text = " ".join(own_text.split())
    masked = _QUOTED_RE.sub(lambda m: re.sub(r"[.!?…]", ",", m.group(0)), text)
    sentences = []
    start = 0
    for boundary in re.finditer(r"(?<=[.!?…])\s+", masked):
        if not _ends_sentence(masked, boundary.start(), boundary.end()):
            continue
        sentences.append((text[start:boundary.start()], masked[start:boundary.start()]))
        start = boundary.end()
    sentences.append((text[start:], masked[start:]))
    sentences = [(shown.strip(), test.strip()) for shown, test in sentences if shown.strip()]
    found = []
    for i, (sentence, tested) in enumerate(sentences):
        if not _QUESTION_RE.search(tested) or _TAG_QUESTION_RE.search(tested):
            continue
        following = sentences[i + 1][1] if i + 1 < len(sentences) else ""
        answered_at_once = following and not _QUESTION_RE.search(following) and (
            _ANSWER_OPENERS.match(following) or len(words(_QUOTED_RE.sub(" ", sentence))) <= 3)
        if answered_at_once:
            continue
        found.append(_inside_brackets(sentence))
    return found


# Yes and no where the archives we read write them otherwise (German, French, Spanish), for answers_question.
_YES_NO_ELSEWHERE = re.compile(r"^(?:ja|jein|nein|nee|genau|doch|oui|non|sí|claro)\b", re.IGNORECASE)

# Words too common to say that an answer takes up a question's subject (four letters or more: shorter
# ones are never taken), in the languages of the archives we read.
_COMMON_WORDS = frozenset("""
    that this these those with have having from they them then than there their what when where which while
    would could should about your yours were been being will just also some more most into only very much
    such does doing done here over like really think thing things make made know want well good great
    post article comment blog anyone someone something other others same even ever still because
    dass diese dieser dieses diesem diesen eine einen einer einem eines nicht auch aber oder wenn sind habe
    haben hast wird werden wurde noch schon hier mehr sehr denn dann weil kein keine keinen immer wieder
    nach uber unter viel etwas alles gibt kann muss soll will wollen ihre ihren euch mich dich sich selbe
    selben gleiche beitrag kommentar cette sont avec pour dans mais plus como esta pero para
    """.split())


def answer_opening(reply_text: str) -> list[str]:
    """The words of ``reply_text``'s first sentence when it opens like an answer ("Yes", "No",
    "Because", "Ja", "Non"...), else []: what :func:`answers_question` compares with a question.

    >>> answer_opening("No, Obsidian never stuck. Paper did."), answer_opening("Great post. Obsidian is nice.")
    (['no', 'obsidian', 'never', 'stuck'], [])
    """
    opening = " ".join(reply_text.split()[:40])
    if not (_ANSWER_OPENERS.match(opening) or _YES_NO_ELSEWHERE.match(opening)):
        return []
    return words(re.split(r"(?<=[.!?…])\s", opening, maxsplit=1)[0])


def answers_question(question: str, opening: list[str]) -> bool:
    """Whether a reply whose :func:`answer_opening` is ``opening`` reads as an answer to ``question``:
    it opens like one and its first sentence takes up a word of the question (four letters or more, not
    a common one such as "that" or "diese"). A flat comment system's answer is often posted to the post,
    not under the question; without a name to go by, this is what says whom it answers.

    Examples
    --------
    >>> answers_question("Die selbe Otla Pinnow, die bis Mai 2011 in der SPD war?",
    ...                  answer_opening("ja, eben diese Otla. Mehr hier."))
    True
    >>> q = "Did you try it with Obsidian?"
    >>> answers_question(q, answer_opening("Yes, great post, thanks!"))  # no word of the question
    False
    >>> answers_question(q, answer_opening("Great post. Obsidian is nice."))  # it does not open so
    False
    >>> answers_question(q, answer_opening("No. I went back to paper, and Obsidian stayed shut."))
    False
    >>> answers_question(q, answer_opening("No, Obsidian never stuck."))
    True
    """
    if not opening:
        return False
    asked = {w for w in words(_QUOTED_RE.sub(" ", question)) if len(w) >= 4 and w not in _COMMON_WORDS}
    return any(w in asked for w in opening)


def _inside_brackets(sentence: str) -> str:
    """A question that ends inside brackets opened in an earlier sentence, without the closing
    bracket and what follows it ("gell?)." shown as "gell?").

    >>> _inside_brackets("Du siehst, wo der Artikel eingeordnet wurde, gell?)."), _inside_brackets("Why (again)?")
    ('Du siehst, wo der Artikel eingeordnet wurde, gell?', 'Why (again)?')
    >>> _inside_brackets("(Is it?)")
    'Is it?'
    """
    end = re.search(r"\?[)\]]+[.!…]*$", sentence)
    if end is None:
        return sentence
    opened = sentence.count("(") + sentence.count("[")
    closed = sentence.count(")") + sentence.count("]")
    if opened < closed:
        return sentence[: end.start() + 1]
    if sentence[:1] in "([" and opened == closed:
        return sentence[1 : end.start() + 1]
    return sentence


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

    A passage of at least ``min_words`` words that shares no such run (a word left out, an
    elision "…" or "[…]", a word changed) still quotes a text when runs of four words it
    shares with that one text cover at least 80% of its words.

    The passages come first (:meth:`want`), then the texts (:meth:`add`): a text's runs are
    looked up, not stored, and only the texts holding a run of some passage are kept with it.
    The index so grows with what is quoted, not with everything written (an index of every
    run of every text took about 200 MB for a 1,000-post site with 20,000 replies).

    Examples
    --------
    >>> index = QuoteIndex(min_words=8)
    >>> for passage in ("a book read SLOWLY once, goes further than a book", "read slowly once goes further",
    ...                 "a book read slowly … further than a book skimmed",
    ...                 "a book read slowly and well, I think, goes nowhere at all"):
    ...     index.want(passage)
    >>> index.add("post:a", 1, "A book read slowly once goes further than a book skimmed three times.")
    >>> index.add("reply:b", 2, "I agree with that.")
    >>> index.sources("a book read SLOWLY once, goes further than a book", before=3)
    ['post:a']
    >>> index.sources("read slowly once goes further", before=3)  # five words: not a quote
    []
    >>> index.sources("a book read SLOWLY once, goes further than a book", before=1)
    []
    >>> index.sources("a book read slowly … further than a book skimmed", before=3)  # elided
    ['post:a']
    >>> index.sources("a book read slowly and well, I think, goes nowhere at all", before=3)
    []
    >>> index.sources("a passage nobody asked for", before=3)
    Traceback (most recent call last):
    ...
    ValueError: 'a passage nobody asked for' was not named with want() before the texts were added
    """

    SHORT = 4
    COVER = 0.8

    def __init__(self, min_words: int) -> None:
        self.min_words = min_words
        self._wanted: dict[str, None] = {}  # (a dict: in the order named, which state() keeps)
        # run of a wanted passage -> the (order, node) of every text added that holds it
        self._runs: dict[tuple[str, ...], list[tuple[object, str]]] = {}
        self._short: dict[tuple[str, ...], list[tuple[object, str]]] = {}

    def want(self, passage: str) -> None:
        """Name a passage that :meth:`sources` will be asked about (before any :meth:`add`)."""
        if passage in self._wanted:
            return
        self._wanted[passage] = None
        tokens = words(passage)
        # in the passage's order, not a set's (whose order is each process's own): state() keeps the runs by place
        for run in runs_of(tokens, self.min_words):
            self._runs.setdefault(run, [])
        if len(tokens) >= self.min_words:  # only a passage that long may quote by four-word pieces
            for run in runs_of(tokens, self.SHORT):
                self._short.setdefault(run, [])

    def add(self, node: str, order, text: str, tokens: list[str] | None = None) -> None:
        """Read ``text`` (``tokens``, when given, are its :func:`words`, already computed)."""
        entry = (order, node)
        tokens = words(text) if tokens is None else tokens
        for runs, size in ((self._runs, self.min_words), (self._short, self.SHORT)):
            if not runs:
                continue
            # Only the runs some quote wants: a set intersection (in C) instead of a lookup per run,
            # which, over every reply's every run, was millions of lookups.
            for run in runs.keys() & shingles(tokens, size):
                found = runs[run]
                if not found or found[-1] != entry:
                    found.append(entry)

    #: Between the nodes of a run's texts in :meth:`state` (no node name holds it: else no state is kept).
    _APART = "\x1f"

    def state(self) -> tuple | None:
        """What the index holds, as few objects as can be (for :meth:`restore` in a later build): the passages
        in the order named, and for each of their runs in turn the nodes of the texts holding it, in one string
        (None when a node's name holds :data:`_APART`)."""
        apart, held = self._APART, []
        for runs in (self._runs, self._short):
            joined = []
            for found in runs.values():
                text = apart.join(node for _, node in found)
                if text.count(apart) != max(len(found) - 1, 0):
                    return None
                joined.append(text)
            held.append(joined)
        return list(self._wanted), *held

    @classmethod
    def restore(cls, min_words: int, state: tuple, order_of: dict, leave: set[str] = frozenset()) -> QuoteIndex:
        """An index holding what :meth:`state` gave, each text in its order now (``order_of``: node -> order),
        but for those of ``leave`` (their words changed: :meth:`add` reads them again) and those gone.

        >>> index = QuoteIndex(min_words=4); index.want("read it slowly once")
        >>> index.add("post:a", 1, "Read it slowly once."); index.add("reply:b", 2, "Read it slowly once!")
        >>> again = QuoteIndex.restore(4, index.state(), {"post:a": 1, "reply:b": 2})
        >>> again.sources("read it slowly once", before=3), again.sources("read it slowly once", before=1)
        (['post:a'], [])
        >>> QuoteIndex.restore(4, index.state(), {"post:a": 1, "reply:b": 2}, leave={"post:a"}).sources(
        ...     "read it slowly once", before=3)
        ['reply:b']
        """
        index = cls(min_words)
        passages, runs, short = state
        for passage in passages:  # the runs come again in the order they came
            index.want(passage)
        # one entry per text, shared by its runs (as add() shares it): not one per run and text
        entries = {node: (order, node) for node, order in order_of.items() if node not in leave}
        for mine, kept in ((index._runs, runs), (index._short, short)):
            if len(mine) != len(kept):
                raise ValueError("a quote index's state from another version")
            for found, joined in zip(mine.values(), kept, strict=True):
                found.extend(entry for node in joined.split(cls._APART) if (entry := entries.get(node)) is not None)
        return index

    def sources(self, passage: str, before, exclude: Iterable[str] = ()) -> list[str]:
        """Nodes quoted by ``passage``: the earliest text (by ``order`` < ``before``) for each run."""
        if passage not in self._wanted:
            raise ValueError(f"{passage!r} was not named with want() before the texts were added")
        excluded = set(exclude)
        found = set()
        tokens = words(passage)
        for run in shingles(tokens, self.min_words):
            candidates = [c for c in self._runs[run] if c[0] < before and c[1] not in excluded]
            if candidates:
                found.add(min(candidates)[1])
        if found or len(tokens) < self.min_words:
            return sorted(found)
        covered: dict[tuple[object, str], set[int]] = {}
        for i in range(len(tokens) - self.SHORT + 1):
            for candidate in set(self._short[tuple(tokens[i : i + self.SHORT])]):
                if candidate[0] < before and candidate[1] not in excluded:
                    covered.setdefault(candidate, set()).update(range(i, i + self.SHORT))
        enough = [c for c, idx in covered.items() if len(idx) >= max(self.min_words, self.COVER * len(tokens))]
        return [min(enough)[1]] if enough else []


# First names that are also ordinary English words (and months): they need more evidence.
ORDINARY_WORD_NAMES = frozenset("""
    april august june may summer autumn dawn will mark grace hope faith joy rose lily iris ivy holly
    daisy violet ruby pearl amber crystal heather hazel olive penny sky river bill rob frank rich
    ray max jack guy pat sue art drew chase hunter miles victor sandy bob don jay robin sunny
    """.split())
_MONTHS = frozenset({"april", "august", "june", "may"})
_MONTH_BEFORE = frozenset({"in", "since", "until", "till", "by", "of", "early", "late", "last", "next",
                           "this", "every", "during", "through", "from", "mid"})
_SPEECH = frozenset({"said", "says", "wrote", "writes", "asked", "asks", "argued", "argues",
                     "suggested", "suggests", "pointed", "points", "mentioned", "mentions", "replied",
                     "replies", "noted", "notes", "thinks", "thought", "is", "was", "has", "had"})


def addresses_first_name(text: str, first: str) -> bool:
    """True when ``first`` (as written) names someone in ``text``.

    A possessive ("Mira's notes") or a vocative ("Ruth, I agree", "Thanks, Mark.") always
    names. A first name that is also an ordinary word (``ORDINARY_WORD_NAMES``: "Will",
    "May", "Mark"...) needs more at the start of a sentence: a comma or colon after it, a
    verb of saying ("Grace wrote"), or "and" and another name ("May and Will"); and a month
    name after "in", "since", "last"... or before a number is the month.

    Examples
    --------
    >>> addresses_first_name("Will this work on paper?", "Will")
    False
    >>> addresses_first_name("Will, this works. I asked Will too.", "Will")
    True
    >>> addresses_first_name("Thanks. Ruth: yes.", "Ruth")
    True
    >>> addresses_first_name("Ines argued the opposite.", "Ines")
    True
    >>> addresses_first_name("Mira's notes left out the feet.", "Mira")
    True
    >>> addresses_first_name("Back in May I said so. May I add one?", "May")
    False
    >>> addresses_first_name("Both May and Will are right.", "May"), addresses_first_name("Grace wrote it.", "Grace")
    (True, True)

    A first name followed by a surname is someone's full name, which names whoever has it (a
    full name is matched on its own), not the one person here with that first name:

    >>> addresses_first_name("As Zoe Holm said, notes help.", "Zoe"), addresses_first_name("Zoe I agree.", "Zoe")
    (False, True)

    A name of one Latin letter ("m", "D") is a face in prose ("Ganz toll. m(", "xD"), not someone: it
    names them only as a handle ("@m") or a whole name.

    >>> addresses_first_name("Ganz toll. m(", "m"), addresses_first_name("m, I agree.", "m")
    (False, False)
    """
    if len(first) == 1 and first.isascii():
        return False
    ordinary = first.casefold() in ORDINARY_WORD_NAMES
    for match in re.finditer(rf"(?<![\w@]){re.escape(first)}(?=['’]s\b|(?![\w'’-]))", text):
        rest = text[match.end() :]
        if rest[:1] in ("'", "’"):
            return True
        surname = re.match(r" ([^\W\d_][\w'’-]*)", rest)
        if surname and surname.group(1)[0].isupper() and surname.group(1) != "I":
            continue
        before = text[: match.start()].rstrip()
        sentence_start = not before or before[-1] in ".!?…:;\"“(—"
        after = rest.lstrip()[:1]
        if after in (",", ":") or not ordinary:
            return True
        following = rest.split()
        nxt = following[0].strip(".,;:!?").casefold() if following else ""
        if sentence_start:
            if nxt in _SPEECH or (nxt == "and" and len(following) > 1 and following[1][:1].isupper()):
                return True
            continue
        prev = before.split()[-1].strip("(,").casefold() if before.split() else ""
        if first.casefold() in _MONTHS and (prev in _MONTH_BEFORE or nxt[:1].isdigit()):
            continue
        return True
    return False


def find_handles(text: str) -> list[str]:
    """``@handles`` in ``text`` (lower case, without the ``@``), not inside emails or URLs.

    >>> find_handles("Thanks @Jonas and @ruth-l. Not me@example.org or https://x.example/@nope")
    ['jonas', 'ruth-l']
    >>> find_handles(".@TheGreenGreek helped; so did .@ada, not x.@no")
    ['thegreengreek', 'ada']
    >>> find_handles("@ada@example.social is on another server; @ben@ is @ben")
    ['ben']
    """
    if "@" not in text:  # most texts name nobody by handle
        return []
    return [m.group(1).casefold() for m in HANDLE_RE.finditer(text)]

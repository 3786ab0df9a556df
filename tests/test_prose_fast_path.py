"""Plain prose skips the Markdown parser (replies.sanitize.plain_prose_html): whenever it answers,
its HTML must be exactly what Python-Markdown makes of the same text, on generated text and on every
reply of the real archives."""

from __future__ import annotations

import markdown
import pytest
from conftest import REAL_FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st
from replies.reader import split_metadata
from replies.sanitize import PROSE_NEUTRAL, plain_prose_html, render_markdown
from replies.settings import DEFAULTS
from sitebuild import REPO

EXTENSIONS = DEFAULTS["REPLIES_MARKDOWN_EXTENSIONS"]


def parser_html(text: str) -> str:
    return markdown.markdown(text, extensions=list(EXTENSIONS), output_format="html")


# Words, every punctuation mark prose uses and every character a Markdown rule reads, so both
# answers of the fast path are exercised (it must say None for anything it cannot be sure of).
LINE = st.text(alphabet=st.sampled_from(list("ab Zé1. ,;:'\"?!()%/@$’“”—–…-*_`[]#>&<=+|~\\{}^\t")), max_size=30)
TEXT = st.lists(LINE, max_size=8).map("\n".join)


# Prose only: the fast path answers for most of these, so they test its HTML, not its refusals.
PROSE_LINE = st.text(alphabet=st.sampled_from(list("abZé1 .,;:'\"?!()%/@$’“”—–…-")), max_size=30)
PROSE = st.lists(PROSE_LINE, max_size=8).map("\n".join)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(TEXT, PROSE))
def test_the_fast_path_gives_the_parsers_html_or_steps_aside(text):
    fast = plain_prose_html(text)
    if fast is not None:
        assert fast == parser_html(text)


def test_the_fast_path_takes_plain_prose():
    for prose in ("One line.", "Two\nlines, one paragraph.", "A\n\nB\n\n\nC", "Ends at 5.", "10:30, or 1.5 h",
                  "@ada: “yes” — it’s 50% (roughly)!", "well-known; see x.example/a?b"):
        assert plain_prose_html(prose) == parser_html(prose), prose


def test_the_default_extensions_allow_it_and_others_do_not():
    assert PROSE_NEUTRAL.issuperset(EXTENSIONS)
    prose = 'She said "no" -- and left (again).\nWhy?\n\nSee https://x.example/a, 1.5 times.'
    assert plain_prose_html(prose) == parser_html(prose)
    # smarty turns quotes typographic: with it, prose goes through the parser
    smart = render_markdown(prose, ["markdown.extensions.smarty"])
    assert smart == markdown.markdown(prose, extensions=["markdown.extensions.smarty"]) and "&ldquo;" in smart


def test_every_real_reply_that_takes_the_fast_path_renders_as_the_parser_renders_it(tmp_path):
    if not (REAL_FIXTURES / "README.md").is_file():
        pytest.skip(f"real-world fixtures not found at {REAL_FIXTURES} (../shared/fixtures/real)")
    from importers import import_disqus, import_html, import_webmention, import_wordpress

    content = tmp_path / "content"
    for path in sorted((REAL_FIXTURES / "wordpress").glob("*.xml")):
        import_wordpress(path, content)
    import_disqus(REAL_FIXTURES / "disqus" / "isso-disqus.xml", content)
    import_webmention(REAL_FIXTURES / "webmention" / "eleventy_solo-webmentions-cache.json", content,
                      create_posts=True)
    for path in sorted((REAL_FIXTURES / "html").glob("*.html")):
        import_html(path, content)
    imported = [split_metadata(p.read_text(encoding="utf-8"))[1] for p in sorted(content.glob("replies/*/*.md"))]
    assert len(imported) > 100
    # Imported bodies are HTML (the parser's job); the sample's hand-written replies are mostly prose.
    written = [split_metadata(p.read_text(encoding="utf-8"))[1] for p in sorted(REPO.glob("content/replies/*/*.md"))]
    fast = 0
    for body in imported + written:
        html = plain_prose_html(body)
        if html is not None:
            fast += 1
            assert html == parser_html(body), body
    assert fast >= 5

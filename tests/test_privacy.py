"""Privacy as a tested function: ``replies.privacy`` decides what is personal data, in both directions.

``PRIVATE`` lists every form the security review found plus many more; each must be hidden.
``LOOK_ALIKES`` lists ordinary text that only looks like an address; each must stay as written.
The full build in ``test_injection.py`` places the same values in replies, names, URLs, file
names and imports and scans the whole published output for them.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from replies.privacy import has_private_data, loggable, redact, redact_html, safe_url
from replies.sanitize import clean_html
from sitebuild import text_files

# (text, the secret part that must not survive)
PRIVATE = [
    ("write to ada@example.org", "ada@example.org"),
    ("ADA.PARK+blog@Example.ORG", "Example.ORG"),
    ("name%40host.org", "host.org"),
    ("name%2540host.org", "host.org"),
    ("name%252540host.org", "host.org"),
    ("https://x.example/?u=eve%40example.com", "example.com"),
    ("name@host.zip", "host.zip"),
    ("name@host.museum", "host.museum"),
    ("name@host.photography", "host.photography"),
    ("name@exämple.org", "exämple.org"),
    ("имя@пример.рф", "пример.рф"),
    ("name@xn--exmple-cua.org", "xn--exmple-cua.org"),
    ("name@sub.domain.co.uk", "domain.co.uk"),
    ("mailto:ada@example.org", "ada@example.org"),
    ("ada at example dot org", "example dot org"),
    ("ada [at] example [dot] org", "example [dot] org"),
    ("ada(at)example(dot)org", "example(dot)org"),
    ("ada {at} example {dot} org", "example {dot} org"),
    ("ADA AT EXAMPLE DOT ORG", "EXAMPLE DOT ORG"),
    ("ada [at] example.org", "example.org"),
    ("<ada@example.org>", "ada@example.org"),
    ("\"Ada\" <ada@example.org>", "ada@example.org"),
    ("first.last@mail.example.com,", "mail.example.com"),
    ("192.0.2.144", "192.0.2.144"),
    ("from 203.0.113.9.", "203.0.113.9"),
    ("192.000.002.103", "192.000.002.103"),
    ("0xC0.0x00.0x02.0x67", "0xC0.0x00.0x02.0x67"),
    ("http://3221226095/", "3221226095"),
    ("http://0xC0000273/", "0xC0000273"),
    ("http://0xc0000273:8080/path", "0xc0000273"),
    ("http://192.0.2.55/admin", "192.0.2.55"),
    ("https://198.51.100.7:8443/", "198.51.100.7"),
    ("fe80::1ff:fe23:4567:890a", "fe80::1ff:fe23:4567:890a"),
    ("fe80::1%eth0", "fe80::1"),
    ("http://[fe80::1]/", "fe80::1"),
    ("2001:db8::42:1", "2001:db8::42:1"),
    ("fd00::5", "fd00::5"),
    ("::ffff:192.0.2.128", "192.0.2.128"),
    ("81.2.69.160 wrote", "81.2.69.160"),
    ("10.0.0.1", "10.0.0.1"),
    ("192.168.1.20", "192.168.1.20"),
    ("IP: 172.16.5.4;", "172.16.5.4"),
    # a range, an address after an ellipsis, an email ending in "-" or "_" (hostile-input reviews)
    ("192.0.2.1-192.0.2.9-192.0.2.10 blocked", "192.0.2.10"),
    ("see...203.0.113.46", "203.0.113.46"),
    ("blocked 203.0.113.47-203.0.113.48;", "203.0.113.4"),
    ("https://eve.example/?from=203.0.113.132-203.0.113.133", "203.0.113.13"),
    ("Dash eve.d1@victim.org-", "victim.org"),
    ("mail eve.d3@victim.org--thanks", "victim.org"),
    ("https://d.example/?to=eve.d5@victim.org_", "victim.org"),
    # characters that show nothing, inside an address that reads whole
    ("eve.zw2@vic\u200btim.org", "tim.org"),
    ("eve\u00ad@victim.org", "victim.org"),
    ("203.0\u200b.113.7", "113.7"),
    ("eve.name@vic\u034ftim.org", "tim.org"),  # combining grapheme joiner
    ("eve@vic\ufe0ftim.org", "tim.org"),  # variation selector
    ("eve@vic\u200atim.org", "tim.org"),  # hair space
    ("eve@vic\u3164tim.org", "tim.org"),  # Hangul filler
    # spread over words that only the whole text shows (a second review: the word-by-word reading missed them)
    ("ada [at] exa\u200bmple [dot] org", "mple"),
    ("ada\u200b at example dot org", "example dot org"),
    ("a\u200bda [at] example [dot] org", "example [dot] org"),
    ("ada [at] example\uff0eorg", "example"),
    ("ada\u2800at\u2800example\u2800dot\u2800org", "example"),  # braille blanks read as spaces
    ("ada\u200a@\u200aexample.org", "example.org"),  # hair spaces
    # read as written too, not only as shown (a third review)
    ("mail ada@example.org\u200a2024 now", "example.org"),
    ("server 192.0.2.1\u200ba ok", "192.0.2.1"),
    ('"eve.quotedlocal"@victim.org', "victim.org"),
    # a fourth review: IPv6 after a word and a colon or before a clause's colon, "@" written around,
    # a domain of many labels, a one-dot leader, a character reference shown as text
    ("Ada ip:2001:db8::1", "2001:db8"),
    ("user@[IPv6:2001:db8::2]", "2001:db8"),
    ("2001:db8::1: unreachable", "2001:db8"),
    ("bob@example [dot] org", "example"),
    ("carol[@]gmail.com", "gmail.com"),
    ("dan(@)gmail.com", "gmail.com"),
    ("ada @ example.org", "example.org"),
    ("DM @ada [at] example [dot] org, write @bo at example dot com", "example"),
    ("@cy(at)example.org", "example.org"),
    ("x@a.b.c.d.e.f.g.h.i.example", "i.example"),
    ("ada@one.two.three.four.five.six.seven.eight.nine.example.org", "example.org"),
    ("ada@ex\u2024ample.org", "ample.org"),
    ("ada&#64;example.org and bo&#x40;example.org", "example.org"),
    ("from:2a00:1450:4001:81b::200e", "2a00:1450"),
    ("fd00::5 and fe80::1%eth0", "::"),
    ("nat64 64:ff9b::192.0.2.33", "192.0.2.33"),
    ("mapped ::ffff:c000:207 and 64:ff9b::c000:221", ":207"),
    ("translated x ::ffff:0:c000:207 y", "c000:207"),
    ("compatible ::c000:207", "c000:207"),
    ("site-local fec0::a00:27ff:fe4e:66a1", "fe4e:66a1"),
    ("solicited ff02::1:ffa8:53a6", "ffa8:53a6"),
]

# Text that only looks like an address; it must stay exactly as written.
LOOK_ALIKES = [
    "kernel 2.6.16.21-0.25",
    # versions, patches, platforms and code from real text (a review ran the rules over 9,800 files)
    "version 1.2.3.4-beta",
    "zlib 1.3.0.1-motley-7d77fb7",
    "shadow-4.0.18.1-mtime.patch",
    "powerpc-ibm-aix7.2.0.0",
    "Debian_Python_Policy_0.12.0.0_documentation",
    "Qt5.15.2.0 and python3.11.2.1",
    "sd_IN@devanagari.UTF-8",
    "A@sps.diags_array(C)",
    "logo%402x.png and photo%402x%2Epng",
    "kernel 4.19.0.1-2",
    "build 2.6.16.21-0.25.el5",
    "v1.2.3.4-beta",
    'say "hi"@home',
    "v2.6.16.21-rc1",
    "V10.0.0.1",
    "file_v1.2.3.4",
    "2.6.16.21-0.25-1",
    "build 1.2.3.4-5",
    "ratio 1.5-2.5",
    "192.0.2-192.0.3",
    "@ada@mastodon.social-",
    "img@2x.png_",
    "soft\u00adhyphen and zero\u200bwidth, 1.2.3",
    "\U0001F469\u200d\U0001F4BB Ada",
    "v1.2.3.4",
    "release 10.4.11+deb12u1",
    "the public resolver 8.8.8.8",
    "and 1.1.1.1 or 9.9.9.9",
    "localhost is 127.0.0.1",
    "2001:4860:4860::8888 answers too",
    "svn+ssh://svn@svn.example.org/repo",
    "git+ssh://git@example.org/x.git",
    "photo@2x.png",
    "icon@1.5x.jpg",
    "see version 3.10 at 12:30:00",
    "x :: Int",
    "a[1::2]",
    "at 10:30: the meeting",
    "std::vector<int> and C::D::E",
    "mac aa:bb:cc:dd:ee:ff",
    "meet at 10 @ home, email me @ noon.",
    "I work at example.org",
    "He said @ 3pm, see @alice and @bob.",
    "ratio 1:2:3 and time 12:34:56",
    "user @ home",
    "array[::2] and x[1:2:3]",
    "C++ std::map::find",
    "the @media (min-width: 40em) rule",
    "cost @ 3.50 each, Python @ 3.11.2",
    "ping ::1 and localhost",
    "decorators like @ property.setter",
    "I agree with @example.org here, follow @pfrazee.com on Bluesky; loss = x @W.fr",
    "obj.de:ad::be",
    "::1",
    "we met at noon",
    "look at the data",
    "@ada on the fediverse",
    "@name@mastodon.social",
    "follow (@ada@social.example)",
    "pkg@1.2.3",
    "@scope/package",
    "1.2.3",
    "10.5 million",
    "3221226095 visitors",
    "section 4.2.1.3.5",
    "at home dot com bubble",
    "email me",
    "user@host",
    "100%40 cotton",
    "https://example.org/a@b",
    "C:\\Users\\ada",
    "12:34:56",
    "ISBN 978-3-16-148410-0",
    "1.2.3.4.5",
    "Ada Park",
    "https://ada.example/",
    "ratio 3:2:1",
    "@@ -1,4 +1,5 @@",
    "a.b@c",
    "9.9.9.9.9",
    "0.0.0.0 binds every interface",
    "pos:1:2::3, ratio a:1:2::3 and v:10:20::30",  # IPv6 in form only: space no machine is given
    "multicast ff02::1:2:3",
    "x[::2:3] and y[::1:2]",  # IPv4 below 1.0.0.0 in IPv6 form: slices, not addresses
]


@pytest.mark.parametrize(("text", "secret"), PRIVATE)
def test_private_forms_are_hidden(text, secret):
    assert has_private_data(text), text
    hidden = redact(text)
    assert secret not in hidden, hidden
    assert "hidden]" in hidden


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_stay(text):
    assert redact(text) == text
    assert not has_private_data(text)


def test_tables_are_big_enough():
    assert len(PRIVATE) >= 30 + 12 and len(LOOK_ALIKES) >= len(PRIVATE) - 1


@pytest.mark.parametrize(("text", "secret"), PRIVATE)
def test_private_forms_in_links_names_and_attributes(text, secret):
    html = str(clean_html(f'<p title="{text}"><a href="https://x.example/?q={text}">{text}</a> '
                          f'<abbr title="{text}">Ab</abbr></p>'))
    assert secret not in html
    assert "href" not in html or "hidden" not in html.split("href=")[1].split('"')[1]  # never rewritten
    assert safe_url(f"https://x.example/{text}") is None or secret not in text


@pytest.mark.parametrize(("url", "kept"), [
    ("http://192.0.2.9/x", False), ("http://3221226095/", False), ("http://0xC0000273/", False),
    ("http://192.000.002.103/", False), ("http://[fe80::1]/", False), ("https://ex.example/a?e=a%40b.org", False),
    ("https://ada.example/", True), ("https://example.org/releases/2.6.16.21-0.25/", True),
    ("https://dns.example/8.8.8.8", True),
])
def test_safe_url(url, kept):
    assert (safe_url(url) == url) is kept


def test_own_post_mode_keeps_what_identifies_nobody():
    html = ('<p>Router at <a href="http://192.168.1.1/">192.168.1.1</a>; resolver 8.8.8.8; '
            'kernel 2.6.16.21-0.25.</p><pre><code>ssh git@example.org</code></pre>'
            '<p>Mail mira@field.example; old server 192.0.2.44; '
            '<a href="http://192.0.2.44/x">old site</a></p>')
    out = redact_html(html, own_post=True)
    assert '<a href="http://192.168.1.1/">192.168.1.1</a>' in out
    assert "8.8.8.8" in out and "2.6.16.21-0.25" in out and "git@example.org" in out
    assert "mira@field.example" not in out and "192.0.2.44" not in out
    assert "<a>old site</a>" in out  # the link loses its address, never becomes http://[address hidden]/


def test_redaction_never_breaks_a_link():
    from urllib.parse import urlsplit

    out = str(clean_html('<a href="http://192.0.2.1/x">a</a> <a href="https://h.example/1.2.3.4/">b</a>'))
    for href in __import__("re").findall(r'href="([^"]*)"', out):
        urlsplit(href)  # raises ValueError for "http://[address hidden]/"
    assert "[address hidden]" not in out.split(">a<")[0]


def test_loggable_never_prints_private_values():
    assert "ada" not in loggable("mailto:ada@example.org")
    assert loggable("https://ada.example/") == "'https://ada.example/'"


def test_redaction_is_linear_on_long_input():
    import time

    hostile = "a" * 200_000 + "@" + "b." * 50_000 + " " + "1." * 100_000 + " " + "f:" * 50_000
    start = time.perf_counter()
    redact(hostile)
    has_private_data(hostile)
    redact("x" * 1_000_000 + " \u200b")  # a long word beside one that shows nothing (was 2 hours)
    redact("w\u200b@x.org\u2800 " * 100_000)
    assert time.perf_counter() - start < 10  # a quadratic pattern takes hours here


# -- a third review's attacks on the session's new paths ---------------------------------------------------


def test_addresses_written_in_other_forms_are_refused_as_urls_and_hidden_as_text():
    for url in ("https://ada%40example.org/p", "https://ada%2540example.org/", "http://0300.0250.0.1/x",
                "http://192.0.2/x", "http://192.11010049/", "http://１９２．０．２．１/x", "http://192。0。2。1/x"):
        assert safe_url(url) is None, url
    assert safe_url("https://1password.com/") == "https://1password.com/"  # a name that starts with a digit
    assert redact("write to ada＠example.org at １９２．０．２．１") == "write to [email hidden] at [address hidden]"


def test_problems_logged_hide_addresses_and_control_characters(tmp_path, caplog):
    from conftest import SiteMaker
    from replies.model import RepliesError

    site = SiteMaker(tmp_path)
    site.post("p", extra="Replies: closed — mail bob@example.org or 198.51.100.23 \u202eevil\n")
    site.post("q", extra="Comments: closed, ask carol@example.org\n")
    folder = site.reply("p", "ada-1", "Fine.").parent
    site.reply("p", "dave@example.org", "Waiting.", Status="pending")
    (folder / "evil\x1b[2Jred-1.txt").write_text("Author: Eve\nDate: 2026-01-02\n\nHi", encoding="utf-8")
    site.build()
    said = "\n".join(r.getMessage() for r in caplog.records)
    for secret in ("bob@example.org", "198.51.100.23", "carol@example.org", "dave@example.org", "\x1b", "\u202e"):
        assert secret not in said, secret
    assert "evil\\x1b[2Jred-1.txt" in said  # named, escaped
    with pytest.raises(RepliesError):
        site.build(REPLIES_STRICT=True)


def test_two_files_named_after_addresses_keep_two_neutral_ids(tmp_path):
    from conftest import SiteMaker

    site = SiteMaker(tmp_path)
    site.post("p")
    site.reply("p", "carol@example.org", "The same words.")
    site.reply("p", "203.0.113.9", "The same words.")
    site.build()  # no "already used by": the id is part of what the neutral one is made from
    ids = [li["id"] for li in site.page("posts/p/index.html").select("li.reply")]
    assert len(ids) == 2 and len(set(ids)) == 2 and all(i.startswith("reply-id-") for i in ids)


def test_the_misplaced_reply_scan_does_not_follow_links_out_of_content(tmp_path):
    from replies.reader import misplaced_replies

    outside = tmp_path / "outside" / "deep"
    outside.mkdir(parents=True)
    (outside / "README.md").write_text("not a reply")
    replies = tmp_path / "content" / "replies"
    (replies / "p").mkdir(parents=True)
    (replies / "p" / "usr").symlink_to(tmp_path / "outside", target_is_directory=True)
    (replies / "p" / "old").mkdir()
    (replies / "p" / "old" / "link").symlink_to(tmp_path / "outside", target_is_directory=True)
    assert misplaced_replies(replies) == []


def test_media_shortcodes_link_from_the_words_only():
    from importers.htmltext import html_blocks

    body = html_blocks('<p>Watch [embed]https://www.youtube.com/watch?v=abc&amp;t=10[/embed] now. '
                       '[audio src="https://m.example/b.mp3"]The lyrics I wrote[/audio] '
                       '<!-- [audio src="https://m.example/a.mp3"] moderator note: banned --> '
                       '<a href="https://x.example/" title="[audio src=https://m.example/a.mp3] x">my words</a></p>')
    assert 'href="https://www.youtube.com/watch?v=abc&amp;t=10"' in body and "&amp;amp;" not in body
    assert "The lyrics I wrote" in body and "moderator note" not in body
    assert 'title="[audio src=https://m.example/a.mp3] x"' in body and ">my words</a>" in body
    big = html_blocks("[audio " * 45000)  # linear: a bounded pattern
    assert big.count("[audio") == 45000


def test_full_width_prose_is_shown_as_written(site):
    """Full-width dots and digits are read as ASCII to find addresses; where there is none, a reply in
    Japanese keeps its "。" and "１２３" (they became "." and "123" on the page)."""
    site.post("p")
    site.reply("p", "ada-1", "今日は晴れです。価格は１２３円でした。")
    site.reply("p", "ben-1", "連絡は ben＠example.org まで。", Author="Ben Ode")
    site.build()
    page = site.page("posts/p/index.html")
    shown = page.select_one("#reply-ada-1 .reply-content").get_text(strip=True)
    assert shown == "今日は晴れです。価格は１２３円でした。"
    assert "example.org" not in page.select_one("#reply-ben-1 .reply-content").get_text()


def test_a_detached_reply_names_its_missing_parent_with_addresses_hidden(site):
    """A reply whose Reply-To names no reply is shown, saying it answers a reply not here, and on hover the
    id as written, but an email or IP address in it hidden (the build's warning hid it already; the page
    had printed it)."""
    site.post("p")
    site.reply("p", "ada-1", "First.")
    site.reply("p", "eve-1", "Answering.", **{"Reply-To": "eve.rt@victim.org", "Author": "Eve"})
    site.reply("p", "eve-2", "Answering.", **{"Reply-To": "p/203.0.113.140", "Author": "Eve"})
    site.reply("p", "eve-3", "Answering.", **{"Reply-To": "gone-1", "Author": "Eve"})
    site.build()
    page = site.page("posts/p/index.html")
    said = [p.get_text(" ", strip=True) for p in page.select(".in-reply-to--detached")]
    assert said == ["In reply to an earlier reply that is not here."] * 3
    names = [p["title"] for p in page.select(".in-reply-to--detached")]
    assert names == [f"It names “{n}”, which is not among the replies here."
                     for n in ("[email hidden]", "p/[address hidden]", "gone-1")]
    assert "victim.org" not in str(page) and "203.0.113.140" not in str(page)


def test_a_posts_own_summary_tags_and_text_hide_emails_everywhere(site, caplog):
    """An email in a post's own Summary, Tags or text reached the meta description, tag pages, feeds and
    the map's quotes of the post; Markdown's ``<address>`` link carries it in character references. They
    are hidden; IP addresses and ``user@host`` in code are the author's to write (versions, sections)."""
    post = site.post("p", "Write to mira.post@victim.org or <eve.auto@victim.org>; V8 is at 3.14.5.9.\n\n"
                          "Config: `git@example.org`\n",
                     extra="Summary: Mail eve.summary@victim.org about RFC 1122 4.2.3.6.")
    post.write_text(post.read_text(encoding="utf-8").replace("Tags: reflection", "Tags: reading, eve.tag@victim.org"),
                    encoding="utf-8")
    site.reply("p", "ada-1", "> Write to mira.post@victim.org or <eve.auto@victim.org>; V8 is at 3.14.5.9.\n\n"
                             "Quoting the post, at length, to take it up word by word here.")
    site.build()
    for path, text in text_files(site.output):
        assert "victim.org" not in text, path
    body = site.page("posts/p/index.html").select_one(".entry-content, article").get_text(" ")
    assert "3.14.5.9" in body and "git@example.org" in body
    warned = [r.getMessage() for r in caplog.records if "held an email address" in r.getMessage()]
    assert len(warned) == 1 and "Tags, Summary, the text held an email address" in warned[0]


def test_an_email_only_in_a_posts_code_is_not_reported(site, caplog):
    site.post("p", "Clone it:  \nwith `git clone git@example.org:me/repo.git`&nbsp;and go.")
    site.build()
    assert "git@example.org" in site.page("posts/p/index.html").get_text()
    assert not [r for r in caplog.records if "held an email" in r.getMessage()]


def test_a_posts_own_addresses_are_published_on_request(site, caplog):
    site.post("p", "Write to mira.post@victim.org.", extra="Summary: From eve@victim.org.")
    site.build(REPLIES_POST_EMAILS="publish")
    assert "mira.post@victim.org" in site.page("posts/p/index.html").get_text()
    assert any("Summary, the text holds an email address and it IS PUBLISHED" in r.getMessage()
               for r in caplog.records)


def test_names_lose_the_characters_that_show_nothing(site, caplog):
    """"Bob\u202e" turned the rest of the map's label around ("BobraM 2 ,"), and "Ada Park\u200b" looked
    like Ada Park but was a person (and a page) apart: such characters are removed, with a warning."""
    site.post("p")
    site.reply("p", "ada-1", "First.", Author="Ada Park")
    site.reply("p", "ada-2", "Second.", Author="Ada Park\u200b", Date="2026-01-03 10:00")
    site.reply("p", "bob-1", "Third.", Author="Bob\u202e", Date="2026-01-04 10:00")
    site.reply("p", "emo-1", "Fourth.", Author="\U0001F469\u200d\U0001F4BB Kim", Date="2026-01-05 10:00")
    site.build()
    for path, text in text_files(site.output):
        assert "\u202e" not in text and "\u200b" not in text, path
    page = site.page("posts/p/index.html")
    names = [n.get_text(strip=True) for n in page.select(".reply-author")]
    assert names[:3] == ["Ada Park", "Ada Park", "Bob"] and "\u200d" in names[3]
    assert not (site.output / "people" / "ada-park-2").exists()
    warned = [r.getMessage() for r in caplog.records if "show nothing" in r.getMessage()]
    assert len(warned) == 2 and all("ada-2.md" in m or "bob-1.md" in m for m in warned)


def test_a_name_mixing_look_alike_alphabets_is_named_to_the_moderator(site, caplog):
    """"Mіra Okafor" with a Cyrillic "і" looks like the post's author; the build says which reply."""
    site.post("p")
    site.reply("p", "fake-1", "I, the author, agree.", Author="M\u0456ra Okafor")
    site.reply("p", "ivan-1", "Hello.", Author="Иван Petrov", Date="2026-01-03 10:00")
    site.build()
    warned = [r.getMessage() for r in caplog.records if "mixes alphabets" in r.getMessage()]
    assert len(warned) == 1 and "fake-1.md" in warned[0] and "'M\u0456ra'" in warned[0]


def test_a_post_that_would_load_from_another_site_is_named(site, caplog):
    """The pages' Content-Security-Policy blocks an image from another site (the reader sees nothing there);
    the build says which post and which site, and leaves the site's own address alone."""
    site.post("p", "![chart](https://images.example/chart.png)\n\n"
                   "![ours](https://owner.github.io/repo/images/ours.png) and a [link](https://other.example/).\n\n"
                   '<video poster="https://images.example/p.jpg" src="/v.mp4"></video>',
              extra="Summary: A summary with ![a thumb](https://images.example/thumb.png)\n")
    site.build(SITEURL="https://owner.github.io/repo")
    warned = [r.getMessage() for r in caplog.records if "loads from another site" in r.getMessage()]
    assert len(warned) == 1 and "p.md" in warned[0] and "(images.example)" in warned[0]
    # shown as a link, on the page and in the feeds (which no page policy guards: a feed reader would fetch it)
    body = site.page("posts/p/index.html").select_one(".post-body")
    assert body.select_one('a[href="https://images.example/chart.png"]').get_text() == "[image: chart]"
    assert body.select_one('video[src="/v.mp4"]').get("poster") is None  # the site's own video stays
    feed = (site.output / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert "images.example/thumb.png" in feed and "[image: a thumb]" in feed  # the Summary's image too
    assert body.select_one('img[src="https://owner.github.io/repo/images/ours.png"]') is not None
    for path, text in text_files(site.output):
        assert "src=\"https://images.example" not in text and "src=&#34;https://images.example" not in text \
            and "src=&quot;https://images.example" not in text, path


def test_hiding_an_address_leaves_the_rest_of_the_text_as_written():
    """Only the word holding an address is read without its invisible characters: an emoji's joiner, a
    Persian word's non-joiner and a soft hyphen elsewhere stay (they were all dropped with the address)."""
    text = "\U0001F469\u200d\U0001F4BB Ada (\u0633\u0644\u0627\u0645\u200c\u0639\u0644\u06cc\u06a9\u0645) " \
           "writes from ada@exa\u200bmple.org, 192.0.2.7 and a soft\u00adhyphen"
    assert redact(text) == ("\U0001F469\u200d\U0001F4BB Ada (\u0633\u0644\u0627\u0645\u200c\u0639\u0644\u06cc"
                            "\u06a9\u0645) writes from [email hidden], [address hidden] and a soft\u00adhyphen")


def test_an_import_and_a_reply_read_a_name_with_invisible_characters_alike():
    """"Ada\u200bPark" was "Ada Park" when imported and "AdaPark" when read from a reply file."""
    from importers.safety import one_line
    from replies.limits import visible

    for name in ("Ada\u200bPark", "Ada Park\u3164", "Bob\u202e", "\U0001F9D9\u200d\u2642\ufe0f Kim"):
        assert one_line(name) == " ".join(visible(name).split()), name


def test_a_posts_email_in_character_references_a_comment_or_its_slug_is_hidden(site, caplog):
    """Found by a second review: a Title or Category with ``&#64;``, an HTML comment and a Slug published
    the address (a page shows ``&#64;`` as "@"; a comment is in the page's source and the feeds)."""
    post = site.post("p", "Hello.\n\n<!-- reach me: c1@example.org -->\n\nAnd %61da%40example%2Eorg too.",
                     title="Write to ada&#64;example.org")
    post.write_text(post.read_text(encoding="utf-8").replace("Category: Practice", "Category: c3&#64;example.org")
                    .replace("Slug: p", "Slug: s4@example.org"), encoding="utf-8")
    site.build()
    for path, text in text_files(site.output):
        for secret in ("ada@example.org", "ada&#64;example", "c1@example.org", "c3@example.org", "c3&#64;",
                       "s4@example.org", "%2Eorg"):
            assert secret not in text, (path, secret)
    assert not [p for p in site.output.rglob("*") if "@" in p.name]
    warned = [r.getMessage() for r in caplog.records if "held an email address" in r.getMessage()]
    assert len(warned) == 1 and "Title, Category, Slug, the text" in warned[0]


def test_replies_in_the_folder_named_by_a_slug_that_held_an_email_are_still_shown(site, caplog):
    """A ``Slug`` holding an email is replaced by a neutral one; its replies folder, named as the post's
    file wrote the slug, is still that post's (it was read as a folder with no post and its replies lost),
    a ``Reply-To`` naming one of them by the slug as written finds it, and ``check-replies`` agrees with
    the build on both folders, naming no address in what it prints."""
    from replies.check import check_replies
    from replies.post_emails import neutral_slug
    from sitebuild import site_settings

    site.post("p", "Hello.").write_text(site.post("p", "Hello.").read_text(encoding="utf-8")
                                        .replace("Slug: p", "Slug: s4@example.org"), encoding="utf-8")
    site.post("q", "Another post.")
    site.reply("s4@example.org", "sam-1", "Written before the slug was hidden.", Author="Sam Lee")
    site.reply("s4@example.org", "ada-1", "And an answer to Sam.", Reply_To="sam-1", Date="2026-01-03 10:00")
    site.reply("q", "kim-1", "Answering Sam from here.", Author="Kim Ito", Reply_To="s4@example.org/sam-1")
    neutral = neutral_slug("s4@example.org", "2026-01-01")  # the post's day
    site.reply(neutral, "lee-1", "Sent through the page's own Reply link.", Author="Lee Park",
               Date="2026-01-04 10:00")
    site.build(REPLIES_STRICT=True)  # no folder without its post, no Reply-To left unfound: a warning fails
    assert not [m for m in (r.getMessage() for r in caplog.records) if "no post has that slug" in m
                or "no such reply" in m]
    assert (site.output / "posts" / neutral / "index.html").is_file()  # as check-replies works it out
    page = site.page(f"posts/{neutral}/index.html")
    assert [n.get_text(strip=True) for n in page.select(".reply-author")] == ["Sam Lee", "Ada Park", "Lee Park"]
    assert page.select_one("#reply-ada-1").find_parent(id="reply-sam-1") is not None  # threaded as written
    other = site.page("posts/q/index.html").select_one("#reply-kim-1")
    assert "reply--detached" not in other.get("class", []) and f"posts/{neutral}/#reply-sam-1" in str(other)
    for path, text in text_files(site.output):
        assert "s4@example.org" not in text and "s4%40" not in text, path

    settings = site_settings(site.content, site.output, REPLIES_STRICT=True)
    report = check_replies(site.content, settings)
    assert not report.failed(strict=True), report.format(strict=True)
    assert len(report.files) == 4
    site.reply("s4@example.org", "bad-1", "An id the build refuses.", Author="Your name")
    report = check_replies(site.content, settings, [site.content / "replies" / "s4@example.org" / "bad-1.md"])
    assert report.failed() and "replies/[email hidden]/bad-1.md" in report.format()
    assert "s4@example.org" not in report.format() + report.annotations()
    # A file the build cannot read yet (no Author) answering a reply of that folder: only the Author is
    # missing; its parent was looked for under the folder's name as written and reported as no such reply.
    site.reply("s4@example.org", "nob-1", "Who am I?", Author="", Reply_To="sam-1")
    site.reply("s4@example.org", "nob-2", "To Lee.", Author="", Reply_To="lee-1")  # Lee's in the other folder
    site.reply("q", "nob-3", "And from here.", Author="", Reply_To="s4@example.org/sam-1")
    unread = [site.content / "replies" / "s4@example.org" / "nob-1.md",
              site.content / "replies" / "s4@example.org" / "nob-2.md", site.content / "replies" / "q" / "nob-3.md"]
    said = check_replies(site.content, settings, unread).format()
    assert said.count("missing required metadata 'Author'") == 3 and "no such reply" not in said, said


def test_neutral_slugs_are_told_apart_and_stay_when_other_posts_come_or_files_move(site, caplog):
    """Two posts whose Slugs hold addresses came out with one neutral slug when its digits came from the
    file path (both ``posts/[email hidden].md``): Pelican stopped, one page over the other. A neutral slug
    now says nothing of the address or the path: the slug with the address hidden and the post's day, so
    a post added, or a file moved, leaves every other post at its address with its replies (numbered
    "-2", "-3" only for two on the same day). ``check-replies`` gives the same slugs, and Pelican's own
    log lines name no address either."""
    from replies.check import check_replies
    from sitebuild import site_settings

    def post(name: str, day: str, file: str) -> None:
        path = site.post("p", f"Written to {name[0]}.", title=f"To {name[0].upper()}", date=f"{day} 09:00")
        path.write_text(path.read_text(encoding="utf-8").replace("Slug: p", f"Slug: {name}"), encoding="utf-8")
        path.rename(site.content / "posts" / file)
        site.reply(name, "sam-1", f"A reply to the post for {name[0]}.", Author="Sam Lee")

    def where() -> dict[str, str]:  # page folder -> whose post, whose reply
        found = {}
        for page in (site.output / "posts").glob("*/index.html"):
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            found[page.parent.name] = (soup.h1.get_text(strip=True),
                                       soup.select_one(".reply-content").get_text(strip=True))
        return found

    post("ada@example.org", "2026-01-01", "ada@example.org.md")
    post("bob@example.org", "2026-01-02", "bob@example.org.md")
    site.raw("posts/cy@example.org.md", "Title: Broken\nDate: not a date\n\nA post Pelican cannot read.\n")
    site.build(REPLIES_STRICT=True)
    first = where()
    assert first == {"email-hidden-2026-01-01": ("To A", "A reply to the post for a."),
                     "email-hidden-2026-01-02": ("To B", "A reply to the post for b.")}
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "Could not process posts/[email hidden]" in logged and "@example.org" not in logged
    for path, text in text_files(site.output):
        assert "@example.org" not in text and "%40example" not in text, path
    settings = site_settings(site.content, site.output, REPLIES_STRICT=True)
    assert not check_replies(site.content, settings).failed(strict=True)

    post("dee@example.org", "2026-01-03", "0.md")  # another one, first by path
    (site.content / "posts" / "2026").mkdir()
    (site.content / "posts" / "bob@example.org.md").rename(site.content / "posts" / "2026" / "b.md")
    site.build(REPLIES_STRICT=True)
    assert {k: v for k, v in where().items() if k in first} == first

    post("eve@example.org", "2026-01-01", "eve@example.org.md")  # Ada's day: told apart by path
    site.build(REPLIES_STRICT=True)
    assert where()["email-hidden-2026-01-01-2"] == ("To E", "A reply to the post for e.")
    assert not check_replies(site.content, settings).failed(strict=True)


def test_a_pages_hidden_or_draft_translation_is_checked_for_addresses_too(site):
    """Pages' hidden and draft translations were left out of the check: a hidden French page published the
    address of its title in its file name and text."""
    site.raw("pages/secret.md", "Title: Secret\nSlug: cy@example.org\nStatus: hidden\n\nA hidden page.\n")
    site.raw("pages/secret-fr.md", "Title: Écrire à cy@example.org\nSlug: cy@example.org\nLang: fr\n"
                                   "Status: hidden\n\nÉcrivez à cy@example.org.\n")
    site.build()
    assert not [p for p in site.output.rglob("*") if "@" in p.name]
    for path, text in text_files(site.output):
        assert "cy@example.org" not in text, path


def test_hiding_an_address_in_a_title_keeps_its_markup():
    from replies.post_emails import _hide

    assert _hide("Write to <b>ada&#64;example.org</b> &amp; co") == "Write to <b>[email hidden]</b> &amp; co"
    assert _hide("Tom &amp; Jerry") == "Tom &amp; Jerry"


LEAKY_PLUGIN = '''
import logging
from pelican import signals

logger = logging.getLogger("pelican.plugins.leaky.part")  # another plugin's own, child logger


def finalized(pelican):
    logger.warning("read ada@example.org from %s", "198.51.100.7")
    try:
        raise ValueError("no page for bob@example.org")
    except ValueError:
        logger.exception("kept going")
    raise RuntimeError("stopped on cy@example.org")


def register():
    signals.finalized.connect(finalized)
'''


@pytest.mark.parametrize("flags", [[], ["--debug"]], ids=["plain", "debug"])
def test_other_plugins_lines_and_the_build_stopping_traceback_hide_addresses(tmp_path, flags):
    """Build logs are public in CI: what another plugin logs on its own logger, the traceback Pelican
    logs with the error that stopped the build, and the one ``--debug`` prints, hide addresses."""
    import subprocess
    import sys

    from sitebuild import REPO

    (tmp_path / "plugins" / "leaky").mkdir(parents=True)
    (tmp_path / "plugins" / "leaky" / "__init__.py").write_text(LEAKY_PLUGIN, encoding="utf-8")
    (tmp_path / "content" / "posts").mkdir(parents=True)
    (tmp_path / "content" / "posts" / "p.md").write_text("Title: P\nDate: 2026-01-01\n\nText.\n", encoding="utf-8")
    conf = tmp_path / "conf.py"
    conf.write_text(f"import sys\nsys.path.insert(0, {str(REPO)!r})\nfrom pelicanconf import *\n"
                    f"PLUGIN_PATHS = [{str(REPO / 'plugins')!r}, {str(tmp_path / 'plugins')!r}]\n"
                    "PLUGINS = [*PLUGINS, 'leaky']\n"
                    f"CACHE_PATH = {str(tmp_path / 'cache')!r}\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pelican", str(tmp_path / "content"), "-s", str(conf),
                          "-o", str(tmp_path / "out"), *flags], capture_output=True, text=True, cwd=REPO,
                         env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "HOME": str(tmp_path)}, timeout=300)
    printed = run.stdout + run.stderr
    assert run.returncode != 0 and "stopped on [email hidden]" in printed, printed[-3000:]
    assert "read [email hidden] from [address hidden]" in printed
    assert "no page for [email hidden]" in printed and "Traceback" in printed  # the traceback is kept
    for secret in ("ada@", "bob@", "cy@", "example.org", "198.51.100.7"):
        assert secret not in printed, printed[-3000:]


def test_a_title_holding_an_email_gives_no_slug_of_it(site, caplog):
    """No ``Slug``: Pelican makes one of the Title, the address in it too (``letters-to-adalovelaceexampleorg``):
    in the page's folder, every link to it, the feeds and the Reply link. It gets the neutral slug of the
    hidden Title and its day; replies filed under the slug as Pelican made it are still its own, and
    ``check-replies`` files them the same way. A page's title likewise."""
    from replies.check import check_replies
    from sitebuild import site_settings

    site.raw("posts/mail.md", "Title: Letters to ada.lovelace@example.org\nDate: 2026-01-02 09:00\nAuthor: Mira\n\n"
                              "Some letters.\n")
    site.raw("posts/more.md", "Title: Letters to bo@example.org\nDate: 2026-01-02 10:00\nAuthor: Mira\n\nMore.\n")
    site.raw("pages/about.md", "Title: About page.owner@example.org\n\nAbout.\n")
    # a title in HTML, with a character reference and markup: the build and the check read its text alike
    site.raw("posts/qa.html", "<html><head><title>Q&amp;A with <b>cy@example.org</b></title>"
                              "<meta name='date' content='2026-01-05'></head><body>Questions.</body></html>\n")
    site.reply("q-a-with-email-hidden-2026-01-05", "dee-1", "From the page's Reply link.", Author="Dee Moss")
    site.post("p", "Hello.")
    site.reply("letters-to-adalovelaceexampleorg", "sam-1", "Filed by the slug Pelican made.", Author="Sam Lee")
    site.reply("letters-to-email-hidden-2026-01-02", "kim-1", "Filed from the page's Reply link.",
               Author="Kim Ito", Reply_To="sam-1", Date="2026-01-03 10:00")
    site.build(REPLIES_STRICT=True)
    folders = sorted(p.parent.name for p in (site.output / "posts").glob("*/index.html"))
    assert folders == ["letters-to-email-hidden-2026-01-02", "letters-to-email-hidden-2026-01-02-2", "p",
                       "q-a-with-email-hidden-2026-01-05"]
    page = site.page("posts/letters-to-email-hidden-2026-01-02/index.html")
    assert page.h1.get_text(strip=True) == "Letters to [email hidden]"
    assert [n.get_text(strip=True) for n in page.select(".reply-author")] == ["Sam Lee", "Kim Ito"]
    assert page.select_one("#reply-kim-1").find_parent(id="reply-sam-1") is not None
    for path, text in text_files(site.output):
        assert "exampleorg" not in text and "lovelace" not in text and "bo@" not in text, path
    assert not [p for p in site.output.rglob("*") if "exampleorg" in p.name or "owner" in p.name]
    assert "exampleorg" not in " ".join(r.getMessage() for r in caplog.records)
    report = check_replies(site.content, site_settings(site.content, site.output, REPLIES_STRICT=True))
    assert not report.failed(strict=True), report.format(strict=True)
    assert len(report.files) == 3


def test_a_static_file_named_after_an_email_is_not_published(site, caplog):
    """``images/pic-ada@example.org.png`` was copied to the site as it is; it is left out, with a warning
    that names it with the address hidden. Other images are copied."""
    site.post("p", "A picture: ![x]({static}/images/fine.png)")
    (site.content / "images").mkdir()
    (site.content / "images" / "fine.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (site.content / "images" / "pic-ada@example.org.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (site.content / "images" / "bo@example.org").mkdir()
    (site.content / "images" / "bo@example.org" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    for name in ("logo@dark.svg", "lib@1.2.3.min.js", "icon@2x.png"):  # a type or a version after the "@"
        (site.content / "images" / name).write_bytes(b"x")
    site.build()
    assert (site.output / "images" / "fine.png").is_file()
    assert sorted(p.name for p in (site.output / "images").iterdir()) == [
        "fine.png", "icon@2x.png", "lib@1.2.3.min.js", "logo@dark.svg"]
    assert not [p for p in site.output.rglob("*") if "example" in p.name]
    said = [r.getMessage() for r in caplog.records if "not copied to the site" in r.getMessage()]
    assert len(said) == 2 and all("[email hidden]" in m and "example.org" not in m for m in said), said


def test_the_debug_traceback_on_a_colour_terminal_hides_addresses(monkeypatch):
    """On a terminal Rich colours an address in a traceback ("\\x1b[1;92m192.0.2.7"): the escape's last letter
    made the address part of a word, and it was printed as written."""
    import io

    import pelican.log
    from replies.post_emails import install_log_filters
    from rich.console import Console

    printed = io.StringIO()
    monkeypatch.setattr(pelican.log, "console", Console(file=printed, force_terminal=True, color_system="truecolor"))
    install_log_filters()
    try:
        raise RuntimeError("stopped on 192.0.2.7, cy@example.org and 2001:db8::7")
    except RuntimeError:
        pelican.log.console.print_exception()
    text = printed.getvalue()
    assert "RuntimeError" in text and "[address hidden]" in text and "[email hidden]" in text
    assert "192.0.2.7" not in text and "example.org" not in text and "2001:db8::7" not in text

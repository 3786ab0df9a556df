"""``invoke check-replies``: the build's rules and messages on good and bad reply files, and its exit code."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import SiteMaker
from replies.check import check_replies
from replies.model import RepliesError
from sitebuild import REPO, site_settings


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory):
    site = SiteMaker(tmp_path_factory.mktemp("check"))
    site.post("on-noticing")
    site.reply("on-noticing", "good-1", "A fine reply with a [link](https://example.org/).")
    site.reply("on-noticing", "no-author", Author="")
    site.reply("on-noticing", "bad-date", Date="last Tuesday")
    site.reply("on-noticing", "bad-status", Status="maybe")
    site.reply("on-noticing", "orphan", Reply_To="nobody-9")
    site.reply("on-noticing", "cycle-a", Reply_To="cycle-b")
    site.reply("on-noticing", "cycle-b", Reply_To="cycle-a")
    site.reply("on-noticing", "dup", "First.")
    site.reply("on-noticing", "dup-legacy", "Second.", folder="comments", slug="dup", author="Eve")
    site.reply("on-noticing", "private", "Write to me at ada.park@example.org or 192.0.2.44.")
    site.reply("on-noticing", "markup", "Hello <script>alert(1)</script> <iframe src='https://x.example/'></iframe>")
    site.reply("on-noticing", "handler", 'A <a href="https://example.org/" onclick="steal()">link</a>.')
    site.reply("no-such-post", "lost-1", "Where am I?")
    return site


def _messages(report) -> dict[str, list[str]]:
    """File name -> its messages (errors first), without the path."""
    out: dict[str, list[str]] = {}
    for line in report.errors + report.warnings:
        path, message = line.split(": ", 1)
        out.setdefault(path.rsplit("/", 1)[1], []).append(message)
    return out


def test_each_error_is_named_with_its_file(bad_site):
    report = check_replies(bad_site.content, site_settings(bad_site.content, bad_site.output))
    found = _messages(report)
    assert "good-1.md" not in found
    assert found["no-author.md"] == ["missing required metadata 'Author'"]
    assert found["bad-date.md"] == ["cannot parse Date 'last Tuesday'; use ISO 8601, e.g. 2026-03-04 10:15"]
    assert found["bad-status.md"][0].startswith("unknown Status 'maybe'")
    assert found["orphan.md"] == ["Reply-To 'nobody-9': no such reply under this post; "
                                  "shown under the post, marked as detached"]
    assert found["cycle-a.md"] == found["cycle-b.md"] == [
        "Reply-To forms a cycle: on-noticing/cycle-a -> on-noticing/cycle-b -> on-noticing/cycle-a"]
    assert found["dup-legacy.md"][0].startswith("reply id 'dup' is already used by")
    assert found["private.md"] == ["the text holds an email or IP address; remove it (the file is public in "
                                   "the repository even though the site would hide it)"]
    assert found["markup.md"] == ["publishing removes <iframe>, <script> (<iframe>, <script> with everything "
                                  "inside); use Markdown instead"]
    # an onclick was removed without a word (a reviewer's finding): it is named too
    assert found["handler.md"] == ["publishing removes the onclick attribute; use Markdown instead"]
    assert found["no-such-post"] == ["reply folder for post 'no-such-post', but no post has that slug; "
                                     "its replies are not shown"]
    assert report.failed() and len(report.files) == 13


def test_the_same_rules_and_messages_as_the_build(bad_site):
    report = check_replies(bad_site.content, site_settings(bad_site.content, bad_site.output))
    with pytest.raises(RepliesError) as failure:
        bad_site.build(REPLIES_STRICT=True)
    added = ("holds an email", "publishing removes")  # the checks for proposed files only
    shared = [m for m in report.errors + report.warnings if not any(a in m for a in added)]
    assert len(shared) == 8
    for message in shared:
        assert message in str(failure.value)


def test_only_the_files_asked_about_are_reported(bad_site):
    settings = site_settings(bad_site.content, bad_site.output)
    folder = bad_site.content / "replies" / "on-noticing"
    report = check_replies(bad_site.content, settings, [folder / "good-1.md", folder / "cycle-a.md"])
    assert [f.name for f in report.files] == ["cycle-a.md", "good-1.md"]
    assert list(_messages(report)) == ["cycle-a.md"]  # cycle-b has the same problem, but was not asked about
    assert not check_replies(bad_site.content, settings, [folder / "good-1.md"]).failed(strict=True)
    with pytest.raises(FileNotFoundError, match=r"not under .*name its content folder: --content DIR"):
        check_replies(bad_site.content, settings, [bad_site.content / "posts" / "on-noticing.md"])
    with pytest.raises(FileNotFoundError, match="no such file"):
        check_replies(bad_site.content, settings, [folder / "gone.md"])


def _invoke(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})})


def test_the_task_exits_non_zero_on_an_error_and_on_warnings_when_strict(bad_site):
    folder = bad_site.content / "replies" / "on-noticing"
    content = f"--content={bad_site.content}"
    bad = _invoke("check-replies", f"{folder / 'good-1.md'} {folder / 'bad-date.md'}", content)
    assert bad.returncode == 1
    assert f"error: {folder / 'bad-date.md'}: cannot parse Date 'last Tuesday'" in bad.stdout
    assert "FAILED: 2 reply files checked, 1 error(s), 0 warning(s)" in bad.stdout
    good = _invoke("check-replies", str(folder / "good-1.md"), content)
    assert good.returncode == 0 and "OK: 1 reply file checked" in good.stdout
    everything = _invoke("check-replies", str(bad_site.content / "replies"), content)  # the folder: every reply
    assert everything.returncode == 1 and "FAILED: 12 reply files checked" in everything.stdout
    warned = _invoke("check-replies", str(folder / "orphan.md"), content, "--strict")
    assert warned.returncode == 1 and "warning:" in warned.stdout and "(warnings fail: strict)" in warned.stdout
    missing = _invoke("check-replies", str(folder / "ada@example.org.md"), content)  # CI logs are public
    assert missing.returncode == 1 and "[email hidden]: no such file" in missing.stderr
    assert "ada@example.org" not in missing.stdout + missing.stderr


def test_a_file_the_build_would_not_read_fails_the_check(tmp_path):
    """A pull request that adds a reply saved as .txt must not pass with '0 reply files checked'."""
    site = SiteMaker(tmp_path)
    site.post("on-noticing")
    folder = site.reply("on-noticing", "good-1", "Fine.").parent
    stray = site.reply("on-noticing", "dee-1", "Saved from a mail.").rename(folder / "dee-1.txt")
    content = f"--content={site.content}"
    result = _invoke("check-replies", str(stray), content)
    assert result.returncode == 1, result.stdout
    assert (f"error: {stray}: not read: a reply file's name ends in .md (rename it dee-1.md if it is a reply)"
            in result.stdout)
    assert "FAILED: 0 reply files checked, 1 error(s), 0 warning(s)" in result.stdout
    whole = _invoke("check-replies", str(folder), content)  # the folder: the stray file is named once, as an error
    assert whole.returncode == 1 and whole.stdout.count("dee-1.txt") == 1, whole.stdout
    assert _invoke("check-replies", str(folder / "good-1.md"), content).returncode == 0
    # one in the replies folder itself, or a folder too deep, fails the check the same way
    loose = site.reply("on-noticing", "eve-1", "Loose.").rename(folder.parent / "eve-1.md")
    result = _invoke("check-replies", str(loose), content)
    assert result.returncode == 1 and "not read: a reply goes in the folder of its post" in result.stdout


def test_on_github_actions_problems_are_also_annotations(bad_site):
    folder = bad_site.content / "replies" / "on-noticing"
    result = _invoke("check-replies", f"{folder / 'bad-date.md'},{folder / 'orphan.md'}",
                     f"--content={bad_site.content}", env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"::error file={folder / 'bad-date.md'},title=check-replies::cannot parse Date")
               for line in lines)
    assert any(line.startswith(f"::warning file={folder / 'orphan.md'},title=check-replies::Reply-To")
               for line in lines)


def test_the_no_javascript_placeholders_are_refused_by_the_check_and_by_approve(tmp_path):
    """A reply proposed through a link without JavaScript keeps 'your-name' and 'YYYY-MM-DD HH:MM' until the
    reader changes them; check-replies and invoke approve say what to do, and accept the file once changed."""
    site = SiteMaker(tmp_path)
    site.post("on-noticing")
    folder = site.content / "replies" / "on-noticing"
    both = site.reply("on-noticing", "3ad1ca-your-name", "Light first.", Author="Cleo Hart",
                      Date="YYYY-MM-DD HH:MM", Status="pending")
    settings = site_settings(site.content, site.output)
    assert _messages(check_replies(site.content, settings, [both])) == {"3ad1ca-your-name.md": [
        "Date is still the template's 'YYYY-MM-DD HH:MM'; put the date and time the reply was written, "
        "e.g. 2026-03-04 10:15",
        "the file name still holds the template's 'your-name'; rename the file with your name in its place "
        "(e.g. 3ad1ca-ada-park.md) so that two readers don't pick the same file"]}
    # Only the date changed: the file name alone is refused, and approve refuses it too.
    name_only = site.reply("on-noticing", "7be2f0-Your-Name", "Sound first.", Author="Dev Rao", Status="pending")
    assert _messages(check_replies(site.content, settings, [name_only])) == {"7be2f0-Your-Name.md": [
        "the file name still holds the template's 'your-name'; rename the file with your name in its place "
        "(e.g. 7be2f0-ada-park.md) so that two readers don't pick the same file"]}
    refused = _invoke("approve", "7be2f0-Your-Name", f"--content={site.content}")
    assert refused.returncode == 1 and "the file name still holds the template's 'your-name'" in refused.stdout
    assert "Status: pending" in name_only.read_text()
    # Only the name changed: the date alone is refused.
    dated = both.rename(folder / "3ad1ca-cleo-hart.md")
    assert [m.split(";")[0] for m in _messages(check_replies(site.content, settings, [dated]))[dated.name]] == [
        "Date is still the template's 'YYYY-MM-DD HH:MM'"]
    dated.write_text(dated.read_text().replace("YYYY-MM-DD HH:MM", "2026-03-05 07:30"), encoding="utf-8")
    assert not check_replies(site.content, settings, [dated]).failed(strict=True)
    approved = _invoke("approve", "3ad1ca-cleo-hart", f"--content={site.content}")
    assert approved.returncode == 0, approved.stdout + approved.stderr
    assert "Status: published" in dated.read_text()


@pytest.mark.parametrize("name,option", [("check-replies", "--strict"), ("import-wordpress", "--dry-run"),
                                         ("approve", "--force"), ("new-reply", "--author")])
def test_help_after_a_task_name_shows_its_help(name, option):
    """``invoke import-wordpress --help`` (help after the name) showed "cannot read the file --help":
    invoke hands "--help" to the task's first argument. It shows the task's help now."""
    shown = _invoke(name, "--help")
    assert shown.returncode == 0 and f"{name} [--options]" in shown.stdout and option in shown.stdout


def test_new_reply_without_an_author_says_how_to_name_one():
    """The author is a flag (README: ``invoke new-reply POST_SLUG --author NAME``), so that
    ``invoke new-reply --help`` shows help; without it the task says what is missing, writes nothing."""
    shown = _invoke("new-reply", "on-slow-reading")
    assert shown.returncode == 1
    assert 'new-reply: name the reply\'s author: invoke new-reply POST_SLUG --author "Name"' in shown.stderr


def test_new_reply_and_new_post_write_the_time_on_the_site_s_clock(tmp_path, monkeypatch):
    """A Date without a zone is read in the site's TIMEZONE (Europe/Berlin here), so the tasks write the time
    there, not the machine's (CI and containers run on UTC): a reply written now does not land an hour early."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from replies.authoring import new_post, new_reply

    import tasks

    monkeypatch.setenv("TZ", "UTC")
    zone = ZoneInfo(tasks._setting("TIMEZONE"))
    now = tasks._site_now()
    assert now.utcoffset() == dt.datetime.now(zone).utcoffset() and str(zone) == "Europe/Berlin"
    post = new_post(tmp_path, "On Clocks", "Mira Okafor", now=now)
    reply = new_reply(tmp_path, "on-clocks", "Ada Park", now=now)
    berlin = dt.datetime.now(zone)
    for path in (post, reply):
        written = dt.datetime.strptime(path.read_text().split("Date: ", 1)[1][:16], "%Y-%m-%d %H:%M")
        assert abs(written - berlin.replace(tzinfo=None, second=0, microsecond=0)) <= dt.timedelta(minutes=2)


def test_a_build_logged_to_a_file_gives_each_problem_one_whole_line(tmp_path):
    """In a CI log (no terminal) a warning names its file whole, on one line, so it can be copied and searched."""
    site = SiteMaker(tmp_path / ("a-folder-with-a-long-name-so-the-path-passes-eighty-columns" * 2))
    site.post("on-noticing")
    lost = site.reply("on-noticing", "a-reply-with-a-long-file-name", "Hello.", Reply_To="nobody-at-all-here")
    result = _invoke("build", f"--content={site.content}", f"--output={site.output}")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = (result.stdout + result.stderr).splitlines()
    assert (f"WARNING: {lost}: Reply-To 'nobody-at-all-here': no such reply under this post; shown under the "
            "post, marked as detached") in lines


def test_a_failed_build_leaves_the_last_good_site_in_place(tmp_path):
    """invoke build writes into <output>.building and swaps it in only when the build succeeded, so `invoke serve`
    keeps serving the last good site while a reply with no Date is put right."""
    site = SiteMaker(tmp_path)
    site.post("on-noticing")
    site.post("on-seeing")
    site.reply("on-noticing", "ada-1", "Hello.")
    output = f"--output={site.output}"
    assert _invoke("build", f"--content={site.content}", output).returncode == 0
    before = {p.relative_to(site.output): p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    site.reply("on-noticing", "ben-1", "No date.", Date=None)
    failed = _invoke("build", f"--content={site.content}", output)
    assert failed.returncode == 1
    assert "missing required metadata 'Date'" in failed.stdout + failed.stderr
    assert f"The build failed ({site.output}/ is left as the last good build made it)" in failed.stderr
    assert {p.relative_to(site.output): p.read_bytes() for p in site.output.rglob("*") if p.is_file()} == before
    assert not site.output.with_name(site.output.name + ".building").exists()
    # Put right, the next build takes the old one's place whole: a page nothing makes any more is gone.
    site.reply("on-noticing", "ben-1", "Dated now.")
    (site.content / "posts" / "on-seeing.md").unlink()
    assert _invoke("build", f"--content={site.content}", output).returncode == 0
    assert site.page("posts/on-noticing/index.html").select_one("#reply-ben-1") is not None
    assert (site.output / "posts" / "on-seeing").exists() is False and (site.output / "index.html").is_file()
    # No half-made or old site is left beside it; another site's build cache is (cache/ is the main site's).
    assert sorted(p.name for p in site.output.parent.iterdir() if p.name.startswith(site.output.name)) == \
        [site.output.name, site.output.name + "-cache"]


def test_markdown_advice_is_for_hand_written_replies_not_imported_ones(tmp_path):
    """'publishing removes <big>; use Markdown instead' speaks to whoever writes the file: not to a WordPress
    comment an importer brought in (Source-Id), which a strict whole-tree check would otherwise fail on."""
    site = SiteMaker(tmp_path)
    site.post("on-noticing")
    imported = site.reply("on-noticing", "wp-7", "<p>Old <big>markup</big> here.</p>", Source_Id="wordpress:x:7")
    written = site.reply("on-noticing", "ada-1", "Some <big>markup</big> here.")
    report = check_replies(site.content, site_settings(site.content, site.output), [imported, written])
    assert _messages(report) == {"ada-1.md": ["publishing removes <big>; use Markdown instead"]}


def test_a_reply_written_for_a_closed_post_is_named_by_the_check(tmp_path):
    site = SiteMaker(tmp_path)
    site.post("on-noticing", extra="Replies: closed\n")
    old = site.reply("on-noticing", "wp-3", "From before it closed.", Source_Id="wordpress:x:3")
    kept = site.reply("on-noticing", "ada-1", "Written before it closed.")
    hidden = site.reply("on-noticing", "ben-1", "Rejected.", Status="hidden")
    new = site.reply("on-noticing", "dee-1", "Late to this.", Status="pending")
    report = check_replies(site.content, site_settings(site.content, site.output), [old, kept, hidden, new])
    assert _messages(report) == {"dee-1.md": [
        "its post says 'Replies: closed': approved, it would be shown all the same; reject it, or open the "
        "post again (Replies: open)"]}
    assert not report.failed() and report.failed(strict=True)
    # approving it is the maintainer's own decision: approve does not refuse it for that
    assert _invoke("approve", "dee-1", f"--content={site.content}").returncode == 0


def test_publish_stops_on_a_post_pelican_cannot_read(tmp_path):
    """A post with a bad Date is left out of a local build with an error; the public build stops instead."""
    site = SiteMaker(tmp_path)
    site.post("on-noticing")
    site.post("broken", date="notadate")
    output = f"--output={site.output}"
    assert _invoke("build", f"--content={site.content}", output).returncode == 0  # the writing loop goes on
    published = _invoke("publish", f"--content={site.content}", output, env={"SITEURL": "https://o.github.io/r"})
    assert published.returncode == 1
    assert "Could not process" in published.stdout + published.stderr and "broken.md" in published.stderr + \
        published.stdout


def test_publish_without_siteurl_says_where_the_links_point(tmp_path):
    """The public build's addresses come from SITEURL; without it they lead to publishconf.py's placeholder,
    and publish says so (the Pages workflow sets it)."""
    site = SiteMaker(tmp_path)
    site.post("on-noticing")
    env = {k: v for k, v in os.environ.items() if k != "SITEURL"}
    unset = subprocess.run([sys.executable, "-m", "invoke", "publish", f"--content={site.content}",
                            f"--output={site.output}"], cwd=REPO, capture_output=True, text=True, timeout=120, env=env)
    assert unset.returncode == 0
    assert "NOTE: SITEURL is not set, so every address of the site points to https://example.github.io/field-notes" \
        in unset.stderr
    named = _invoke("publish", f"--content={site.content}", f"--output={site.output}",
                    env={"SITEURL": "https://o.github.io/r"})
    assert named.returncode == 0 and "SITEURL is not set" not in named.stderr + named.stdout


def test_a_local_build_does_not_warn_of_feeds_without_an_address(tmp_path):
    """The local build has no SITEURL by design (its links are relative): Pelican's warning on every build
    that its feeds may not be valid only worried newcomers; the published build has the address."""
    site = SiteMaker(tmp_path)
    site.post("on-noticing")
    built = _invoke("build", f"--content={site.content}", f"--output={site.output}")
    assert built.returncode == 0, built.stderr
    assert "Feeds generated without SITEURL" not in built.stdout + built.stderr
    assert (site.output / "feeds" / "all.atom.xml").is_file()


def test_publish_links_replies_to_the_repository_it_is_built_from(tmp_path):
    """In GitHub Actions the Reply links open the repository being published (a fork's own); elsewhere
    pelicanconf.py's, and publish says when that is still the placeholder."""
    site = SiteMaker(tmp_path)
    site.post("on-noticing")
    env = {"SITEURL": "https://o.github.io/r", "GITHUB_REPOSITORY": "octo/notes", "GITHUB_REF_TYPE": "branch",
           "GITHUB_REF_NAME": "trunk"}
    built = _invoke("publish", f"--content={site.content}", f"--output={site.output}", env=env)
    assert built.returncode == 0, built.stderr
    page = (site.output / "posts" / "on-noticing" / "index.html").read_text(encoding="utf-8")
    assert "https://github.com/octo/notes/new/trunk?filename=content/replies/on-noticing/" in page
    assert "example/field-notes" not in page and "the placeholder in pelicanconf.py" not in built.stderr
    local = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    plain = subprocess.run([sys.executable, "-m", "invoke", "publish", f"--content={site.content}",
                            f"--output={site.output}"], cwd=REPO, capture_output=True, text=True, timeout=120,
                           env=local | {"SITEURL": "https://o.github.io/r"})
    assert plain.returncode == 0
    assert "github.com/example/field-notes, the placeholder in pelicanconf.py" in plain.stderr


def test_publish_with_a_siteurl_without_its_scheme_stops_and_says_how_to_write_it(tmp_path):
    """"owner.github.io/repo" (no https://) made every address relative to the page it is on: every link,
    feed and asset of the published site led nowhere, and the build said nothing."""
    site = SiteMaker(tmp_path)
    site.post("on-noticing")
    bad = _invoke("publish", f"--content={site.content}", f"--output={site.output}",
                  env={"SITEURL": "owner.github.io/repo"})
    said = bad.stdout + bad.stderr
    assert bad.returncode != 0 and "Traceback" not in said
    assert "SITEURL 'owner.github.io/repo' is not a full address" in said
    assert "SITEURL=https://owner.github.io/repo invoke publish" in said
    assert not (site.output / "posts").exists()


def test_a_file_not_read_is_named_once_even_when_its_name_holds_an_address(tmp_path):
    """The check named such a file twice, as an error and as the build's warning: it told the build's warning
    apart by its redacted text. What it prints goes to a CI log, often public: the address is hidden there,
    as in the build's own log."""
    from replies.privacy import redact

    site = SiteMaker(tmp_path)
    site.post("on-noticing")
    folder = site.reply("on-noticing", "good-1", "Fine.").parent
    stray = site.reply("on-noticing", "dee-1", "Saved.").rename(folder / "dee@example.org.txt")
    loose = site.reply("on-noticing", "eve-1", "Loose.").rename(folder.parent / "eve@example.org.md")
    report = check_replies(site.content, site_settings(site.content, site.output), [stray, loose])
    assert [line.split(": ")[0] for line in report.errors] == [redact(str(stray)), redact(str(loose))]
    assert report.warnings == [] and "@example.org" not in report.format() + report.annotations()
    assert "file=" not in report.annotations()  # a hidden path names no file of the pull request


def test_a_settings_file_with_a_misspelt_key_is_named_with_the_key(tmp_path):
    """check-replies (and every task reading the settings) stopped with a traceback whose last line named the
    key, not the file: with REPLIES_PATH misspelt the check would read the default folder, so it must stop."""
    import tasks

    (tmp_path / "content").mkdir()
    settings = tmp_path / "siteconf.py"
    settings.write_text('PATH = "content"\nREPLIES_PAHT = "responses"\n', encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        tasks._settings(str(settings))
    assert str(stop.value) == f"{settings}: unknown setting REPLIES_PAHT (did you mean REPLIES_PATH?)"


def test_a_file_the_build_cannot_read_has_its_parent_looked_for_too(tmp_path):
    # No Author and a mistyped Reply-To: the first run named only the Author, the second the Reply-To.
    site = SiteMaker(tmp_path)
    site.post("p")
    site.reply("p", "tomas-1", "First.")
    site.reply("p", "tomas-2", "Second.")
    site.reply("p", "new", "Mine.", Author="", Reply_To="tomas-l")
    site.reply("p", "fine", "To the post, no Author.", Author="")
    site.reply("p", "waiting", "Not shown yet.", Author="", Reply_To="tomas-l", Status="pending")
    report = check_replies(site.content, site_settings(site.content, site.output))
    found = _messages(report)
    assert found["new.md"] == ["missing required metadata 'Author'",
                               "Reply-To 'tomas-l': no such reply under this post (did you mean 'tomas-1'?); "
                               "once the file can be read it is shown under the post, marked as detached"]
    assert found["fine.md"] == ["missing required metadata 'Author'"]
    assert found["waiting.md"] == ["missing required metadata 'Author'"]  # not shown: its parent is not looked for


def test_the_check_knows_every_post_pelican_reads(tmp_path):
    """Replies to a post in a .mkd, .mdown, .htm or .rst file, or an HTML post without a slug (Pelican makes
    one of its title), were "a reply folder with no post" to the check while the build showed them."""
    site = SiteMaker(tmp_path)
    site.raw("posts/a.mkd", "Title: Post A\nDate: 2026-01-01\n\nA.\n")
    site.raw("posts/b.mdown", "Title: Post B\nDate: 2026-01-01\n\nB.\n")
    site.raw("posts/c.htm", "<html><head><title>C</title><meta name='slug' content='post-c'>"
                            "<meta name='date' content='2026-01-01'></head><body>C.</body></html>\n")
    site.raw("posts/d.html", "<html><head><title>Post D</title><meta name='date' content='2026-01-01'></head>"
                             "<body>D.</body></html>\n")
    site.raw("posts/e.rst", "Post E\n######\n\n:date: 2026-01-01\n\nE.\n")
    for slug in ("post-a", "post-b", "post-c", "post-d", "post-e"):
        site.reply(slug, "ada-1", "A reply.")
    settings = site_settings(site.content, site.output, REPLIES_STRICT=True)
    report = check_replies(site.content, settings)
    assert not report.failed(strict=True), report.format(strict=True)
    site.build(REPLIES_STRICT=True)  # the build agrees: every folder has its post
    assert sorted(p.parent.name for p in (site.output / "posts").glob("*/index.html")) == [
        "post-a", "post-b", "post-c", "post-d", "post-e"]


def test_a_pages_reply_folder_is_named_by_the_check_as_by_the_build(tmp_path):
    """Pages take no replies: the build names a page's reply folder as one with no post, and a strict build
    stops; the check counted pages as posts and said OK, so such a pull request passed and broke the next
    publish."""
    site = SiteMaker(tmp_path)
    site.post("p")
    site.raw("pages/about.md", "Title: About\nSlug: about\n\nAbout this site.\n")
    site.reply("about", "ada-1", "A reply to a page.")
    site.reply("p", "ben-1", "A reply to the post.", Author="Ben Ode")
    settings = site_settings(site.content, site.output, REPLIES_STRICT=True)
    report = check_replies(site.content, settings)
    assert report.failed(strict=True) and "no post has that slug" in report.format(strict=True)
    with pytest.raises(RepliesError, match="no post has that slug"):
        site.build(REPLIES_STRICT=True)


def test_a_post_the_build_ignores_is_no_post_to_the_check(tmp_path):
    """``IGNORE_FILES`` keeps a file, or a folder of them, out of the build: replies to such a post are in
    a folder with no post for the build, and were not for the check."""
    site = SiteMaker(tmp_path)
    site.post("p")
    site.raw("posts/_wip/later.md", "Title: Later\nDate: 2026-01-01\nSlug: later\n\nNot yet.\n")
    site.raw("posts/old.bak.md", "Title: Old\nDate: 2026-01-01\nSlug: old\n\nKept aside.\n")
    # an ignored backup that sorts before its post, with the post's slug: the post is the one read
    site.raw("posts/mine.bak.md", "Title: Mine\nDate: 2026-01-01\nSlug: mine\n\nAn old copy.\n")
    site.raw("posts/mine.md", "Title: Mine\nDate: 2026-01-01\nSlug: mine\n\nThe post.\n")
    site.reply("mine", "bo-1", "A reply to the post beside its backup.", Author="Bo Lund")
    ignore = {"IGNORE_FILES": ["**/.*", "_*", "*.bak.md"], "REPLIES_STRICT": True}
    for slug in ("later", "old"):
        site.reply(slug, "ada-1", "A reply to a post the build ignores.")
        report = check_replies(site.content, site_settings(site.content, site.output, **ignore))
        assert report.failed(strict=True) and "no post has that slug" in report.format(strict=True), slug
        with pytest.raises(RepliesError, match="no post has that slug"):
            site.build(**ignore)
        (site.content / "replies" / slug / "ada-1.md").unlink()
        (site.content / "replies" / slug).rmdir()
    site.build(**ignore)  # and without those replies, both agree there is nothing wrong
    assert not check_replies(site.content, site_settings(site.content, site.output, **ignore)).failed(strict=True)

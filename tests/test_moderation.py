"""``invoke moderate`` / ``approve`` / ``reject``: run as a maintainer would, on a copy of a small site."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import SiteMaker
from replies.moderation import ModerationError, pending, resolve, set_status
from sitebuild import REPO


def _invoke(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def queue(tmp_path) -> SiteMaker:
    site = SiteMaker(tmp_path)
    site.post("on-noticing")
    site.post("on-walking")
    site.reply("on-noticing", "ada-1", "Shown already.")
    site.reply("on-noticing", "cleo-1", "<p>Waiting for a <em>decision</em>.</p>", Author="Cleo Hart",
               Status="pending")  # HTML, as an importer writes it
    site.reply("on-walking", "dan-1", "Buy cheap watches!", Author="Dan", Status="pending")
    site.reply("on-walking", "ada-1", "Same id, other post.", Status="pending")
    site.reply("on-walking", "eve-1", "Your name", Author="Your name", Status="pending")
    return site


def test_moderate_lists_pending_replies(queue):
    assert [e.key for e in pending(queue.content)] == ["on-noticing/cleo-1", "on-walking/ada-1",
                                                        "on-walking/dan-1", "on-walking/eve-1"]
    result = _invoke("moderate", f"--content={queue.content}")
    assert result.returncode == 0, result.stderr
    assert "4 replies are waiting" in result.stdout
    assert "on-noticing/cleo-1\n    Cleo Hart, 2026-01-02 10:00" in result.stdout
    assert "Waiting for a decision." in result.stdout


def test_moderate_names_a_reply_it_cannot_read(queue):
    """A pending reply saved as .txt waits unseen by the build: moderate names it and says what to do."""
    folder = queue.content / "replies" / "on-noticing"
    txt = queue.reply("on-noticing", "txt-1", "Saved from a mail.", Status="pending").rename(folder / "txt-1.txt")
    # a hidden folder is none of the site's, as for the build: nothing in it is named
    (queue.content / "replies" / ".trash").mkdir()
    (queue.content / "replies" / ".trash" / "old.txt").write_text("x")
    result = _invoke("moderate", f"--content={queue.content}")
    assert result.returncode == 0, result.stderr
    assert "1 file in the replies folder is not read (rename or move, then approve):" in result.stdout
    assert ".trash" not in result.stdout
    assert f"  {txt}: not read: a reply file's name ends in .md (rename it txt-1.md if it is a reply)" in result.stdout


def test_approve_and_reject_change_only_the_status(queue):
    cleo = queue.content / "replies" / "on-noticing" / "cleo-1.md"
    before = cleo.read_text()
    result = _invoke("approve", "cleo-1", f"--content={queue.content}")
    assert result.returncode == 0, result.stderr
    assert cleo.read_text() == before.replace("Status: pending", "Status: published")
    dan = queue.content / "replies" / "on-walking" / "dan-1.md"
    result = _invoke("reject", "dan-1", f"--content={queue.content}")
    assert result.returncode == 0 and "Status: hidden" in dan.read_text()
    queue.build()
    noticing = queue.page("posts/on-noticing/index.html")
    assert noticing.select_one("#reply-cleo-1") is not None
    assert queue.page("posts/on-walking/index.html").select_one("#reply-dan-1") is None
    assert [e.key for e in pending(queue.content)] == ["on-walking/ada-1", "on-walking/eve-1"]


def test_an_answer_approved_before_the_reply_it_answers_says_so_on_the_page_and_in_approve(queue):
    """The answer to a pending reply is shown; it must not read as an answer to the post."""
    queue.reply("on-noticing", "dev-1", "Answering Cleo.", Author="Dev Rao", Reply_To="cleo-1", Status="pending")
    result = _invoke("approve", "dev-1", f"--content={queue.content}")
    assert result.returncode == 0, result.stderr
    assert ("note: on-noticing/dev-1 answers on-noticing/cleo-1, which is pending and not shown; the page says it "
            "answers a reply that is not shown until on-noticing/cleo-1 is approved too") in result.stdout
    queue.build()
    dev = queue.page("posts/on-noticing/index.html").select_one("#reply-dev-1")
    assert dev.select_one(".in-reply-to").get_text(" ", strip=True) == "In reply to a reply that is not shown."
    # Approved together, nothing to note; once the parent is shown the answer sits under it.
    both = _invoke("approve", "dev-1 cleo-1", f"--content={queue.content}")
    assert both.returncode == 0 and "note:" not in both.stdout
    queue.build()
    page = queue.page("posts/on-noticing/index.html")
    assert page.select_one("#reply-cleo-1 #reply-dev-1 .in-reply-to").get_text(" ", strip=True) == \
        "In reply to Cleo Hart"


def test_reject_delete_removes_the_file(queue):
    result = _invoke("reject", "on-walking/ada-1, dan-1", "--delete", f"--content={queue.content}")
    assert result.returncode == 0, result.stderr
    assert not (queue.content / "replies" / "on-walking" / "ada-1.md").exists()
    assert not (queue.content / "replies" / "on-walking" / "dan-1.md").exists()
    assert (queue.content / "replies" / "on-noticing" / "ada-1.md").exists()
    assert "deleted-sources.txt" not in result.stdout  # written here, not imported: nothing to remember


def test_reject_delete_refuses_a_reply_others_answer_and_hiding_it_keeps_the_thread(queue):
    queue.reply("on-noticing", "ben-1", "An answer to Ada.", Author="Ben", **{"Reply-To": "ada-1"})
    queue.reply("on-walking", "fay-1", "From the other post.", Author="Fay", **{"Reply-To": "on-noticing/ada-1"})
    ada = queue.content / "replies" / "on-noticing" / "ada-1.md"
    result = _invoke("reject", "on-noticing/ada-1", "--delete", f"--content={queue.content}")
    assert result.returncode == 1 and ada.exists()
    assert "on-noticing/ada-1 is answered by on-noticing/ben-1, on-walking/fay-1" in result.stdout
    assert "Reject without --delete instead" in result.stderr
    # deleting the answers with it is fine; so is --force
    both = _invoke("reject", "on-noticing/ada-1 on-noticing/ben-1 on-walking/fay-1", "--delete", "--dry-run",
                   f"--content={queue.content}")
    assert "--dry-run" in both.stderr  # no such option: nothing was deleted by mistake
    assert ada.exists()
    result = _invoke("reject", "on-noticing/ada-1", f"--content={queue.content}")  # hidden instead
    assert result.returncode == 0, result.stderr
    queue.build()
    page = queue.page("posts/on-noticing/index.html")
    assert page.select_one("#reply-ada-1") is None and page.select_one("#reply-ben-1") is not None
    result = _invoke("reject", "on-noticing/ada-1", "--delete", "--force", f"--content={queue.content}")
    assert result.returncode == 0 and not ada.exists()


def test_invoke_build_leaves_no_page_of_a_deleted_reply_behind(queue):
    """`invoke build` starts from an empty output folder: a rejected reply's writer, who has no
    other reply, has no person page left for `invoke serve` to show."""
    queue.reply("on-walking", "gus-1", "Only Gus says this.", Author="Gus Stale")
    out = queue.root / "built"
    for step in ("build", "reject"):
        if step == "reject":
            assert _invoke("reject", "gus-1", "--delete", f"--content={queue.content}").returncode == 0
        result = _invoke("build", f"--content={queue.content}", f"--output={out}")
        assert result.returncode == 0, result.stderr
        assert (out / "people" / "gus-stale" / "index.html").exists() == (step == "build")
    assert not any("Only Gus says this" in p.read_text(encoding="utf-8") for p in out.rglob("*.html"))


def test_reject_delete_remembers_an_imported_reply_so_no_import_brings_it_back(queue):
    queue.reply("on-walking", "wp-7", "From the old blog.", Author="Fay", **{"Source-Id": "wordpress:ex.org:7"})
    result = _invoke("reject", "wp-7", "--delete", f"--content={queue.content}")
    ledger = queue.content / "replies" / "deleted-sources.txt"
    assert result.returncode == 0, result.stderr
    assert f"(its Source-Id is listed in {ledger}, so importing the export again does not bring it back)" \
        in result.stdout
    assert ledger.read_text(encoding="utf-8").splitlines()[-1] == "wordpress:ex.org:7"
    queue.build()  # the list is no reply: the build reads it as nothing
    assert queue.page("posts/on-walking/index.html").select_one("#reply-wp-7") is None


def test_ambiguous_or_unknown_ids_change_nothing(queue):
    with pytest.raises(ModerationError, match=r"'ada-1' is the id of several replies \(on-noticing/ada-1, "
                                              r"on-walking/ada-1\)"):
        resolve(queue.content, ["ada-1"])
    result = _invoke("approve", "cleo-1 nobody-7", f"--content={queue.content}")
    assert result.returncode == 1 and "no reply 'nobody-7'" in result.stderr
    assert "Status: pending" in (queue.content / "replies" / "on-noticing" / "cleo-1.md").read_text()


def test_approve_refuses_what_the_strict_published_build_would_refuse(queue):
    """publishconf.py builds strictly (warnings stop it); approve read only pelicanconf.py, so it
    published a reply whose parent is missing, and the next publish failed."""
    queue.reply("on-walking", "gus-1", "Answering a reply that is gone.", Author="Gus", Status="pending",
                **{"Reply-To": "nobody-9"})
    gus = queue.content / "replies" / "on-walking" / "gus-1.md"
    result = _invoke("approve", "gus-1", f"--content={queue.content}")
    assert result.returncode == 1, result.stdout
    assert "the published site is built strictly (REPLIES_STRICT in publishconf.py)" in result.stderr
    assert "Status: pending" in gus.read_text()
    assert _invoke("approve", "gus-1", "--force", f"--content={queue.content}").returncode == 0


def test_approve_refuses_a_reply_that_fails_the_check(queue):
    eve = queue.content / "replies" / "on-walking" / "eve-1.md"
    result = _invoke("approve", "eve-1", f"--content={queue.content}")
    assert result.returncode == 1 and "Author is still the template's 'Your name'" in result.stdout
    assert "Status: pending" in eve.read_text()
    assert _invoke("approve", "eve-1", "--force", f"--content={queue.content}").returncode == 0
    assert "Status: published" in eve.read_text()


def test_set_status_adds_a_missing_line_and_keeps_crlf(tmp_path):
    path = tmp_path / "x.md"
    path.write_bytes(b"Author: Ada\r\nDate: 2026-01-02 10:00\r\n\r\nBody\r\n")
    assert set_status(path, "hidden")
    assert path.read_bytes() == b"Author: Ada\r\nDate: 2026-01-02 10:00\r\nStatus: hidden\r\n\r\nBody\r\n"
    assert not set_status(path, "hidden")


def test_build_takes_another_content_folder_and_output(queue, tmp_path):
    """A practitioner who imported into another folder builds it with the README's task, not by
    working out Pelican's own command."""
    out = tmp_path / "elsewhere"
    result = _invoke("build", f"--content={queue.content}", f"--output={out}")
    assert result.returncode == 0, result.stderr
    assert (out / "posts" / "on-noticing" / "index.html").is_file()
    assert f"Serve it with: invoke serve --output {out}" in result.stdout

"""Staticman data folders (YAML and JSON entries)."""

from __future__ import annotations

import pytest
from importers import ImportFailed, import_staticman

SOURCE = "staticman/comments"
ADA = "sm-6f1c2a10-5e2e-11ea-9d2a-0b7e3c1d2e3f"
BEN = "sm-7a2b3c40-5e37-11ea-9d2a-0b7e3c1d2e3f"
CARA = "sm-8b3c4d50-5e3f-11ea-9d2a-0b7e3c1d2e3f"
DEE = "sm-ad5e6f70-5e4f-11ea-9d2a-0b7e3c1d2e3f"


@pytest.fixture
def site_posts(content, make_post):
    make_post(content, "on-slow-reading", "On Slow Reading")
    make_post(content, "notes-on-noticing", "Notes on Noticing")
    return content


def test_entries_are_threaded(fixtures, site_posts, replies, depth):
    report = import_staticman(fixtures / SOURCE, site_posts)
    slow = replies(site_posts, "on-slow-reading")
    assert sorted(slow) == sorted([ADA, BEN, CARA, DEE])
    meta = {rid: m for rid, (m, _) in slow.items()}
    assert "reply-to" not in meta[ADA]  # _parent holds the post's URL: a reply to the post
    assert meta[BEN]["reply-to"] == ADA  # reply_to (a JSON entry)
    assert meta[CARA]["reply-to"] == BEN and depth(CARA, slow) == 3  # replying_to_uid
    assert "reply-to" not in meta[DEE]  # replying_to names no entry
    assert meta[ADA]["date"] == "2020-03-04T10:15:00+00:00"  # Unix seconds
    assert meta[DEE]["date"] == "2020-03-04T14:15:00+00:00"  # from the file name, in ms
    assert meta[ADA]["source-id"] == "staticman:on-slow-reading:6f1c2a10-5e2e-11ea-9d2a-0b7e3c1d2e3f"
    assert slow[ADA][1].startswith("Slow reading, *slow* thinking.\n\nMail me: [email hidden]")  # Markdown kept
    assert meta[CARA]["author"] == "Cara Status: spam" and "status" not in meta[CARA]
    assert "author-url" not in meta[BEN]  # ftp:// dropped
    # The folder "2020-02-10-notes-on-noticing" matches the post without its date prefix.
    assert list(replies(site_posts, "notes-on-noticing")) == ["sm-be6f7080-4c2a-11ea-9d2a-0b7e3c1d2e3f"]
    assert report.skipped == {"entry marked hidden or spam": 1,
                              "comment on a post that is not in the content folder": 1}
    assert "never-migrated: no post with this slug" in str(report)
    assert (report.replies, report.threads, report.max_depth) == (5, 3, 3)


def test_one_post_folder(fixtures, site_posts, replies):
    report = import_staticman(fixtures / SOURCE / "on-slow-reading", site_posts)
    assert report.replies == 4 and not (site_posts / "replies" / "notes-on-noticing").exists()


def test_private_data_idempotence_dry_run(fixtures, site_posts, snap, no_private_data):
    dry = import_staticman(fixtures / SOURCE, site_posts, dry_run=True)
    assert not (site_posts / "replies").exists() and dry.actions()["create"] == 5
    import_staticman(fixtures / SOURCE, site_posts)
    no_private_data(site_posts, "ada@example.org", "0bc83cb571cd1c50ba6f3e8a78ef1346")
    before = snap(site_posts)
    assert set(import_staticman(fixtures / SOURCE, site_posts).actions()) == {"unchanged"}
    assert snap(site_posts) == before


def test_empty_folder(tmp_path, content):
    (tmp_path / "empty" / "post").mkdir(parents=True)
    with pytest.raises(ImportFailed, match="no Staticman entries"):
        import_staticman(tmp_path / "empty", content)


def test_an_empty_site_is_told_to_bring_its_posts_in_first(fixtures, content, snap):
    report = import_staticman(fixtures / SOURCE, content)
    assert snap(content) == {} and report.replies == 0
    assert len(report.todo) == 1 and report.todo[0].startswith("The content folder has no posts yet, so none")
    assert "invoke import-wordpress EXPORT.xml" in report.todo[0]


def test_an_id_that_reads_as_an_address_names_no_file(fixtures, site_posts, replies, tmp_path):
    """``_id: 10.0.0.1`` made ``sm-10.0.0.1.md``, a file name publishing it; its answer still finds it."""
    import shutil

    source = tmp_path / "comments"
    shutil.copytree(fixtures / SOURCE, source)
    first = source / "on-slow-reading" / "comment-1583316900000.yml"
    first.write_text(first.read_text(encoding="utf-8").replace("_id: 6f1c2a10-5e2e-11ea-9d2a-0b7e3c1d2e3f",
                                                               "_id: 10.0.0.1"), encoding="utf-8")
    answer = source / "on-slow-reading" / "comment-1583320500000.json"
    answer.write_text(answer.read_text(encoding="utf-8").replace("6f1c2a10-5e2e-11ea-9d2a-0b7e3c1d2e3f", "10.0.0.1"),
                      encoding="utf-8")
    import_staticman(source, site_posts)
    slow = replies(site_posts, "on-slow-reading")
    assert len(slow) == 4 and not [rid for rid in slow if "10.0.0.1" in rid or "10001" in rid], sorted(slow)
    ada = next(rid for rid, (m, _) in slow.items() if m["author"] == "Ada Park")
    assert slow[BEN][0]["reply-to"] == ada and "10.0.0.1" not in slow[ada][0]["source-id"]

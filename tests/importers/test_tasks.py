"""The invoke tasks: names and options as on the command line, report printed, failures exit 1."""

from __future__ import annotations

import pytest
from importers import tasks
from invoke import Collection, Context, Program
from invoke.exceptions import Exit


def run(*argv: str) -> None:
    program = Program(namespace=Collection.from_module(tasks), name="invoke", binary="invoke")
    program.run(["invoke", *argv], exit=False)


def test_task_names():
    names = set(Collection.from_module(tasks).task_names)
    assert {"import-wordpress", "import-blogger", "import-disqus", "import-html", "import-webmention",
            "import-staticman"} <= names


def test_import_wordpress_dry_run_prints_the_report(fixtures, content, capsys):
    run("import-wordpress", str(fixtures / "wordpress" / "field-notes.xml"), "--content", str(content),
        "--dry-run")
    out = capsys.readouterr().out
    assert out.startswith("Dry run (nothing written): WordPress import from")
    assert "replies:    13" in out and "wp-201.md" in out and "about/wp-401.md" in out
    run("import-wordpress", str(fixtures / "wordpress" / "field-notes.xml"), "--content", str(content),
        "--dry-run", "--pages", "skip")
    assert "replies:    12" in capsys.readouterr().out
    assert list(content.iterdir()) == []
    run("import-wordpress", str(fixtures / "wordpress" / "field-notes.xml"), "--content", str(content))
    assert "20 create" in capsys.readouterr().out  # with the page "about" and its comment
    assert (content / "replies" / "on-slow-reading" / "wp-201.md").exists()


def test_failure_exits_non_zero_with_the_reason(tmp_path, content):
    bad = tmp_path / "bad.xml"
    bad.write_text("<rss><channel>", encoding="utf-8")
    with pytest.raises(Exit) as failure:
        tasks.import_wordpress(Context(), str(bad), content=str(content))
    assert failure.value.code == 1
    assert str(bad) in str(failure.value.message) and "not well-formed" in str(failure.value.message)


def test_other_tasks(fixtures, content, make_post, capsys, local_server):
    make_post(content, "on-slow-reading", "On Slow Reading")
    make_post(content, "notes-on-noticing", "Notes on Noticing")
    tasks.import_disqus(Context(), str(fixtures / "disqus" / "field-notes-disqus.xml"), content=str(content))
    tasks.import_staticman(Context(), str(fixtures / "staticman" / "comments"), content=str(content))
    tasks.import_webmention(Context(), str(fixtures / "webmention" / "field-notes.jf2.json"),
                            content=str(content))
    tasks.import_html(Context(), str(fixtures / "html" / "core-html5.html"), content=str(content), dry_run=True)
    out = capsys.readouterr().out
    for head in ("Disqus import", "Staticman import", "Webmention import", "Dry run (nothing written): WordPress page"):
        assert head in out
    with pytest.raises(Exit) as failure:  # no file: the API, which refuses this token
        tasks.import_webmention(Context(), content=str(content), token="nope", base_url=local_server.url)
    assert failure.value.code == 1 and "nope" not in str(failure.value.message)


@pytest.mark.parametrize("task", ["import-wordpress", "import-blogger", "import-disqus", "import-html",
                                  "import-webmention"])
def test_every_importer_takes_its_file_as_file(task, tmp_path, capsys):
    """``--file`` / ``-f`` names what an importer reads, for each of them (import-html took ``--source``, and
    ``invoke import-html --file page.html`` failed with invoke's bare "No idea what 'page.html' is!")."""
    for flag in ("--file", "-f"):
        run(task, flag, str(tmp_path / "missing.file"), "--content", str(tmp_path / "content"), "--dry-run")
        said = capsys.readouterr()
        assert "missing.file: cannot read the file" in said.out + said.err and "No idea" not in said.err, task

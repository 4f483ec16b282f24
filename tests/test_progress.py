"""The progress line is for people: shown when stderr is a terminal, absent otherwise or with --quiet."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

PARAGRAPH = (
    "The council met on Tuesday to debate the budget for the coming year, and members argued about road "
    "repairs and school funding at length before a late vote."
)


def _dump(folder: Path, count: int) -> Path:
    folder.mkdir()
    for number in range(count):
        page = (
            f"<html><body><article><h1>Story {number}</h1><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></article></body></html>"
        )
        (folder / f"{number:02d}.html").write_text(page)
    (folder / "broken.html").write_text("")
    return folder


def _run_with_terminal_stderr(args: list[str]) -> tuple[int, str]:
    """Run the CLI with stderr on a pseudo-terminal (stdout stays a pipe) and return what the terminal got."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-c", "from newsclean.cli import main; main()", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=slave,
        env={**os.environ, "COLUMNS": "120"},
    )
    os.close(slave)
    received = bytearray()
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            process.kill()
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        received += chunk
    os.close(master)
    return process.wait(timeout=60), received.decode("utf-8", "replace")


@pytest.mark.timeout(120)
def test_progress_line_on_a_terminal_counts_documents_rate_rejects_and_eta(tmp_path: Path) -> None:
    dump = _dump(tmp_path / "dump", 6)
    code, terminal = _run_with_terminal_stderr(
        ["clean", str(dump), "-o", str(tmp_path / "out.jsonl"), "--workers", "1"]
    )
    assert code == 0
    final = [line for line in terminal.replace("\r\n", "\n").split("\r") if "docs/s" in line][-1]
    assert "7/7 docs" in final
    assert "1 rejected" in final
    assert "ETA 0:00" in final
    assert "\x1b[K" in terminal  # each update clears the line it overwrites


@pytest.mark.timeout(120)
def test_quiet_silences_the_progress_line_even_on_a_terminal(tmp_path: Path) -> None:
    dump = _dump(tmp_path / "dump", 2)
    code, terminal = _run_with_terminal_stderr(
        ["clean", str(dump), "-o", str(tmp_path / "out.jsonl"), "--workers", "1", "--quiet"]
    )
    assert code == 0
    assert "docs/s" not in terminal

"""A user who runs ``mypy --strict`` on code that imports newsclean gets its types checked: the package ships
``py.typed`` (without it mypy skipped newsclean as "missing library stubs"), and ``Document.headers`` takes every
form of headers the pipeline reads (``httpx.Headers``, pairs), not a ``dict`` alone."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

USER_CODE = """\
import httpx
import newsclean
from newsclean import Document

from_httpx = Document(html=b"<p>x</p>", headers=httpx.Headers({"content-type": "text/html"}))
from_pairs = Document(html="<p>x</p>", headers=[("Content-Type", "text/html; charset=utf-8")])
from_block = Document(html="<p>x</p>", headers="Content-Type: text/html\\r\\n")
article: newsclean.Article = newsclean.clean_html("<p>x</p>", headers=from_httpx.headers)
title: str | None = article.title
"""

MISTAKES = """\
import newsclean

words: str = newsclean.clean_html("<p>x</p>").word_count
newsclean.clean_text(42)
"""


def test_the_package_is_marked_as_typed() -> None:
    assert resources.files("newsclean").joinpath("py.typed").is_file()


def _mypy(tmp_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("mypy")
    script = tmp_path / "user.py"
    script.write_text(code, encoding="utf-8")
    command = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", str(tmp_path / "cache")]
    # From the user's folder: the repository's own mypy settings do not apply to a user's code.
    return subprocess.run([*command, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300)


def test_a_user_script_type_checks_strictly_against_the_public_api(tmp_path: Path) -> None:
    done = _mypy(tmp_path, USER_CODE)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_reads_newsclean_s_types_and_finds_a_user_s_mistakes(tmp_path: Path) -> None:
    # Untyped, both lines passed (newsclean was Any) or the module was skipped with an error about its stubs.
    done = _mypy(tmp_path, MISTAKES)
    assert done.returncode == 1
    assert 'Incompatible types in assignment (expression has type "int", variable has type "str")' in done.stdout
    assert 'Argument 1 to "clean_text" has incompatible type "int"' in done.stdout
    assert "missing library stubs or py.typed marker" not in done.stdout

"""News paragraphs that merely talk about donations, reading, likes, updates and newsletters are kept."""

from __future__ import annotations

from pathlib import Path

import newsclean

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "false_removals"


def _lines() -> list[str]:
    return [line for line in (FIXTURE / "legit_news.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


def test_text_dump_keeps_every_legitimate_paragraph() -> None:
    lines = _lines()
    article = newsclean.clean_text("\n".join(lines))
    assert article.title == lines[0]
    assert list(article.paragraphs) == lines[1:]
    assert article.removed == ()


def test_html_keeps_every_legitimate_paragraph_even_in_a_box_named_like_a_widget() -> None:
    lines = _lines()
    article = newsclean.clean_html((FIXTURE / "legit_news.html").read_bytes())
    assert article.title == lines[0]
    assert list(article.paragraphs) == lines[1:]
    assert article.removed == ()

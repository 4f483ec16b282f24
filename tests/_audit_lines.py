"""The two checks of the text-cleaning audits' lines, each cleaned in the middle and at the tail of a story."""

from __future__ import annotations

from collections.abc import Sequence

import newsclean


def assert_kept(article: newsclean.Article, line: str) -> None:
    """No rule removed the prose ``line``; it is in the article's text."""
    assert [removal.rule for removal in article.removed if removal.text == line] == []
    assert line in article.text


def assert_removed_by(article: newsclean.Article, line: str, rule: str, body: Sequence[str]) -> None:
    """``rule``, and only it, removed the boilerplate ``line``; the story's ``body`` is all still there."""
    assert [removal.rule for removal in article.removed if removal.text == line] == [rule]
    assert all(sentence in article.text for sentence in body)

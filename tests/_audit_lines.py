"""The two checks of the text-cleaning audits' lines, each cleaned in the middle and at the tail of a story."""

from __future__ import annotations

from collections.abc import Sequence

import newsclean

#: A story's first paragraphs (its headline, lead and second paragraph) and the paragraphs after them, for an audit's
#: line to be set among.
HEAD = (
    "Council approves new budget for schools",
    "The city council voted on Tuesday to approve a new budget that adds money for schools and parks across the"
    " district.",
    "The vote was 7 to 2, with two members saying the plan relied on optimistic revenue forecasts.",
)
BODY = (
    "The mayor is expected to sign the budget next week, officials said, after a final review by the finance office.",
    "The new fiscal year begins on July 1, and the schools will receive their first payments in August.",
    "Opponents said they would keep pressing for changes to the transit budget in the autumn.",
)

#: A whole story of long paragraphs, for a dump's lines to be set around.
STORY = (
    "The city council voted on Tuesday to approve a new budget that adds money for schools and parks across the"
    " district, after a debate that ran late into the evening.",
    "The vote was 7 to 2, with two members saying the plan relied on optimistic revenue forecasts and could force"
    " cuts next year if sales tax receipts fall short.",
    "The mayor is expected to sign the budget next week, officials said, after a final review by the finance office"
    " and a public hearing on the transit plan.",
    "Opponents said they would keep pressing for changes to the transit budget in the autumn, when the council takes"
    " up the capital plan.",
)


def assert_kept(article: newsclean.Article, line: str) -> None:
    """No rule removed the prose ``line``; it is in the article's text."""
    assert [removal.rule for removal in article.removed if removal.text == line] == []
    assert line in article.text


def assert_removed_by(article: newsclean.Article, line: str, rule: str, body: Sequence[str]) -> None:
    """``rule``, and only it, removed the boilerplate ``line``; the story's ``body`` is all still there."""
    assert [removal.rule for removal in article.removed if removal.text == line] == [rule]
    assert all(sentence in article.text for sentence in body)

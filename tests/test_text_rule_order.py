"""Which rule removes a paragraph when several could: the first in pack order that applies where it stands."""

from __future__ import annotations

from newsclean._rules import parse_pack
from newsclean.cleaners import TextCleaner

PACK = """
[pack]
name = "order"
version = "1"

[[rule]]
id = "t.head-phrase"
category = "widget"
stage = "text"
match = "phrase"
scope = "head"
pattern = ["Share this:"]
examples.drop = ["Share this:"]
examples.keep = ["Share prices fell"]

[[rule]]
id = "t.short-regex"
category = "share"
stage = "text"
match = "regex"
max_words = 3
pattern = ['^share\\b']
examples.drop = ["Share this:"]
examples.keep = ["Shares fell"]

[[rule]]
id = "t.any-regex"
category = "widget"
stage = "text"
match = "regex"
pattern = ['\\bshare\\b']
examples.drop = ["Share this story with a friend"]
examples.keep = ["Shares fell"]
"""
BODY = "The council met on Tuesday and voted to close the old bridge to heavy traffic."


def owners(paragraphs: list[str]) -> list[str]:
    result = TextCleaner(parse_pack(PACK, "order")).clean(paragraphs)
    return [removal.rule for removal in result.removed]


def test_the_first_rule_in_pack_order_wins() -> None:
    # all three match "Share this:" at the top: the phrase rule comes first in the pack
    assert owners(["Share this:", BODY]) == ["t.head-phrase"]


def test_a_rule_out_of_its_scope_lets_the_next_one_match() -> None:
    # below the head, the head-scoped phrase rule does not apply; the short-line regex rule is next
    assert owners([BODY, BODY, BODY, "Share this:", BODY]) == ["t.short-regex"]


def test_a_rule_over_its_word_limit_lets_the_next_one_match() -> None:
    assert owners([BODY, "Share this story with a friend", BODY]) == ["t.any-regex"]
    assert owners([BODY, "Nothing to remove here at all", BODY]) == []


def test_the_tail_is_counted_in_paragraphs_that_other_rules_keep() -> None:
    from newsclean._rules import default_rules

    story = [f"Paragraph {n} of the council story, with the vote and what the mayor said after it." for n in range(9)]
    credits = ["Reporting by Jane Roe; Editing by Mark Doe", "John Smith contributed to this report."]
    # A WordPress ending: each line goes by a rule of its own, and there are more of them than the tail is long.
    furniture = ["Share this:", "Twitter", "Facebook", "WhatsApp", "Email", "Print", "Like this:", "Like Loading..."]
    result = TextCleaner(default_rules()).clean([*story, *credits, *furniture])
    assert result.paragraphs == tuple(story)
    assert [r.rule for r in result.removed[:2]] == ["byline.reuters-credit", "byline.contributed"]
    # Above the last six kept paragraphs, a tail rule still does not reach.
    early = TextCleaner(default_rules()).clean([story[0], credits[1], *story[1:8], *furniture])
    assert credits[1] in early.paragraphs

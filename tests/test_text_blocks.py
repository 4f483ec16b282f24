"""Block rules reach only over the lines that belong to the block."""

from __future__ import annotations

from newsclean._rules import default_rules
from newsclean.cleaners import TextCleaner


def test_letter_to_dear_readers_is_not_taken_for_an_appeal() -> None:
    letter = [
        "Dear Reader,",
        "Many people struggle to tell family members what they want during the holidays.",
        "We wrote this in support of an urgent cause: our own sanity in December.",
    ]
    result = TextCleaner(default_rules()).clean(letter)
    assert result.paragraphs == tuple(letter[1:])
    assert [r.rule for r in result.removed] == ["donation.dear-readers"]


def test_appeal_to_dear_readers_goes_as_a_block() -> None:
    appeal = [
        "Dear readers,",
        "Independent journalism needs your support.",
        "Please contribute what you can today.",
        "Remind me later",
    ]
    result = TextCleaner(default_rules()).clean([*appeal, "The council met on Tuesday and voted to close the bridge."])
    assert result.paragraphs == ("The council met on Tuesday and voted to close the bridge.",)
    assert [r.text for r in result.removed] == appeal


def test_statement_after_a_message_from_a_family_is_not_taken_for_an_appeal() -> None:
    statement = [
        "We are heartbroken. Maria was a devoted mother, wife and teacher, and a member of this community.",
        "We thank everyone for the outpouring of support, and ask for privacy as we grieve.",
        "In lieu of flowers, the family asks that donations be made to the Lincoln High robotics program.",
    ]
    result = TextCleaner(default_rules()).clean(["A message from the Gonzalez family:", *statement])
    assert result.paragraphs == tuple(statement)
    assert [r.rule for r in result.removed] == ["donation.message-from-publisher"]

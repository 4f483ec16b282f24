"""A rule's examples as tests: each ``examples.drop`` must be removed by the rule alone, and no ``examples.keep``.

The shipped packs' examples run in the test suite (``tests/test_rules.py``, which also tries every keep example
against all the packs together). A user's pack is checked when it is loaded, so that a rule which does not do
what its examples say (a regex that matches every paragraph, a phrase with a typo) is a ``RuleError`` naming it
rather than text silently lost or kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import re2
from selectolax.lexbor import LexborHTMLParser

from ._rules import CompiledRule, RuleSet
from .cleaners import DomCleaner, TextCleaner

#: The article a dom rule's example box is placed beside: a box holding most of the page's text is never removed.
_ARTICLE = " ".join(["The council met on Tuesday and approved the budget after a long debate."] * 12)


class ExampleFailure(NamedTuple):
    rule: str
    kind: str  # "drop" or "keep"
    example: str

    def describe(self) -> str:
        verb = "does not remove" if self.kind == "drop" else "removes"
        return f"the rule {verb} its {self.kind} example {self.example!r}"


def example_failures(rules: RuleSet) -> list[ExampleFailure]:
    """Every example its own rule, on its own, handles otherwise than the example says."""
    failures: list[ExampleFailure] = []
    for rule in rules.rules:
        removes = _remover(rule, rules.only(rule.id))
        for kind, examples in (("drop", rule.spec.examples.drop), ("keep", rule.spec.examples.keep)):
            failures.extend(
                ExampleFailure(rule.id, kind, example) for example in examples if removes(example) != (kind == "drop")
            )
    return failures


def _remover(rule: CompiledRule, single: RuleSet) -> Callable[[str], bool]:
    """Whether the rule alone removes anything from an example: a box beside an article, or text lines."""
    if rule.spec.stage == "dom":
        try:
            dom_cleaner = DomCleaner(single)
        except re2.error:
            # The dom cleaner searches with an RE2 set built with RE2's default memory budget, which a pattern
            # that compiles on its own may still exceed.
            raise rule.error("pattern is too large: RE2 cannot compile it into the dom cleaner's set") from None
        return lambda example: bool(
            dom_cleaner.clean(
                LexborHTMLParser(f"<html><body><article><p>{_ARTICLE}</p></article>{example}</body></html>")
            ).removed
        )
    text_cleaner = TextCleaner(single)
    return lambda example: bool(text_cleaner.clean(example.split("\n")).removed)

"""False removals: gold paragraphs that newsclean's own cleaners took out, told apart from extractor misses.

A gold paragraph of at least ``MIN_WORDS`` words that is absent from newsclean's output is a *false removal*
when it is present in the text of one of the article's ``removed`` records (credited to the removal that covers
most of it), and an *extractor miss* otherwise: the extractor never returned it, so no rule is to blame.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from newsclean import Removal

from ._matching import PRESENT_AT, TextIndex, folded_tokens

MIN_WORDS = 8


class FalseRemoval(NamedTuple):
    text: str
    rule: str
    category: str
    stage: str


class RemovalAudit(NamedTuple):
    gold_paragraphs: int
    false_removals: tuple[FalseRemoval, ...]
    extractor_misses: int


def audit_removals(gold_paragraphs: Sequence[str], output: TextIndex, removed: Sequence[Removal]) -> RemovalAudit:
    candidates = [p for p in gold_paragraphs if len(p.split()) >= MIN_WORDS]
    removal_indexes = [(removal, TextIndex(removal.text)) for removal in removed]
    false_removals: list[FalseRemoval] = []
    misses = 0
    for paragraph in candidates:
        tokens = folded_tokens(paragraph)
        if output.contains(tokens):
            continue
        best: Removal | None = None
        best_coverage = PRESENT_AT
        for removal, index in removal_indexes:
            coverage = index.coverage(tokens)
            if coverage >= best_coverage and (best is None or coverage > best_coverage):
                best, best_coverage = removal, coverage
        if best is None:
            misses += 1
        else:
            false_removals.append(FalseRemoval(paragraph, best.rule, best.category, best.stage))
    return RemovalAudit(len(candidates), tuple(false_removals), misses)

"""The ScrapingHub article-extraction benchmark's metric, reproduced exactly, plus snippet checks.

Its ``evaluate.py`` tokenises with ``\\w+`` (case kept), builds 4-token shingles counted as a multiset, and
counts per page TP = Σ min(true, pred), FP = Σ (pred − true)⁺, FN = Σ (true − pred)⁺ over shingles. Each page's
(TP, FP, FN) is divided by TP + FP + FN so long pages weigh no more than short ones; the normalised triples are
summed over pages and precision, recall and F1 are computed from the sums. A text of fewer than four tokens is
one shorter shingle; an empty text has none (a page with both texts empty adds nothing).
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+", re.UNICODE)

Shingle = tuple[str, ...]


class PageCounts(NamedTuple):
    """One page's shingle TP / FP / FN, normalised to sum to 1 (all zero when both texts are empty)."""

    tp: float
    fp: float
    fn: float


class Score(NamedTuple):
    precision: float
    recall: float
    f1: float


class ScoreWithSpread(NamedTuple):
    score: Score
    #: Bootstrap standard deviation of (precision, recall, F1); None when no bootstrap was asked for.
    spread: Score | None


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[Shingle]:
    tokens = tokenize(text)
    grams = (tuple(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)))
    return Counter(gram for gram in grams if gram)


def page_counts(true: str, pred: str) -> PageCounts:
    """The page's normalised (TP, FP, FN), as ``string_shingle_matching`` in the benchmark computes them."""
    true_shingles = shingles(true)
    pred_shingles = shingles(pred)
    tp = sum((true_shingles & pred_shingles).values())
    fp = sum((pred_shingles - true_shingles).values())
    fn = sum((true_shingles - pred_shingles).values())
    total = tp + fp + fn
    if total == 0:
        return PageCounts(0.0, 0.0, 0.0)
    return PageCounts(tp / total, fp / total, fn / total)


def aggregate(pages: Sequence[PageCounts]) -> Score:
    """Precision, recall and F1 from the sums of the normalised per-page counts."""
    tp = sum(page.tp for page in pages)
    fp = sum(page.fp for page in pages)
    fn = sum(page.fn for page in pages)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


def score_with_bootstrap(pages: Sequence[PageCounts], *, samples: int = 0, seed: int = 42) -> ScoreWithSpread:
    """The score, and optionally the standard deviation of each figure over ``samples`` resamplings of the
    pages with replacement (the benchmark's ± figure). A fixed seed keeps the spread reproducible."""
    score = aggregate(pages)
    if samples <= 0 or not pages:
        return ScoreWithSpread(score, None)
    rng = random.Random(seed)
    draws = [aggregate(rng.choices(pages, k=len(pages))) for _ in range(samples)]
    spread = Score(*(_std([draw[i] for draw in draws]) for i in range(3)))
    return ScoreWithSpread(score, spread)


def _std(values: Sequence[float]) -> float:
    mean = sum(values) / len(values)
    return float((sum((value - mean) ** 2 for value in values) / len(values)) ** 0.5)


# -- snippets (WCXB) -----------------------------------------------------------------------------------------


def fold_for_snippets(text: str) -> str:
    """Punctuation and spacing are not content: snippets match on the ``\\w+`` token sequence. Case is kept:
    it tells a menu label ("Home") from prose ("at home")."""
    return " " + " ".join(tokenize(text)) + " "


class SnippetCounts(NamedTuple):
    included: int
    must_include: int
    leaked: int
    must_exclude: int


def snippet_counts(output: str, must_include: Sequence[str], must_exclude: Sequence[str]) -> SnippetCounts:
    """How many must_include snippets appear in the output and how many must_exclude snippets leak into it.

    A snippet appears when its token sequence occurs in the output's token sequence, case kept and on token
    boundaries, so "Home" matches neither "homeowners" nor "at home". Snippets without a token are ignored."""
    folded = fold_for_snippets(output)
    include = [fold_for_snippets(s) for s in must_include if tokenize(s)]
    exclude = [fold_for_snippets(s) for s in must_exclude if tokenize(s)]
    return SnippetCounts(
        included=sum(snippet in folded for snippet in include),
        must_include=len(include),
        leaked=sum(snippet in folded for snippet in exclude),
        must_exclude=len(exclude),
    )

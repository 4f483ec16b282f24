"""The ``quality`` run: every extractor on every page of each set, scored the same way, in one pass."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import msgspec

from ._data import Page, iter_pages
from ._extractors import METADATA_FIELDS, ExtractFn, Extraction
from ._matching import TextIndex
from ._metadata import FIELDS, field_matches
from ._removals import audit_removals
from ._residual import BOILERPLATE_CATEGORIES, CATEGORIES, page_context, residual_paragraphs
from ._scoring import PageCounts, score_with_bootstrap, snippet_counts
from ._warm_up import WARM_UP_PAGES, warm_up

MAX_NOTES = 5


class ExtractorTally:
    """Everything measured for one extractor on one set, accumulated page by page."""

    def __init__(self) -> None:
        self.pages: list[PageCounts] = []
        self.cpu_seconds = 0.0
        self.html_bytes = 0
        self.errors = 0
        self.empty = 0
        self.notes: list[str] = []
        self.included = self.must_include = self.leaked = self.must_exclude = 0
        self.output_paragraphs = 0
        self.residual: Counter[str] = Counter()
        self.meta_right: Counter[str] = Counter()
        self.meta_annotated: Counter[str] = Counter()
        self.gold_paragraphs = 0
        self.false_removals: Counter[str] = Counter()
        self.extractor_misses = 0
        self.audited = False

    def summary(self, bootstrap: int) -> dict[str, Any]:
        scored = score_with_bootstrap(self.pages, samples=bootstrap)
        result: dict[str, Any] = {
            "pages": len(self.pages),
            "f1": scored.score.f1,
            "precision": scored.score.precision,
            "recall": scored.score.recall,
            "errors": self.errors,
            "empty": self.empty,
            "notes": self.notes,
            "cpu_seconds": self.cpu_seconds,
            "pages_per_second": len(self.pages) / self.cpu_seconds if self.cpu_seconds else None,
            "output_paragraphs": self.output_paragraphs,
            "residual": {category: self.residual[category] for category in CATEGORIES},
            "residual_boilerplate": sum(self.residual[c] for c in BOILERPLATE_CATEGORIES),
        }
        if scored.spread is not None:
            result["spread"] = {
                "f1": scored.spread.f1,
                "precision": scored.spread.precision,
                "recall": scored.spread.recall,
            }
        if self.must_include:
            result["must_include_recall"] = self.included / self.must_include
        if self.must_exclude:
            result["must_exclude_leaked"] = self.leaked
            result["must_exclude_total"] = self.must_exclude
            result["must_exclude_leak_rate"] = self.leaked / self.must_exclude
        if self.meta_annotated:
            result["metadata"] = {
                field: self.meta_right[field] / self.meta_annotated[field]
                for field in FIELDS
                if self.meta_annotated[field]
            }
        if self.audited:
            total_false = sum(self.false_removals.values())
            result["gold_paragraphs_8plus"] = self.gold_paragraphs
            result["false_removals"] = total_false
            result["false_removal_rate"] = total_false / self.gold_paragraphs if self.gold_paragraphs else 0.0
            result["false_removals_by_rule"] = dict(self.false_removals.most_common())
            result["extractor_misses"] = self.extractor_misses
        return result


class PageRecord(msgspec.Struct, omit_defaults=True):
    """One extractor's result on one page, kept for analysis (written to the git-ignored outputs file)."""

    dataset: str
    id: str
    extractor: str
    tp: float
    fp: float
    fn: float
    residual: list[tuple[str, str]] = []
    false_removals: list[tuple[str, str, str]] = []
    error: str | None = None


def _run_one(extract: ExtractFn, page: Page) -> tuple[Extraction, float, str | None]:
    started = time.process_time()
    error = None
    try:
        extraction = extract(page.html, page.url)
    except Exception as exc:  # a peer failing on a page scores as an empty output, with a note
        extraction = Extraction(())
        error = " ".join(f"{type(exc).__name__}: {str(exc)[:200]}".split())
    return extraction, time.process_time() - started, error


def score_page(
    name: str, tally: ExtractorTally, page: Page, extraction: Extraction, gold: TextIndex, context: Any
) -> PageRecord:
    from ._scoring import page_counts

    text = extraction.text
    counts = page_counts(page.gold_text, text)
    tally.pages.append(counts)
    if not extraction.paragraphs:
        tally.empty += 1
    snippets = snippet_counts(text, page.must_include, page.must_exclude)
    tally.included += snippets.included
    tally.must_include += snippets.must_include
    tally.leaked += snippets.leaked
    tally.must_exclude += snippets.must_exclude
    tally.output_paragraphs += len(extraction.paragraphs)
    residual = residual_paragraphs(extraction.paragraphs, gold, context) if page.gold_text else []
    tally.residual.update(r.category for r in residual)
    offered = METADATA_FIELDS.get(name, FIELDS)
    for field, right in field_matches(page.gold_meta, extraction.meta).items():
        if field not in offered:
            continue
        tally.meta_annotated[field] += 1
        tally.meta_right[field] += right
    record = PageRecord(
        page.info.get("dataset", ""), page.id, name, *counts, residual=[(r.text, r.category) for r in residual]
    )
    if name == "newsclean" and page.gold_text:
        audit = audit_removals(page.gold_paragraphs, TextIndex(text), extraction.removed)
        tally.audited = True
        tally.gold_paragraphs += audit.gold_paragraphs
        tally.extractor_misses += audit.extractor_misses
        tally.false_removals.update(f.rule for f in audit.false_removals)
        record.false_removals = [(f.text, f.rule, f.stage) for f in audit.false_removals]
    return record


def run_dataset(
    dataset: str,
    directory: Path,
    extractors: dict[str, ExtractFn],
    *,
    limit: int | None = None,
    on_record: Callable[[PageRecord], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, ExtractorTally]:
    """Run every extractor on each page in turn (interleaved, so machine load hits all of them alike), after an
    untimed warm-up on the set's first pages (``_warm_up``): pages/s is each extractor's steady rate."""
    tallies = {name: ExtractorTally() for name in extractors}
    warm_up(extractors.values(), list(iter_pages(dataset, directory, limit=min(WARM_UP_PAGES, limit or WARM_UP_PAGES))))
    pages: Iterable[Page] = iter_pages(dataset, directory, limit=limit)
    for number, page in enumerate(pages, start=1):
        gold = TextIndex(page.gold_text)
        context = page_context(page.html, page.gold_meta.get("title") or None)
        size = len(page.html.encode("utf-8", "surrogatepass"))
        for name, extract in extractors.items():
            tally = tallies[name]
            extraction, seconds, error = _run_one(extract, page)
            tally.cpu_seconds += seconds
            tally.html_bytes += size
            if error is not None:
                tally.errors += 1
                if len(tally.notes) < MAX_NOTES:
                    tally.notes.append(f"{page.id}: {error}")
            record = score_page(name, tally, page, extraction, gold, context)
            record.error = error
            if on_record is not None:
                on_record(record)
        if progress is not None:
            progress(number)
    return tallies

"""The ``dumps`` run: newsclean's cleaners on text that has no HTML left.

Many scraped dumps are another extractor's output: the page's text, chosen by trafilatura, jusText or the like, with
the boilerplate that extractor let through. Each peer's output on a gold page is handed to ``Pipeline.clean_text``
as such a dump would be (one paragraph a line, with the page's URL and nothing else), and scored against the gold
before and after. What changes is the work of newsclean's text cleaners alone: they cannot add text the peer did
not choose, and without the page they have no markup to go by.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ._data import Page, iter_pages
from ._extractors import ExtractFn, Extraction
from ._matching import TextIndex
from ._removals import audit_removals
from ._report import run_line
from ._residual import BOILERPLATE_CATEGORIES, PageContext, page_context, residual_paragraphs
from ._scoring import PageCounts, aggregate, page_counts
from ._warm_up import WARM_UP_PAGES, warm_up


class Side:
    """One side of the comparison (the peer's text, or the same text cleaned): scores and residual paragraphs."""

    def __init__(self) -> None:
        self.pages: list[PageCounts] = []
        self.residual: Counter[str] = Counter()
        self.empty = 0

    def add(self, page: Page, paragraphs: tuple[str, ...], gold: TextIndex, context: PageContext) -> None:
        self.pages.append(page_counts(page.gold_text, "\n\n".join(paragraphs)))
        self.empty += not paragraphs
        if page.gold_text:  # as ``quality`` counts: without gold text no paragraph can be told residual
            self.residual.update(r.category for r in residual_paragraphs(paragraphs, gold, context))

    def summary(self) -> dict[str, Any]:
        score = aggregate(self.pages)
        return {
            "f1": score.f1,
            "precision": score.precision,
            "recall": score.recall,
            "empty": self.empty,
            "residual_boilerplate": sum(self.residual[c] for c in BOILERPLATE_CATEGORIES),
        }


class DumpTally:
    """A peer's text on one set, before and after newsclean's cleaners, and what the cleaning cost."""

    def __init__(self) -> None:
        self.before = Side()
        self.after = Side()
        self.peer_seconds = 0.0
        self.clean_seconds = 0.0
        self.peer_errors = 0
        self.clean_errors: list[str] = []
        self.gold_paragraphs = 0
        self.false_removals: Counter[str] = Counter()

    def summary(self) -> dict[str, Any]:
        false_removals = sum(self.false_removals.values())
        return {
            "pages": len(self.before.pages),
            "before": self.before.summary(),
            "after": self.after.summary(),
            "peer_errors": self.peer_errors,
            "clean_errors": len(self.clean_errors),
            "clean_error_notes": self.clean_errors[:5],
            "gold_paragraphs_8plus": self.gold_paragraphs,
            "false_removals": false_removals,
            "false_removal_rate": false_removals / self.gold_paragraphs if self.gold_paragraphs else 0.0,
            "false_removals_by_rule": dict(self.false_removals.most_common()),
            # The cleaning's CPU time against the peer's own, on the same pages.
            "clean_cost": self.clean_seconds / self.peer_seconds if self.peer_seconds else None,
        }


CleanFn = Callable[[str, str | None], Any]


def _cleaner() -> CleanFn:
    import newsclean

    # The pipeline's own guard against a page of a few stray words is kept: a dump cleaned to nothing scores empty.
    pipeline = newsclean.Pipeline()
    # Rule packs and models load on first use: not a cost of the first set's first peer.
    pipeline.clean_text("Warm-up.\nThe cleaners load their rule packs and models on their first dump, once.")

    def clean(text: str, url: str | None) -> Any:
        return pipeline.clean_text(text, url=url)

    return clean


def _peer_output(extract: ExtractFn, page: Page) -> tuple[Extraction | None, float]:
    started = time.process_time()
    try:
        extraction: Extraction | None = extract(page.html, page.url)
    except Exception:  # a peer failing on a page leaves no dump to clean
        extraction = None
    return extraction, time.process_time() - started


def run_dumps(
    dataset: str,
    directory: Path,
    peers: dict[str, ExtractFn],
    *,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, DumpTally]:
    """Every peer's text on each page of ``dataset``, scored as it is and after ``Pipeline.clean_text``."""
    clean = _cleaner()
    tallies = {name: DumpTally() for name in peers}
    warm_up(peers.values(), list(iter_pages(dataset, directory, limit=min(WARM_UP_PAGES, limit or WARM_UP_PAGES))))
    pages: Iterable[Page] = iter_pages(dataset, directory, limit=limit)
    for number, page in enumerate(pages, start=1):
        gold = TextIndex(page.gold_text)
        context = page_context(page.html, page.gold_meta.get("title") or None)
        for name, extract in peers.items():
            tally = tallies[name]
            extraction, seconds = _peer_output(extract, page)
            tally.peer_seconds += seconds
            if extraction is None:
                tally.peer_errors += 1
            dump = tuple(extraction.paragraphs) if extraction is not None else ()
            tally.before.add(page, dump, gold, context)
            cleaned: tuple[str, ...] = ()
            removed: tuple[Any, ...] = ()
            if dump:
                started = time.process_time()
                try:
                    article = clean("\n".join(dump), page.url)
                    cleaned, removed = tuple(article.paragraphs), tuple(article.removed)
                except Exception as exc:  # newsclean refusing a peer's text scores as empty, and is reported
                    tally.clean_errors.append(f"{page.id}: {type(exc).__name__}: {str(exc)[:120]}")
                tally.clean_seconds += time.process_time() - started
            tally.after.add(page, cleaned, gold, context)
            if page.gold_text:
                audit = audit_removals(page.gold_paragraphs, TextIndex("\n\n".join(cleaned)), removed)
                tally.gold_paragraphs += audit.gold_paragraphs
                tally.false_removals.update(f.rule for f in audit.false_removals)
        if progress is not None:
            progress(number)
    return tallies


def dumps_markdown(results: dict[str, Any]) -> str:
    """``results``: run info and, per set and peer, a ``DumpTally.summary``."""
    lines = [
        "# Text dumps",
        "",
        run_line(results["run"]),
        "",
        "Each peer's output on a gold page, handed to `Pipeline.clean_text` as a plain-text dump (one paragraph a "
        "line, the page's URL, no markup). F1 (P / R): the ScrapingHub shingle metric, before → after the cleaning. "
        "Residual: output paragraphs not in the gold text in a boilerplate category. False removals: gold "
        "paragraphs (8+ words) in the peer's text that the cleaners removed. Cost: the cleaning's CPU time over the "
        "peer's own.",
        "",
        "| set | peer | F1 before → after | P before → after | R before → after | residual | false removals | "
        "empty after | cost |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for dataset, rows in results["datasets"].items():
        for peer, row in rows.items():
            before, after = row["before"], row["after"]
            cost = f"{row['clean_cost']:.2f}" if row["clean_cost"] is not None else "–"
            lines.append(
                f"| {dataset} | {peer} | {before['f1']:.4f} → **{after['f1']:.4f}** | "
                f"{before['precision']:.4f} → {after['precision']:.4f} | {before['recall']:.4f} → "
                f"{after['recall']:.4f} | {before['residual_boilerplate']} → {after['residual_boilerplate']} | "
                f"{row['false_removals']} ({row['false_removal_rate']:.2%}) | {after['empty']} | {cost} |"
            )
    notes = [
        f"- {dataset} / {peer}: " + "; ".join(row["clean_error_notes"])
        for dataset, rows in results["datasets"].items()
        for peer, row in rows.items()
        if row["clean_errors"]
    ]
    if notes:
        lines += ["", "Dumps newsclean raised on (scored as empty):", "", *notes]
    return "\n".join(lines) + "\n"

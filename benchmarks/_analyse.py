"""Look inside a quality run: the residual paragraphs and false removals behind the counts, from the per-page
records in ``results/outputs/NAME.jsonl``."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import msgspec

from ._quality import PageRecord


def read_records(path: Path, extractor: str) -> list[PageRecord]:
    decoder = msgspec.json.Decoder(PageRecord)
    with path.open("rb") as handle:
        return [record for line in handle if (record := decoder.decode(line)).extractor == extractor]


def analysis_markdown(records: list[PageRecord], *, examples: int = 8, width: int = 140) -> str:
    """Residual paragraphs by category (pages touched, most frequent texts) and false removals by rule."""
    by_category: dict[str, Counter[str]] = defaultdict(Counter)
    pages: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for text, category in record.residual:
            by_category[category][text[:width]] += 1
            pages[category].add(record.id)
    lines = [f"{len(records)} pages", "", "| category | paragraphs | pages |", "|---|---|---|"]
    ranked = sorted(by_category, key=lambda c: -sum(by_category[c].values()))
    lines += [f"| {c} | {sum(by_category[c].values())} | {len(pages[c])} |" for c in ranked]
    for category in ranked:
        lines += ["", f"### {category}", ""]
        lines += [f"- {count}× {text}" for text, count in by_category[category].most_common(examples)]
    removals: dict[str, list[str]] = defaultdict(list)
    for record in records:
        for text, rule, stage in record.false_removals:
            removals[f"{rule} ({stage})"].append(f"{record.id}: {text[:width]}")
    if removals:
        lines += ["", "### false removals by rule", ""]
        for rule, texts in sorted(removals.items(), key=lambda item: -len(item[1])):
            lines += [f"- **{rule}**: {len(texts)}"] + [f"  - {text}" for text in texts[:examples]]
    return "\n".join(lines) + "\n"

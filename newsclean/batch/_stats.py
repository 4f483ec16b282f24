"""The end-of-run summary: documents in, out, rejected by reason, removals by category, throughput."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from ..io._writers import naming_failures
from ._worker import Outcome


class BatchStats:
    def __init__(self) -> None:
        self.documents_in = 0
        self.articles_out = 0
        self.no_content = 0
        self.rejected: Counter[str] = Counter()
        self.removals_by_category: Counter[str] = Counter()
        self.site_removals = 0
        self.seconds = 0.0
        self.workers_replaced = 0

    def count(self, outcome: Outcome) -> None:
        self.documents_in += 1
        if outcome.ok:
            self.articles_out += 1
            self.no_content += outcome.no_content
            self.removals_by_category.update(outcome.categories)
        else:
            self.rejected[outcome.reason] += 1

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents_in": self.documents_in,
            "articles_out": self.articles_out,
            "no_content": self.no_content,
            "rejected": self.rejected_total,
            "rejected_by_reason": dict(sorted(self.rejected.items())),
            "removals_by_category": dict(sorted(self.removals_by_category.items())),
            "site_removals": self.site_removals,
            "workers_replaced": self.workers_replaced,
            "seconds": round(self.seconds, 3),
            "documents_per_second": round(self.documents_in / self.seconds, 2) if self.seconds else None,
        }

    def write(self, path: str | Path) -> None:
        """The summary as JSON at ``path`` (its folder made, as the writers make OUTPUT's)."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        with naming_failures(target):
            target.write_text(json.dumps(self.as_dict(), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BatchStats:
        stats = cls()
        stats.documents_in = int(data.get("documents_in", 0))
        stats.articles_out = int(data.get("articles_out", 0))
        stats.no_content = int(data.get("no_content", 0))
        stats.rejected = Counter(data.get("rejected_by_reason", {}))
        stats.removals_by_category = Counter(data.get("removals_by_category", {}))
        stats.site_removals = int(data.get("site_removals", 0))
        stats.workers_replaced = int(data.get("workers_replaced", 0))
        stats.seconds = float(data.get("seconds", 0.0))
        return stats

    def summary_lines(self) -> list[str]:
        rate = f"{self.documents_in / self.seconds:,.1f} docs/s" if self.seconds else "n/a"
        lines = [
            f"documents in: {self.documents_in:,}   articles out: {self.articles_out:,}"
            f" (no content: {self.no_content:,})   rejected: {self.rejected_total:,}",
            f"time: {self.seconds:,.1f}s   throughput: {rate}",
        ]
        if self.rejected:
            lines.append("rejected by reason: " + ", ".join(f"{k} {v:,}" for k, v in sorted(self.rejected.items())))
        if self.removals_by_category:
            lines.append(
                "removals by category: " + ", ".join(f"{k} {v:,}" for k, v in sorted(self.removals_by_category.items()))
            )
        if self.site_removals:
            lines.append(f"site boilerplate paragraphs removed: {self.site_removals:,}")
        if self.workers_replaced:
            lines.append(f"workers replaced: {self.workers_replaced:,}")
        return lines

"""Shared by the scale-out tests (Ray, Dask, Spark): a small dump and the single-process reference."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import newsclean
from newsclean.io import KeyMap
from newsclean.io._records import document_from_record

KEYS = {"html": "content", "url": "link", "id": "doc"}


def records() -> list[dict[str, str]]:
    """Twelve articles with a widget line each, and one empty page that must come back as a failure row."""
    dump = []
    for number in range(12):
        body = "".join(
            f"<p>Paragraph {part} of story {number}: the council met on Tuesday to debate the budget for the "
            f"coming year, and members argued about road repairs and school funding at length.</p>"
            for part in range(4)
        )
        dump.append(
            {
                "doc": f"doc-{number}",
                "link": f"https://news.example/{number}",
                "content": f"<html><head><title>Story {number}</title></head><body><article><h1>Story {number}"
                f"</h1>{body}<p>Share this:</p></article></body></html>",
            }
        )
    dump.append({"doc": "empty", "link": "https://news.example/empty", "content": ""})
    return dump


def assert_rows_match_single_process(rows: list[Mapping[str, Any]], dump: list[dict[str, str]]) -> None:
    """Every input row comes back exactly once, equal to what ``clean_batch`` gives in one process."""
    keys = KeyMap(**KEYS)
    expected = list(
        newsclean.clean_batch(
            [document_from_record(r, keys, f"row {i}", fallback_id=str(i)) for i, r in enumerate(dump)], workers=0
        )
    )
    expected_by_id = {record.source_id: record for record in expected}
    assert sorted(row["source_id"] for row in rows) == sorted(expected_by_id)
    assert len(rows) == len(dump)
    for row in rows:
        single = expected_by_id[row["source_id"]]
        if isinstance(single, newsclean.Failure):
            assert row["failure"]["stage"] == single.stage and row["failure"]["error"] == single.error
            assert row["text"] is None
        else:
            assert row["failure"] is None
            assert row["text"] == single.text
            assert list(row["paragraphs"]) == list(single.paragraphs)
            assert row["title"] == single.title
            assert dict(row["provenance"]) == dict(single.provenance)
            assert [r["rule"] for r in row["removed"]] == [r.rule for r in single.removed]
            assert any(r.rule.startswith("widget.") for r in single.removed)

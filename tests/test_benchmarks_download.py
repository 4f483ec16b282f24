"""The ScrapingHub converter on a synthetic copy of its repository layout (no network in tests)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from benchmarks._data import iter_pages
from benchmarks.download import SOURCES, _scrapinghub_pages


def test_scrapinghub_layout_converts_to_the_harness_format(tmp_path: Path) -> None:
    root = tmp_path / "article-extraction-benchmark-4a3bc97"
    (root / "html").mkdir(parents=True)
    truth = {"b2": {"articleBody": "First paragraph.\nSecond paragraph.\n\n", "url": "https://example.com/b2"}}
    (root / "ground-truth.json").write_text(json.dumps(truth))
    (root / "html" / "b2.html.gz").write_bytes(gzip.compress("<html><p>Café</p></html>".encode()))

    pages = list(_scrapinghub_pages(root, SOURCES["scrapinghub"]))
    with gzip.open(tmp_path / "scrapinghub.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(page) + "\n" for page in pages)

    [page] = iter_pages("scrapinghub", tmp_path)
    assert page.id == "scrapinghub/b2" and page.url == "https://example.com/b2"
    assert page.gold_paragraphs == ["First paragraph.", "Second paragraph."]
    assert "Café" in page.html
    assert page.info["source_commit"] == SOURCES["scrapinghub"].commit

"""The Ray Data adapter on a real local Ray instance, compared with the single-process result."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import newsclean
from newsclean.io import KeyMap
from newsclean.io._readers import document_from_record

ray = pytest.importorskip("ray", reason="Ray cannot be installed here: pip install 'newsclean[ray]' to run this test")
pytest.importorskip("ray.data", reason="ray[data] is not installed: pip install 'newsclean[ray]'")
pa = pytest.importorskip("pyarrow")

from newsclean.integrations.ray import Cleaner  # noqa: E402


def _records() -> list[dict[str, str]]:
    records = []
    for number in range(12):
        body = "".join(
            f"<p>Paragraph {part} of story {number}: the council met on Tuesday to debate the budget for the "
            f"coming year, and members argued about road repairs and school funding at length.</p>"
            for part in range(4)
        )
        records.append(
            {
                "doc": f"doc-{number}",
                "link": f"https://news.example/{number}",
                "content": f"<html><head><title>Story {number}</title></head><body><article><h1>Story {number}"
                f"</h1>{body}<p>Share this:</p></article></body></html>",
            }
        )
    records.append({"doc": "empty", "link": "https://news.example/empty", "content": ""})
    return records


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        yield
    finally:
        ray.shutdown()


@pytest.mark.timeout(120)
def test_ray_map_batches_equals_single_process(local_ray: None) -> None:
    records = _records()
    keys = KeyMap(html="content", url="link", id="doc")
    dataset = ray.data.from_items(records, override_num_blocks=4)
    cleaned = dataset.map_batches(
        Cleaner,
        batch_format="pyarrow",
        batch_size=4,
        concurrency=2,
        fn_constructor_kwargs={"keys": {"html": "content", "url": "link", "id": "doc"}},
    )
    rows = sorted(cleaned.take_all(), key=lambda row: row["source_id"])

    expected = list(
        newsclean.clean_batch(
            [document_from_record(r, keys, f"row {i}", fallback_id=str(i)) for i, r in enumerate(records)], workers=0
        )
    )
    expected_by_id = {record.source_id: record for record in expected}
    assert len(rows) == len(records) == len(expected_by_id)
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
            assert [r["rule"] for r in row["removed"]] == [r.rule for r in single.removed]
    assert sum(row["failure"] is not None for row in rows) == 1
    assert any(r["category"] == "widget" for row in rows if row["removed"] is not None for r in row["removed"])

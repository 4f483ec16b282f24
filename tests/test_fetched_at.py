"""The fetch time: no date after it is believed, and it travels with the page from every input kind."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

import newsclean
from newsclean import Document, Failure, Pipeline
from newsclean.io import JsonlReader, KeyMap, WarcReader

BODY = "".join(
    f"<p>Paragraph {n}: the council met on Tuesday to debate next year's budget, with long arguments about road "
    "repairs and school funding that went on well into the evening.</p>"
    for n in range(4)
)


def _page(published: str) -> str:
    ld = json.dumps({"@type": "NewsArticle", "headline": "Council debates the budget", "datePublished": published})
    return (
        f'<html><head><script type="application/ld+json">{ld}</script></head>'
        f"<body><article><h1>Council debates the budget</h1>{BODY}</article></body></html>"
    )


def test_no_date_after_the_fetch_time_is_believed() -> None:
    page = _page("2024-06-01T09:00:00Z")
    before = newsclean.clean_html(page, fetched_at=datetime(2024, 3, 1, tzinfo=UTC))
    after = newsclean.clean_html(page, fetched_at=datetime(2024, 7, 1, tzinfo=UTC))
    assert before.published is None and "published" not in before.provenance
    assert after.published == datetime(2024, 6, 1, 9, tzinfo=UTC)
    assert (before.fetched_at, after.fetched_at) == (datetime(2024, 3, 1, tzinfo=UTC), datetime(2024, 7, 1, tzinfo=UTC))


def test_fetch_times_are_stored_in_utc_and_naive_ones_are_utc() -> None:
    page = _page("2024-06-01T09:00:00Z")
    naive = newsclean.clean_html(page, fetched_at=datetime(2024, 7, 1, 12, 0))
    zoned = newsclean.clean_html(page, fetched_at=datetime(2024, 7, 1, 14, 0, tzinfo=timezone(timedelta(hours=2))))
    assert naive.fetched_at == zoned.fetched_at == datetime(2024, 7, 1, 12, 0, tzinfo=UTC)
    assert zoned.fetched_at is not None and zoned.fetched_at.utcoffset() == timedelta(0)
    assert newsclean.to_json(naive) == newsclean.to_json(zoned)
    assert b'"fetched_at":"2024-07-01T12:00:00Z"' in newsclean.to_json(naive)
    with pytest.raises(TypeError, match="fetched_at must be a datetime"):
        newsclean.clean_html(page, fetched_at="2024-07-01")  # type: ignore[arg-type]


def test_text_dumps_and_documents_carry_the_fetch_time() -> None:
    moment = datetime(2023, 3, 10, 8, tzinfo=UTC)
    text = newsclean.clean_text(
        "Budget approved\nThe council approved the budget after a long debate.", fetched_at=moment
    )
    assert text.fetched_at == moment
    run = Pipeline().run(Document(html=_page("2024-06-01"), fetched_at=moment))
    assert run.fetched_at == moment and run.published is None


def test_jsonl_records_give_their_fetch_time_in_any_common_form(tmp_path: Path) -> None:
    page = _page("2024-06-01T09:00:00Z")
    moment = datetime(2024, 3, 9, 12, 0, tzinfo=UTC)
    records = [
        {"id": "iso", "html": page, "fetched_at": "2024-03-09T12:00:00Z"},
        {"id": "cdx", "html": page, "crawl_time": "20240309120000"},
        {"id": "epoch", "html": page, "crawled_at": int(moment.timestamp())},
        {"id": "offset", "html": page, "fetch_time": "2024-03-09T13:00:00+01:00"},
        {"id": "none", "html": page},
        {"id": "bad", "html": page, "fetched_at": "yesterday"},
        {"id": "date-is-not-a-fetch-time", "html": page, "date": "2020-01-01"},
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    items = {item.source_id: item for item in JsonlReader(path)}
    for name in ("iso", "cdx", "epoch", "offset"):
        document = items[name]
        assert isinstance(document, Document) and document.fetched_at == moment, name
    assert isinstance(items["none"], Document) and items["none"].fetched_at is None
    assert isinstance(items["date-is-not-a-fetch-time"], Document)
    assert items["date-is-not-a-fetch-time"].fetched_at is None
    bad = items["bad"]
    assert isinstance(bad, Failure) and bad.message.startswith("field 'fetched_at': fetch time 'yesterday' is not")

    nested = tmp_path / "nested.jsonl"
    nested.write_text(json.dumps({"html": page, "meta": {"seen": "2024-03-09T12:00:00Z"}}) + "\n")
    (document,) = JsonlReader(nested, keys=KeyMap(fetched_at="meta.seen"))
    assert isinstance(document, Document) and document.fetched_at == moment


def test_warc_records_give_their_warc_date(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            "https://news.example/budget",
            "response",
            payload=io.BytesIO(_page("2024-06-01T09:00:00Z").encode()),
            http_headers=http,
            warc_headers_dict={"WARC-Date": "2024-03-09T12:00:00Z"},
        )
        writer.write_record(record)
    (document,) = WarcReader(path)
    assert isinstance(document, Document) and document.fetched_at == datetime(2024, 3, 9, 12, tzinfo=UTC)
    article = Pipeline().run(document)
    assert article.published is None  # the page was fetched in March: a June date in it is not believed

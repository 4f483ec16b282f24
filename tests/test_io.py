"""Readers and writers: every input kind, key mapping, bad input becoming a failure, crash-safe outputs."""

from __future__ import annotations

import codecs
import gzip
import importlib.util
import io
import json
import os
import random
import shutil
from pathlib import Path
from typing import Any

import msgspec
import pytest

import newsclean
from newsclean import Document, Failure
from newsclean.io import (
    CsvReader,
    FileReader,
    FolderReader,
    JsonlReader,
    JsonlWriter,
    KeyMap,
    ParquetReader,
    ParquetWriter,
    StdinReader,
    WarcReader,
    detect_format,
    read_inputs,
)
from newsclean.io._open import open_binary

PAGE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>{title}: the council met on Tuesday to debate next year's budget, with long arguments about road "
    "repairs and school funding that went on well into the evening.</p></article></body></html>"
)


def _jsonl(records: list[object]) -> bytes:
    return b"".join(json.dumps(record).encode() + b"\n" for record in records)


def test_jsonl_plain_gz_and_zst_read_the_same_documents(tmp_path: Path) -> None:
    import zstandard

    data = _jsonl([{"id": "a", "url": "https://x.example/a", "html": PAGE.format(title="A")}, {"text": "B\nbody"}])
    (tmp_path / "d.jsonl").write_bytes(data)
    (tmp_path / "d.jsonl.gz").write_bytes(gzip.compress(data))
    (tmp_path / "d.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(data))
    read = {name: list(JsonlReader(tmp_path / name)) for name in ("d.jsonl", "d.jsonl.gz", "d.jsonl.zst")}
    for items in read.values():
        first, second = items
        assert isinstance(first, Document) and isinstance(second, Document)
        assert first.html == PAGE.format(title="A") and first.url == "https://x.example/a" and first.source_id == "a"
        assert second.text == "B\nbody" and second.html is None
    assert read["d.jsonl"][0].position == f"{tmp_path / 'd.jsonl'}:1"
    assert read["d.jsonl.gz"][1].source_id == "d.jsonl.gz:2"  # no id field: file name and line number


def test_explicit_and_dotted_key_mapping(tmp_path: Path) -> None:
    path = tmp_path / "custom.ndjson"
    path.write_bytes(_jsonl([{"page": {"raw": "<p>x</p>", "meta": {"link": "https://y.example/1"}}, "key": 7}]))
    keys = KeyMap(html="page.raw", url="page.meta.link", id="key")
    (document,) = JsonlReader(path, keys=keys)
    assert isinstance(document, Document)
    assert (document.html, document.url, document.source_id) == ("<p>x</p>", "https://y.example/1", "7")
    # With an explicit html key, a record without it is rejected, even though it has a "text" field.
    path.write_bytes(_jsonl([{"text": "plain"}]))
    (failure,) = JsonlReader(path, keys=KeyMap(html="body"))
    assert isinstance(failure, Failure) and failure.error == "MissingKey" and "'body'" in failure.message
    # A key that is there but null is named as such, not listed as if it held the page.
    path.write_bytes(_jsonl([{"id": "x", "html": None}]))
    (failure,) = JsonlReader(path)
    assert isinstance(failure, Failure) and failure.message.endswith("(keys: html (null), id)")


def test_bad_jsonl_lines_each_become_a_failure_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    good = json.dumps({"id": "ok1", "html": "<p>fine</p>"}).encode()
    path.write_bytes(
        good
        + b"\n{not json\n"
        + b'{"id": "nokey", "url": "https://z.example"}\n'
        + b'{"id": "latin", "text": "caf\xe9"}\n'
        + b"[1, 2]\n"
        + b'{"id": "num", "html": 5}\n'
        + b"\n"
        + good.replace(b"ok1", b"ok2")
        + b"\n"
    )
    items = list(JsonlReader(path))
    assert [type(item).__name__ for item in items] == ["Document", *["Failure"] * 5, "Document"]
    failures = [item for item in items if isinstance(item, Failure)]
    assert all(failure.stage == "read" for failure in failures)
    messages = [failure.message for failure in failures]
    assert messages[0].startswith("malformed JSON")
    assert "no 'html'" in messages[1] and failures[1].source_id == "nokey"
    assert "not valid UTF-8" in messages[2]
    assert "not an object" in messages[3]
    assert "not a string" in messages[4]
    assert [failure.position for failure in failures] == [f"{path}:{n}" for n in (2, 3, 4, 5, 6)]


def test_a_field_of_the_wrong_kind_is_named_as_the_record_names_it(tmp_path: Path) -> None:
    # "field 'id' is a JSON boolean" named the role, and the record had no 'id': the chosen key, or the common name
    # found ('link' for the URL), is what to look for in the dump.
    path = tmp_path / "named.jsonl"
    page = PAGE.format(title="Budget")
    path.write_bytes(_jsonl([{"doc": True, "html": page}, {"doc": "b", "html": page, "link": ["https://a.example/"]}]))
    chosen, common = list(JsonlReader(path, keys=KeyMap(id="doc")))
    assert isinstance(chosen, Failure) and chosen.message == "field 'doc' is a JSON boolean, not a string"
    assert isinstance(common, Failure) and common.message == "field 'link' is a JSON array, not a string"


def test_fields_of_the_wrong_kind_are_rejected_by_name_not_written_as_their_repr(tmp_path: Path) -> None:
    path = tmp_path / "kinds.jsonl"
    page = PAGE.format(title="Budget")
    path.write_bytes(
        _jsonl(
            [
                {"id": "list-url", "html": page, "url": ["https://a.example/1", "https://a.example/2"]},
                {"id": {"shard": 3}, "html": page},
                {"id": "bad-headers", "html": page, "headers": 42},
                {"id": "no-header-lines", "html": page, "headers": "none recorded"},
                {"id": 17, "html": page, "url": "https://a.example/17"},
                {"id": "flag-url", "html": page, "url": False},  # was written as the URL "False"
            ]
        )
    )
    failure1, failure2, failure3, failure4, numbered, failure5 = list(JsonlReader(path))
    assert isinstance(failure5, Failure) and failure5.message == "field 'url' is a JSON boolean, not a string"
    assert isinstance(failure1, Failure) and failure1.message == "field 'url' is a JSON array, not a string"
    assert failure1.source_id == "list-url"
    assert isinstance(failure2, Failure) and failure2.message == "field 'id' is a JSON object, not a string"
    assert failure2.source_id == "kinds.jsonl:2"  # the record's own id is unusable: its line names it
    assert isinstance(failure3, Failure) and "'headers' is a JSON number" in failure3.message
    assert isinstance(failure4, Failure) and "without any 'Name: value' line" in failure4.message
    assert isinstance(numbered, Document) and (numbered.source_id, numbered.url) == ("17", "https://a.example/17")


def test_headers_are_read_as_an_object_as_pairs_or_as_the_raw_header_block(tmp_path: Path) -> None:
    # The page says nothing of its charset: only the HTTP header does (windows-1251, Cyrillic text).
    page = (
        "<html><body><article><p>"
        + "Совет утвердил бюджет города на следующий год. " * 6
        + "</p></article></body></html>"
    )
    forms = [
        {"Content-Type": "text/html; charset=windows-1251"},
        [["Content-Type", "text/html; charset=windows-1251"]],
        "HTTP/1.1 200 OK\r\nServer: x\r\nContent-Type: text/html; charset=windows-1251\r\n\r\n",
    ]
    path = tmp_path / "headers.jsonl"
    path.write_bytes(_jsonl([{"id": str(n), "html": page, "headers": form} for n, form in enumerate(forms)]))
    documents = list(JsonlReader(path))
    assert [d.headers for d in documents if isinstance(d, Document)] == [
        {"Content-Type": "text/html; charset=windows-1251"}
    ] * 2 + [{"Server": "x", "Content-Type": "text/html; charset=windows-1251"}]
    for document in documents:
        assert isinstance(document, Document) and isinstance(document.html, str)
        raw = document.html.encode("windows-1251")
        article = newsclean.clean_html(raw, headers=document.headers)
        assert article.encoding_source == "http-header" and "Совет утвердил бюджет" in article.text


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_truncated_compressed_dump_keeps_the_complete_lines_and_rejects_the_rest(tmp_path: Path, suffix: str) -> None:
    import zstandard

    lines = [{"id": str(n), "html": PAGE.format(title=f"T{n}") * 5} for n in range(400)]  # several zstd blocks
    data = _jsonl(lines)
    compressed = gzip.compress(data) if suffix == ".gz" else zstandard.ZstdCompressor().compress(data)
    path = tmp_path / f"cut.jsonl{suffix}"
    path.write_bytes(compressed[: len(compressed) // 2])
    items = list(JsonlReader(path))
    documents = [item for item in items if isinstance(item, Document)]
    assert 0 < len(documents) < 400
    assert [d.source_id for d in documents] == [str(n) for n in range(len(documents))]
    assert isinstance(items[-1], Failure) and "truncated or corrupt" in items[-1].message
    assert sum(isinstance(item, Failure) for item in items) == 1


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_corrupt_compressed_dump_keeps_the_lines_before_the_damage_and_rejects_the_rest(
    tmp_path: Path, suffix: str
) -> None:
    import zstandard

    lines = [{"id": str(n), "html": PAGE.format(title=f"T{n}") * 5} for n in range(400)]
    data = _jsonl(lines)
    compressed = bytearray(gzip.compress(data) if suffix == ".gz" else zstandard.ZstdCompressor().compress(data))
    middle = len(compressed) // 2
    compressed[middle : middle + 64] = bytes(64)  # damaged, not cut: the stream goes on after it
    path = tmp_path / f"damaged.jsonl{suffix}"
    path.write_bytes(bytes(compressed))
    items = list(JsonlReader(path))
    documents = [item for item in items if isinstance(item, Document)]
    assert [d.source_id for d in documents] == [str(n) for n in range(len(documents))]
    assert len(documents) < 400
    assert isinstance(items[-1], Failure) and "truncated or corrupt" in items[-1].message


@pytest.mark.parametrize("name", ["dump.jsonl.gz", "page.html.gz", "rows.csv.gz"])
def test_gzip_whose_deflate_data_is_corrupt_is_a_read_failure_not_a_crash(tmp_path: Path, name: str) -> None:
    # gzip raises zlib.error (no OSError) for bad deflate data: it went through every reader and ended the batch.
    content = _jsonl([{"id": "a", "html": PAGE.format(title="T")}]) if "jsonl" in name else b"url,html\nu,<p>x</p>\n"
    damaged = bytearray(gzip.compress(content))
    damaged[30:60] = bytes(byte ^ 0xFF for byte in damaged[30:60])
    path = tmp_path / name
    path.write_bytes(bytes(damaged))
    [failure] = list(newsclean.io.read_inputs([str(path)]))
    assert isinstance(failure, Failure) and "gzip data is corrupt" in failure.message
    [in_folder] = list(newsclean.io.read_inputs([str(tmp_path)]))
    assert isinstance(in_folder, Failure)
    expected = "gzip data is corrupt" if name.endswith(".html.gz") else "the folder holds no pages"
    assert expected in in_folder.message


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_page_that_is_not_the_compression_its_name_says_is_a_failure(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"page.html{suffix}"
    path.write_bytes(b"\x28\xb5\x2f\xfd\x00\x00 not compressed at all" if suffix == ".zst" else b"\x1f\x8b garbage")
    [item] = list(FileReader(path))
    assert isinstance(item, Failure) and item.position == str(path)


def test_unreadable_inputs_become_failures(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "good.html").write_text(PAGE.format(title="Good"))
    (folder / "dangling.html").symlink_to(tmp_path / "gone.html")
    items = list(read_inputs([str(folder), str(tmp_path / "missing.jsonl")]))
    assert [type(item).__name__ for item in items] == ["Failure", "Document", "Failure"]
    assert items[0].position == str(folder / "dangling.html") and items[0].error == "FileNotFoundError"
    assert items[2].error == "FileNotFoundError"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_file_without_read_permission_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "secret.html"
    path.write_text("<p>x</p>")
    path.chmod(0)
    (item,) = read_inputs([str(path)])
    assert isinstance(item, Failure) and item.error == "PermissionError"


def _records(count: int) -> list[dict[str, str]]:
    return [{"id": f"r{n}", "html": PAGE.format(title=f"Title {n}")} for n in range(count)]


def test_a_json_array_written_a_record_a_line_is_streamed(tmp_path: Path) -> None:
    # Scrapy's "-o items.json": every record used to be rejected as malformed JSON (a comma after it).
    path = tmp_path / "items.json"
    path.write_text("[\n" + ",\n".join(json.dumps(record) for record in _records(3)) + "\n]", encoding="utf-8")
    items = list(JsonlReader(path))
    assert [(item.source_id, item.position) for item in items] == [
        ("r0", f"{path}:2"),
        ("r1", f"{path}:3"),
        ("r2", f"{path}:4"),
    ]
    path.write_text("[" + json.dumps(_records(1)[0]) + "]", encoding="utf-8")  # brackets on the record's line
    assert [item.source_id for item in JsonlReader(path)] == ["r0"]


def test_a_json_document_spread_over_lines_is_read_record_by_record(tmp_path: Path) -> None:
    path = tmp_path / "pretty.json"
    path.write_text(json.dumps([*_records(2), 7], indent=2), encoding="utf-8")
    items = list(JsonlReader(path))
    assert [item.source_id for item in items[:2]] == ["r0", "r1"]
    assert isinstance(items[2], Failure) and items[2].message == "element is a JSON number, not an object"
    assert items[2].position == f"{path}[2]"
    path.write_text(json.dumps(_records(1)[0], indent=2), encoding="utf-8")
    assert [item.source_id for item in JsonlReader(path)] == ["r0"]


def test_a_pretty_json_array_larger_than_the_bound_is_read_when_each_record_fits(tmp_path: Path) -> None:
    # It was one read failure ("write one record a line"): the whole document had to fit in max_line_bytes.
    records = _records(40)
    path = tmp_path / "export.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        json.dump(records, out, indent=2)
    bound = len(json.dumps(records[0], indent=2)) + 100
    assert len(json.dumps(records, indent=2)) > 20 * bound
    items = list(JsonlReader(path, max_line_bytes=bound))
    assert [item.source_id for item in items] == [record["id"] for record in records]
    assert all(isinstance(item, Document) and "Title" in (item.html or "") for item in items)


def test_a_spread_record_over_the_bound_is_rejected_and_the_next_ones_are_read(tmp_path: Path) -> None:
    records = _records(3)
    records[1]["html"] += "<p>" + "x" * 5000 + "</p>"
    path = tmp_path / "export.json"
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    items = list(JsonlReader(path, max_line_bytes=3000))
    assert [type(item).__name__ for item in items] == ["Document", "Failure", "Document"]
    assert items[1].message == "record exceeds max_line_bytes=3,000" and items[1].position == f"{path}[1]"
    assert items[2].source_id == "r2"


@pytest.mark.parametrize("size", ["small", "over-the-line-limit"])
def test_a_json_array_on_one_line_gives_each_record(tmp_path: Path, size: str) -> None:
    # json.dump(records, f) and pandas' to_json(orient="records") write one line: it was one malformed record.
    records = [{"id": str(n), "html": PAGE.format(title=f"T{n}")} for n in range(3)]
    path = tmp_path / "records.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    limit = 100 if size == "over-the-line-limit" else 1 << 20  # the line is then longer, each record not
    items = list(JsonlReader(path, max_line_bytes=max(limit, max(len(json.dumps(r)) for r in records) + 1)))
    assert [item.source_id for item in items if isinstance(item, Document)] == ["0", "1", "2"]
    assert len(items) == 3


def test_a_truncated_pretty_json_array_gives_its_whole_records_then_says_it_is_truncated(tmp_path: Path) -> None:
    text = json.dumps(_records(3), indent=2)
    path = tmp_path / "cut.json"
    path.write_text(text[: text.index('"r2"') + 8], encoding="utf-8")
    items = list(JsonlReader(path))
    assert [type(item).__name__ for item in items] == ["Document", "Document", "Failure"]
    assert items[2].message == "the file ends inside a record: it is truncated"


def test_objects_written_over_several_lines_one_after_another_are_records(tmp_path: Path) -> None:
    path = tmp_path / "objects.json"
    first, second = (json.dumps(record, indent=2) for record in _records(2))
    path.write_text(f"{first}\nnot json\n{second}\n", encoding="utf-8")
    items = list(JsonlReader(path))
    assert [type(item).__name__ for item in items] == ["Document", "Failure", "Document"]
    assert items[1].message == f"not a JSON object or array at byte {len(first) + 1}: 'not json'"


def test_json_lines_with_a_broken_first_line_still_give_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text('{"id": "cut", "ht\n' + json.dumps(_records(1)[0]) + "\n", encoding="utf-8")
    items = list(JsonlReader(path))
    assert [type(item).__name__ for item in items] == ["Failure", "Document"]


def test_folder_is_recursive_sorted_and_skips_hidden_and_other_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.htm").write_text("<p>2</p>")
    (tmp_path / "a.txt").write_text("Title\nText")
    (tmp_path / "c.html").write_text("<p>c</p>")
    (tmp_path / "style.css").write_text("p {}")
    (tmp_path / ".git" / "x.html").write_text("<p>hidden</p>")
    items = list(FolderReader(tmp_path))
    assert [item.source_id for item in items] == ["a.txt", "b/2.htm", "c.html"]
    assert isinstance(items[0], Document) and items[0].text == "Title\nText"
    assert isinstance(items[1], Document) and items[1].html == b"<p>2</p>"


def test_a_mirrored_site_s_pages_without_a_page_suffix_are_read_when_they_start_as_html(tmp_path: Path) -> None:
    # wget and httrack save pages under their URL's name; such a folder used to give only its .html files.
    page = "<!DOCTYPE html><html><body><p>Story</p></body></html>"
    (tmp_path / "news" / "2023").mkdir(parents=True)
    (tmp_path / "news" / "2023" / "budget-vote").write_text(page)
    (tmp_path / "article.php").write_text("\n  <html lang=en><p>PHP</p></html>")
    (tmp_path / "index.html").write_text(page)
    (tmp_path / "logo").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "app.js").write_text("document.write('<html>');")
    (tmp_path / "feed.json").write_text('{"html": "<html></html>"}')
    (tmp_path / "archive.gz").write_bytes(gzip.compress(page.encode()))
    items = list(FolderReader(tmp_path))
    assert [item.source_id for item in items] == ["article.php", "index.html", "news/2023/budget-vote"]
    assert all(isinstance(item, Document) and item.html for item in items)


def test_a_batch_lists_a_folder_once_for_its_count_and_its_reading(tmp_path: Path) -> None:
    # The progress count listed the folder (opening each file of no page suffix to sniff it), then the reading
    # listed it again: twice the walk over a mirror of many files.
    from newsclean.io._readers import count_items

    (tmp_path / "story").write_text("<!DOCTYPE html><html><body><p>Story</p></body></html>")
    (tmp_path / "a.html").write_text("<p>a</p>")
    reader = FolderReader(tmp_path)
    assert count_items([reader, FileReader(tmp_path / "a.html")]) == 3
    (tmp_path / "b.html").write_text("<p>b</p>")  # after the listing: the count and the reading agree
    assert [item.source_id for item in reader] == ["a.html", "story"]


def test_the_count_follows_the_format_the_caller_names(tmp_path: Path) -> None:
    # A CSV dump named .txt was counted as one text file: the progress bar's total said 1 for many rows.
    path = tmp_path / "rows.txt"
    path.write_text("url,html\nhttps://a.example/,<p>a</p>\nhttps://b.example/,<p>b</p>\n")
    assert newsclean.io.count_documents([str(path)]) == 1
    assert newsclean.io.count_documents([str(path)], input_format="csv") is None
    assert newsclean.io.count_documents([str(tmp_path)]) == 1


def test_a_folder_of_dumps_only_says_so_instead_of_giving_nothing(tmp_path: Path) -> None:
    # A folder of Spark's part files gave "documents in: 0" and exit 0, even with --strict.
    for index in range(4):
        (tmp_path / f"part-0000{index}.jsonl.gz").write_bytes(gzip.compress(_jsonl(_records(1))))
    [failure] = list(FolderReader(tmp_path))
    assert isinstance(failure, Failure)
    assert "holds no pages, and its 4 dump(s) of records (part-00000.jsonl.gz, part-00001.jsonl.gz, part-00002" in (
        failure.message
    )
    (tmp_path / "page.html").write_text(PAGE.format(title="T"))  # with a page, the folder is read as one
    assert [type(item).__name__ for item in FolderReader(tmp_path)] == ["Document"]


def test_an_empty_folder_is_a_read_failure_not_an_empty_run(tmp_path: Path) -> None:
    # "newsclean clean empty/ -o out.jsonl" ended with "documents in: 0", exit 0, and nothing said.
    (tmp_path / "notes.csv.bak").write_text("not a page")
    [failure] = list(FolderReader(tmp_path))
    assert isinstance(failure, Failure) and failure.stage == "read"
    assert failure.message.startswith("the folder holds no pages (.html, .htm")


def test_a_folder_skips_pipes_and_a_file_given_as_a_folder_is_a_failure(tmp_path: Path) -> None:
    # A FIFO in the folder was opened to sniff it, and the run waited forever for a writer.
    os.mkfifo(tmp_path / "story")
    (tmp_path / "a.html").write_text(PAGE.format(title="T"))
    assert [item.source_id for item in FolderReader(tmp_path)] == ["a.html"]
    [failure] = list(newsclean.io.read_inputs([str(tmp_path / "a.html")], input_format="folder"))
    assert isinstance(failure, Failure) and failure.message.endswith("a.html is not a folder")


def _write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.suffix == ".gz")

        def response(url: str, status: str, content_type: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)

        writer.write_record(writer.create_warc_record("https://w.example/", "warcinfo", payload=io.BytesIO(b"x")))
        response(
            "https://w.example/1",
            "200 OK",
            "text/html; charset=windows-1252",
            PAGE.format(title="Caf\xe9").encode("cp1252"),
        )
        response("https://w.example/logo.png", "200 OK", "image/png", b"\x89PNG....")
        response("https://w.example/404", "404 Not Found", "text/html", b"<p>gone</p>")
        request = StatusAndHeaders("GET /2 HTTP/1.1", [("Host", "w.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record("https://w.example/2", "request", http_headers=request))
        response("https://w.example/2", "200 OK", "application/xhtml+xml", PAGE.format(title="Two").encode())


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_yields_html_responses_only_and_they_clean(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _write_warc(path)
    assert detect_format(str(path)) == "warc"
    documents = list(WarcReader(path))
    assert [d.url for d in documents] == ["https://w.example/1", "https://w.example/2"]
    assert all(isinstance(d, Document) and d.source_id and d.source_id.startswith("<urn:uuid:") for d in documents)
    first = documents[0]
    assert isinstance(first, Document) and first.headers is not None
    article = newsclean.Pipeline().run(first)
    assert article.title == "Café" and article.encoding_source == "http-header"


def _chunked(body: bytes, size: int = 40) -> bytes:
    chunks = [body[start : start + size] for start in range(0, len(body), size)]
    return b"".join(b"%x;ext=1\r\n%s\r\n" % (len(chunk), chunk) for chunk in chunks) + b"0\r\nExpires: never\r\n\r\n"


def _wire_warc(path: Path, payloads: dict[str, tuple[list[tuple[str, str]], bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, (fields, payload) in payloads.items():
            named = {name for name, _ in fields}
            typed = [("Content-Type", "text/html")] if "Content-Type" not in named else []
            fields = [(name, value) for name, value in [*typed, *fields] if value]  # "" leaves the header out
            headers = StatusAndHeaders("200 OK", fields, protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers)
            )


def test_warc_payloads_stored_as_they_came_over_the_wire_are_decoded(tmp_path: Path) -> None:
    # wget, warcprox and Heritrix keep chunked and compressed payloads as sent: a gzip page was refused as binary,
    # and a chunked one kept its chunk sizes in the text.
    import zlib

    import brotli
    import zstandard

    page = PAGE.format(title="Wire").encode()
    chunked = ("Transfer-Encoding", "chunked")
    payloads = {
        "https://w.example/chunked": ([chunked], _chunked(page)),
        "https://w.example/gzip": ([("Content-Encoding", "gzip")], gzip.compress(page)),
        "https://w.example/gzip-chunked": ([("Content-Encoding", "gzip"), chunked], _chunked(gzip.compress(page))),
        "https://w.example/deflate": ([("Content-Encoding", "deflate")], zlib.compress(page)),
        "https://w.example/br": ([("Content-Encoding", "br")], brotli.compress(page)),
        "https://w.example/zstd": ([("Content-Encoding", "zstd")], zstandard.ZstdCompressor().compress(page)),
        # Decoded by the crawler, header kept: taken as it is.
        "https://w.example/stored-decoded": ([("Content-Encoding", "gzip"), chunked], page),
    }
    path = tmp_path / "wire.warc.gz"
    _wire_warc(path, payloads)
    documents = list(WarcReader(path))
    assert [d.url for d in documents] == list(payloads)
    assert all(isinstance(d, Document) and d.html == page for d in documents)


def test_a_warc_response_without_a_content_type_is_a_page_when_it_starts_as_html(tmp_path: Path) -> None:
    page = PAGE.format(title="Untyped").encode()
    payloads = {
        "https://w.example/page": ([("Content-Type", "")], page),
        "https://w.example/logo": ([("Content-Type", "")], b"\x89PNG\r\n\x1a\n...."),
        "https://w.example/typed": ([], page),
    }
    path = tmp_path / "untyped.warc.gz"
    _wire_warc(path, payloads)
    assert [item.url for item in WarcReader(path)] == ["https://w.example/page", "https://w.example/typed"]


def test_a_warc_s_challenge_pages_are_failures_and_its_refresh_stubs_hops(tmp_path: Path) -> None:
    # A crawl archives what it was served; cleaning the archive again gave the fetch's rejected challenge page and
    # the meta refresh stub it followed as two more (empty) articles.
    page = PAGE.format(title="Story").encode()
    stub = b'<html><head><meta http-equiv="refresh" content="0; url=/story"><title>Redirecting</title></head></html>'
    challenge = b"<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>"
    payloads = {
        "https://w.example/stub": ([], stub),
        "https://w.example/story": ([], page),
        "https://w.example/wall": ([("cf-mitigated", "challenge")], challenge),
    }
    path = tmp_path / "crawl.warc.gz"
    _wire_warc(path, payloads)
    items = list(WarcReader(path))
    assert [(type(item).__name__, item.url) for item in items] == [
        ("Document", "https://w.example/story"),
        ("Failure", "https://w.example/wall"),
    ]
    failure = items[1]
    assert isinstance(failure, Failure) and failure.error == "Interstitial" and "challenge" in failure.message


def test_a_warc_payload_that_cannot_be_decoded_or_inflates_past_the_bound_is_a_failure(tmp_path: Path) -> None:
    page = PAGE.format(title="Wire").encode()
    payloads = {
        "https://w.example/corrupt": ([("Content-Encoding", "gzip")], b"\x1f\x8b" + bytes(range(256)) * 4),
        "https://w.example/unknown": ([("Content-Encoding", "compress")], b"\x1f\x9d\x90binary"),
        "https://w.example/bomb": ([("Content-Encoding", "gzip")], gzip.compress(b" " * 50_000_000)),
        "https://w.example/fine": ([("Content-Encoding", "gzip")], gzip.compress(page)),
    }
    path = tmp_path / "bad.warc.gz"
    _wire_warc(path, payloads)
    items = list(WarcReader(path, max_document_bytes=1_000_000))
    assert [type(item).__name__ for item in items] == ["Failure", "Failure", "Failure", "Document"]
    assert "could not be decompressed" in items[0].message
    assert "unsupported Content-Encoding 'compress'" in items[1].message
    assert "exceeds max_bytes=1,000,000" in items[2].message
    assert isinstance(items[3], Document) and items[3].html == page


def test_a_warc_payload_cut_short_is_a_failure_not_a_page(tmp_path: Path) -> None:
    # A chunked payload without its last chunk kept its chunk-size lines in the text ("voted 64 to approve"), a
    # gzip payload cut in half came out as half an article with status "ok", and gzip garbage as an empty page.
    import brotli

    page = PAGE.format(title="Wire").encode() * 20
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(page[i : i + 100]), page[i : i + 100]) for i in range(0, len(page), 100))
    squeezed = gzip.compress(page)
    chunked = ("Transfer-Encoding", "chunked")
    payloads = {
        "https://w.example/chunks-cut": ([chunked], chunks),  # no final 0-size chunk
        "https://w.example/chunk-cut": ([chunked], chunks[:-150]),
        "https://w.example/gzip-cut": ([("Content-Encoding", "gzip")], squeezed[: len(squeezed) // 2]),
        "https://w.example/gzip-garbage": ([("Content-Encoding", "gzip")], b"\x1f\x8b\x08\x00garbage"),
        "https://w.example/br-cut": ([("Content-Encoding", "br")], brotli.compress(page)[:-20]),
        "https://w.example/whole": ([chunked], chunks + b"0\r\n\r\n"),
    }
    path = tmp_path / "cut.warc.gz"
    _wire_warc(path, payloads)
    items = list(WarcReader(path))
    assert [type(item).__name__ for item in items] == ["Failure"] * 5 + ["Document"]
    assert "chunked payload breaks off after" in items[0].message
    assert "chunked payload breaks off in chunk" in items[1].message
    assert all("payload ends early" in item.message for item in items[2:5])
    assert isinstance(items[5], Document) and items[5].html == page


def test_truncated_warc_record_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc"
    _write_warc(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 120])
    items = list(WarcReader(path))
    assert isinstance(items[0], Document)
    assert isinstance(items[-1], Failure) and items[-1].stage == "read"


@pytest.mark.parametrize("name", ["big.warc", "big.warc.gz"])
def test_warc_record_over_the_document_bound_is_rejected_unread_and_the_next_one_read(
    tmp_path: Path, name: str
) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / name
    small = PAGE.format(title="Small").encode()
    bodies = {"https://w.example/big": PAGE.format(title="Big").encode() * 50, "https://w.example/small": small}
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.suffix == ".gz")
        for url, body in bodies.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            )
    items = list(WarcReader(path, max_document_bytes=4 * len(small)))
    assert [type(item).__name__ for item in items] == ["Failure", "Document"]
    assert items[0].url == "https://w.example/big" and "exceeds max_document_bytes" in items[0].message
    assert isinstance(items[1], Document) and items[1].html == small


@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_file_over_the_document_bound_is_rejected(tmp_path: Path, suffix: str) -> None:
    data = PAGE.format(title="Big").encode() * 50
    path = tmp_path / f"big.html{suffix}"
    path.write_bytes(gzip.compress(data) if suffix else data)
    [rejected] = list(FileReader(path, max_document_bytes=len(data) - 1))
    assert isinstance(rejected, Failure) and "exceeds max_document_bytes" in rejected.message
    [read] = list(FileReader(path, max_document_bytes=len(data)))
    assert isinstance(read, Document) and read.html == data


LEGACY_DUMPS = [
    ("Министерство обороны России заявило в среду, что войска нанесут удары по командным центрам в Киеве.", "koi8-r"),
    ("Министерство обороны России заявило в среду, что войска нанесут удары по командным центрам в Киеве.", "cp1251"),
    ("Le maire a déclaré jeudi que les travaux du pont commenceront à l'été, « une étape importante ».", "cp1252"),
    ("Die Bürgermeisterin äußerte sich am Donnerstag zu den Plänen für den Neubau der Brücke.", "utf-16"),
]


@pytest.mark.parametrize(("line", "codec"), LEGACY_DUMPS)
def test_text_dump_in_a_legacy_encoding_is_read_in_it(tmp_path: Path, line: str, codec: str) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(f"Headline\n{line}\n".encode(codec))
    [document] = list(FileReader(path))
    assert isinstance(document, Document) and document.text is not None
    assert line in document.text and "\ufffd" not in document.text


def test_text_dump_on_standard_input_is_decoded_like_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    line, codec = LEGACY_DUMPS[0]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(f"Headline\n{line}\n".encode(codec))))
    [document] = list(StdinReader(text=True))
    assert isinstance(document, Document) and document.text is not None and line in document.text


def test_standard_input_over_the_document_bound_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    data = PAGE.format(title="Piped").encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    [rejected] = list(StdinReader(max_document_bytes=len(data) - 1))
    assert isinstance(rejected, Failure) and rejected.position == "-"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    [read] = list(StdinReader(max_document_bytes=len(data)))
    assert isinstance(read, Document) and read.html == data


def test_jsonl_writer_commits_whole_lines_and_resume_cuts_back(tmp_path: Path) -> None:
    # .zst was written uncompressed under its name, which newsclean's own reader then refused as corrupt zstd.
    for name in ("out.jsonl", "out.jsonl.gz", "out.jsonl.zst"):
        path = tmp_path / name
        writer = JsonlWriter(path)
        writer.write(b'{"n":1}')
        checkpoint = writer.commit()
        writer.write(b'{"n":2}')
        writer.commit()
        os.close(writer._fd)  # simulate a crash after the second commit, before close()
        resumed = JsonlWriter(path, resume_at=checkpoint)
        resumed.write(b'{"n":3}')
        resumed.close()
        with open_binary(path) as stream:  # newsclean's own reader: zstd frames one after another
            text = stream.read()
        assert text == b'{"n":1}\n{"n":3}\n'


def test_resume_refuses_an_output_shorter_than_its_checkpoint(tmp_path: Path) -> None:
    # An output deleted or replaced after the interruption was extended with NUL bytes up to the checkpoint.
    path = tmp_path / "out.jsonl"
    writer = JsonlWriter(path)
    writer.write(b'{"n":1}')
    checkpoint = writer.commit()
    writer.close()
    path.write_bytes(b"")
    with pytest.raises(newsclean.InputError, match="less than the 8 its checkpoint recorded"):
        JsonlWriter(path, resume_at=checkpoint)
    assert path.read_bytes() == b""
    if importlib.util.find_spec("pyarrow") is not None:
        parts = ParquetWriter(tmp_path / "out.parquet")
        parts.write(newsclean.to_json(newsclean.clean_html(PAGE.format(title="One"), url="https://p.example/1")))
        done = parts.commit()
        shutil.rmtree(parts.parts_dir)
        with pytest.raises(newsclean.InputError, match="0 parts, less than the 1"):
            ParquetWriter(tmp_path / "out.parquet", resume_at=done)


def test_parquet_round_trips_articles_and_appears_only_when_complete(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    articles = [
        newsclean.clean_text(
            "Headline one\nThe first body paragraph is long enough to count as article text.\nShare this:",
            url="https://p.example/1",
        ),
        newsclean.clean_html(PAGE.format(title="Two"), url="https://p.example/2"),
    ]
    path = tmp_path / "out.parquet"
    writer = ParquetWriter(path)
    writer.write(newsclean.to_json(articles[0]))
    checkpoint = writer.commit()
    writer.write(newsclean.to_json(articles[1]))
    writer.commit()
    assert not path.exists()  # killed here: no half-written Parquet file
    resumed = ParquetWriter(path, resume_at=checkpoint)
    resumed.write(newsclean.to_json(articles[1]))
    resumed.close()
    rows = pq.read_table(path).to_pylist()
    assert not path.with_name("out.parquet.parts").exists()
    assert [row["url"] for row in rows] == ["https://p.example/1", "https://p.example/2"]
    assert rows[0]["removed"] == [
        {"rule": "widget.share", "category": "widget", "stage": "text", "text": "Share this:", "paragraph": 2}
    ]
    assert rows[1]["paragraphs"] == list(articles[1].paragraphs)
    # Every field survives: rebuilding the Article from the row gives the original.
    row = dict(rows[0], provenance=dict(rows[0]["provenance"]))
    assert msgspec.convert(row, newsclean.Article) == articles[0]


WET_TEXT = (
    "Council approves the budget\n"
    "The city council voted on Tuesday to approve the new budget after a long and heated debate.\n"
    "Share this:\n"
)


def test_warc_resource_and_conversion_records_are_pages_and_text_dumps(tmp_path: Path) -> None:
    # Only response records were read: a WARC made from files (warcit, browser archives: resource records) gave
    # nothing, and Common Crawl's WET files (conversion records of each page's text) were not known as WARCs.
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "CC-MAIN-0001.warc.wet.gz"
    assert detect_format(str(path)) == "warc"

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)

        def record(url: str, kind: str, content_type: str | None, body: bytes) -> None:
            payload = io.BytesIO(body)
            writer.write_record(writer.create_warc_record(url, kind, payload=payload, warc_content_type=content_type))

        record(
            "https://w.example/file",
            "resource",
            "text/html; charset=windows-1252",
            PAGE.format(title="Caf\xe9").encode("cp1252"),
        )
        record("https://w.example/logo.png", "resource", "image/png", b"\x89PNG\r\n\x1a\n....")
        # warcio types a record it is given no type for as "application/warc-record": sniffed, as untyped.
        record("https://w.example/untyped", "resource", None, PAGE.format(title="Untyped").encode())
        record("https://w.example/blob", "resource", "application/octet-stream", b"\x89PNG\r\n\x1a\n....")
        record("https://w.example/text", "conversion", "text/plain", WET_TEXT.encode())
        record("https://w.example/other", "conversion", "application/json", b'{"a": 1}')
        revisit = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://w.example/again", "revisit", http_headers=revisit))

    items = list(WarcReader(path))
    assert all(isinstance(item, Document) for item in items)
    assert [item.url for item in items] == [
        "https://w.example/file",
        "https://w.example/untyped",
        "https://w.example/text",
    ]
    pipeline = newsclean.Pipeline()
    page, _, text = (pipeline.run(item) for item in items if isinstance(item, Document))
    assert (page.title, page.encoding_source) == ("Café", "http-header")
    assert text.title == "Council approves the budget"
    assert text.paragraphs == (WET_TEXT.splitlines()[1],)
    assert [removal.rule for removal in text.removed] == ["widget.share"]


def _write_parquet(path: Path, rows: dict[str, list[object]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table(rows), path, row_group_size=2)


def test_parquet_rows_are_documents_read_as_json_records_are(tmp_path: Path) -> None:
    # A Parquet dump (a Hugging Face dataset, a Spark export) was read as one HTML page of binary bytes.
    from datetime import UTC, datetime

    path = tmp_path / "pages.parquet"
    assert detect_format(str(path)) == "parquet"
    fetched = datetime(2024, 5, 1, 12, tzinfo=UTC)
    pages = [PAGE.format(title=f"Page {index}") for index in range(5)] + [None]
    _write_parquet(
        path,
        {
            "url": [f"https://p.example/{index}" for index in range(6)],
            "html": pages,
            "crawl_time": [fetched] * 6,
            "raw_warc": [b"\x00" * 1000] * 6,  # a column no field reads, so not loaded
        },
    )
    items = list(ParquetReader(path))
    assert [type(item).__name__ for item in items] == ["Document"] * 5 + ["Failure"]
    first = items[0]
    assert isinstance(first, Document)
    assert (first.url, first.source_id, first.position) == ("https://p.example/0", "pages.parquet[0]", f"{path}[0]")
    assert first.fetched_at == fetched and first.html == pages[0]
    assert isinstance(items[5], Failure) and items[5].error == "MissingKey" and items[5].source_id == "pages.parquet[5]"
    assert newsclean.Pipeline().run(first).title == "Page 0"
    assert newsclean.io.count_documents([str(path)]) == 6
    assert "raw_warc" not in KeyMap().columns()[1]


def test_the_cli_cleans_a_parquet_dump(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsclean.cli import main

    path = tmp_path / "pages.parquet"
    _write_parquet(path, {"id": ["a", "b", "c"], "html": [PAGE.format(title="One"), None, PAGE.format(title="Three")]})
    output, rejects = tmp_path / "clean.jsonl", tmp_path / "rejects.jsonl"
    result = CliRunner().invoke(
        main, ["clean", str(path), "-o", str(output), "--rejects", str(rejects), "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["title"] for line in output.read_text().splitlines()] == ["One", "Three"]
    assert [json.loads(line)["source_id"] for line in rejects.read_text().splitlines()] == ["b"]


def test_a_parquet_binary_page_column_is_decoded_with_the_rows_headers(tmp_path: Path) -> None:
    path = tmp_path / "binary.parquet"
    page = PAGE.format(title="Caf\xe9").encode("cp1252")
    _write_parquet(path, {"raw_html": [page], "headers": [{"Content-Type": "text/html; charset=windows-1252"}]})
    (document,) = ParquetReader(path)
    assert isinstance(document, Document) and document.html == page
    article = newsclean.Pipeline().run(document)
    assert (article.title, article.encoding_source) == ("Café", "http-header")


def test_a_parquet_file_without_a_page_column_or_readable_bytes_is_one_failure(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.parquet"
    _write_parquet(wrong, {"link": ["https://p.example/"], "markup": ["<p>x</p>"]})
    (failure,) = ParquetReader(wrong)
    assert isinstance(failure, Failure) and "columns: link, markup" in failure.message
    (chosen,) = ParquetReader(wrong, keys=KeyMap(html="markup"))
    assert isinstance(chosen, Document) and chosen.html == "<p>x</p>"

    cut = tmp_path / "cut.parquet"
    _write_parquet(cut, {"html": [PAGE.format(title="x")] * 10})
    cut.write_bytes(cut.read_bytes()[:-100])
    (broken,) = ParquetReader(cut)
    assert isinstance(broken, Failure) and broken.stage == "read" and "row 0" in broken.message


UNICODE_FORMS = {
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16": lambda text: text.encode("utf-16"),  # PowerShell 5's `>`: UTF-16-LE with its BOM
    "utf-16-be": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-32": lambda text: text.encode("utf-32"),
}


@pytest.mark.parametrize("form", list(UNICODE_FORMS))
@pytest.mark.parametrize("layout", ["lines", "indented-array"])
def test_json_written_with_a_byte_order_mark_is_read_whole(tmp_path: Path, form: str, layout: str) -> None:
    # A UTF-8 BOM made the first record malformed (and every record of an array); UTF-16 made every line unreadable.
    records = [{"url": f"https://e.example/{index}", "html": PAGE.format(title=f"Café {index}")} for index in range(3)]
    if layout == "lines":
        text = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    else:
        text = json.dumps(records, ensure_ascii=False, indent=2)
    for name in ("dump.jsonl", "dump.jsonl.gz"):
        path = tmp_path / name
        data = UNICODE_FORMS[form](text)
        path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
        items = list(JsonlReader(path))
        assert all(isinstance(item, Document) for item in items), items
        assert [item.html for item in items if isinstance(item, Document)] == [record["html"] for record in records]


def test_utf16_json_lines_cut_inside_a_character_fail_at_the_line_reached(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl"
    text = "".join(json.dumps({"html": PAGE.format(title=str(index))}) + "\n" for index in range(2))
    path.write_bytes(text.encode("utf-16")[:-1])
    items = list(JsonlReader(path))
    assert [type(item).__name__ for item in items] == ["Document", "Failure"]
    assert isinstance(items[1], Failure) and "after line 1" in items[1].message


def _write_table(path: Path, rows: list[dict[str, str]], *, delimiter: str = ",", encoding: str = "utf-8") -> None:
    import csv

    with path.open("w", newline="", encoding=encoding) as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)


CSV_PAGE = PAGE.format(title="Caf\xe9 \u2013 \u201cquoted\u201d")
CSV_TEXT = "Headline\nThe mayor said the bridge reopens on Monday."
CSV_ROWS = [
    {"id": "a", "url": "https://c.example/1", "html": CSV_PAGE, "text": ""},
    {"id": "b", "url": "https://c.example/2", "html": "", "text": CSV_TEXT},
    {"id": "", "url": "", "html": "", "text": ""},
    {"id": "d", "url": "", "html": "", "text": ""},
]


@pytest.mark.parametrize(
    ("name", "delimiter", "encoding"),
    [("excel.csv", ",", "cp1252"), ("export.tsv", "\t", "utf-8-sig"), ("export.csv.gz", ",", "utf-8")],
)
def test_csv_rows_are_documents_read_as_json_records_are(
    tmp_path: Path, name: str, delimiter: str, encoding: str
) -> None:
    # A CSV dump (DataFrame.to_csv, a spreadsheet) was read as one HTML page.
    path = tmp_path / name
    plain = tmp_path / name.removesuffix(".gz")
    _write_table(plain, CSV_ROWS, delimiter=delimiter, encoding=encoding)
    if name.endswith(".gz"):
        path.write_bytes(gzip.compress(plain.read_bytes()))
    assert detect_format(str(path)) == "csv"
    items = list(read_inputs([str(path)]))
    # The blank row is skipped; the row with an id and nothing else is a record without a page.
    assert [type(item).__name__ for item in items] == ["Document", "Document", "Failure"]
    page, text, missing = items
    assert isinstance(page, Document) and page.html == CSV_ROWS[0]["html"] and page.source_id == "a"
    assert isinstance(text, Document) and text.text == CSV_ROWS[1]["text"] and text.html is None
    assert isinstance(missing, Failure) and missing.error == "MissingKey" and missing.source_id == "d"
    assert newsclean.Pipeline().run(page).title == "Café – “quoted”"


def test_a_csv_cell_over_the_bound_is_a_failure_and_the_next_row_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    rows = [{"html": "<p>" + "x" * 5000 + "</p>", "url": "u1"}, {"html": PAGE.format(title="Next"), "url": "u2"}]
    _write_table(path, rows)
    items = list(CsvReader(path, max_cell_chars=4096))
    assert [type(item).__name__ for item in items] == ["Failure", "Document"]
    assert isinstance(items[0], Failure) and "a cell of 5,007 characters exceeds" in items[0].message
    assert isinstance(items[1], Document) and items[1].url == "u2"


def test_the_cli_cleans_a_csv_dump(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsclean.cli import main

    path = tmp_path / "pages.csv"
    _write_table(path, [{"html": PAGE.format(title=title), "id": title} for title in ("One", "Two")])
    output = tmp_path / "clean.jsonl"
    result = CliRunner().invoke(main, ["clean", str(path), "-o", str(output), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["title"] for line in output.read_text().splitlines()] == ["One", "Two"]


def test_a_blank_page_field_beside_a_filled_text_field_is_no_page(tmp_path: Path) -> None:
    # {"html": "", "text": "…"} was an empty page, rejected, and the text lost.
    text = "Headline\nThe council voted on Tuesday to approve the new budget after a long debate."
    path = tmp_path / "blank.jsonl"
    rows = [{"id": "a", "html": "", "text": text}, {"id": "b", "html": " \n", "content": text}, {"id": "c", "html": ""}]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    first, second, blank = JsonlReader(path)
    assert isinstance(first, Document) and (first.html, first.text) == (None, text)
    assert isinstance(second, Document) and (second.html, second.text) == (None, text)
    assert isinstance(blank, Document) and blank.html == ""  # every field blank: the pipeline says it is empty
    assert [newsclean.Pipeline().run(item).title for item in (first, second)] == ["Headline", "Headline"]


@pytest.mark.parametrize(
    ("input_format", "content"),
    [
        (
            "csv",
            b"url,html\nhttps://p.example/1,<p>One</p>\nhttps://p.example/2,<p>Two</p>\nhttps://p.example/3,<p>3</p>\n",
        ),
        ("jsonl", json.dumps([{"id": str(n), "html": f"<p>{n}</p>"} for n in range(3)], indent=2).encode()),
    ],
)
@pytest.mark.timeout(60)  # a reader opening the pipe a second time waits for a writer that never comes
def test_a_dump_read_from_a_pipe_path_loses_no_record(tmp_path: Path, input_format: Any, content: bytes) -> None:
    # /dev/stdin, a FIFO or <(zcat …) can be read once: CSV's encoding sample and a pretty JSON's first look took
    # their bytes, and the second open read on from there (0 documents, no reject; or rows under a wrong header).
    import threading

    pipe = tmp_path / "dump.pipe"
    os.mkfifo(pipe)

    def feed() -> None:
        with pipe.open("wb") as sink:
            sink.write(content)

    writer = threading.Thread(target=feed)
    writer.start()
    items = list(newsclean.io.read_inputs([str(pipe)], input_format=input_format))
    writer.join(timeout=10)
    assert [type(item).__name__ for item in items] == ["Document"] * 3
    assert all(isinstance(item, Document) and item.position and item.position.startswith(str(pipe)) for item in items)


def test_an_arc_file_is_a_failure_that_says_how_to_convert_it(tmp_path: Path) -> None:
    # Handed to the WARC reader, it failed as "WARC is corrupt after offset 0".
    path = tmp_path / "crawl.arc"
    path.write_bytes(b"filedesc://crawl.arc 0.0.0.0 20240101000000 text/plain 76\n1 0 Example\nURL IP-address\n\n")
    [failure] = list(newsclean.io.read_inputs([str(path)]))
    assert isinstance(failure, Failure) and "warcio recompress crawl.arc crawl.warc.gz" in failure.message


def test_a_zstd_output_carries_checksums_that_catch_damage_to_a_stored_block(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl.zst"
    writer = JsonlWriter(path)
    record = bytes(random.Random(7).randbytes(4096))  # incompressible: zstd stores it as it is, in a raw block
    writer.write(record)
    writer.close()
    damaged = bytearray(path.read_bytes())
    damaged[len(damaged) // 2] ^= 0x01  # a bit inside the stored bytes: the frame's structure is untouched
    path.write_bytes(bytes(damaged))
    with pytest.raises(OSError, match="zstd data is corrupt"), open_binary(path) as stream:
        stream.read()

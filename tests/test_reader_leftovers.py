"""Reader leftovers of the fuzz probe (``benchmarks/fuzz_readers.py``): a wrapper object on a line of JSON Lines
with more after it, a line that is a JSON array of records, a WARC record whose type was damaged into another
plausible one, a record with a list of objects taken for a wrapper, and a WARC length that ends where a header does.
Each was a record lost (with a failure, or without one) or misread."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from _records import PAGE, holds_nothing, shown, story_line, story_record
from _warc import warc_record

from newsclean._models import Failure
from newsclean._pipeline import Document
from newsclean.io import read_inputs


def _wrapper(*numbers: int, **members: Any) -> str:
    return json.dumps({"status": "ok", "articles": [story_record(number) for number in numbers], **members})


def _read(path: Path) -> list[Document | Failure]:
    return list(read_inputs([str(path)]))


# --- a wrapper object on a line of JSON Lines -----------------------------------------------------------------------


def test_a_one_line_wrapper_followed_by_a_line_of_records_gives_every_record(tmp_path: Path) -> None:
    # The wrapper was one MissingKey failure: its records were lost.
    path = tmp_path / "dump.jsonl"
    path.write_text(f"{_wrapper(0, 1)}\n{story_line(2)}\n")
    assert shown(_read(path)) == [
        ("Document", "r0", f'{path}:1["articles"][0]'),
        ("Document", "r1", f'{path}:1["articles"][1]'),
        ("Document", "r2", f"{path}:2"),
    ]


def test_a_one_line_wrapper_followed_by_a_line_that_is_no_json_gives_its_records_and_a_failure(
    tmp_path: Path,
) -> None:
    path = tmp_path / "export.json"
    path.write_text(f'{_wrapper(0, 1)}\n"next": null}}\n')
    items = _read(path)
    assert shown(items) == [
        ("Document", "r0", f'{path}:1["articles"][0]'),
        ("Document", "r1", f'{path}:1["articles"][1]'),
        ("Failure", None, f"{path}:2"),
    ]
    assert isinstance(items[2], Failure) and items[2].message.startswith("malformed JSON")


@pytest.mark.parametrize(
    "tail", [" garbage", "}", ', "next": null}', "{", " 42"], ids=["words", "brace", "members", "open", "number"]
)
def test_a_one_line_wrapper_followed_by_bytes_on_its_line_gives_its_records_and_a_failure_naming_them(
    tmp_path: Path, tail: str
) -> None:
    # The whole line was one malformed-JSON failure: the wrapper's records, each whole, were lost with it.
    path = tmp_path / "export.json"
    wrapper = _wrapper(0, 1)
    path.write_text(f"{wrapper}{tail}\n{story_line(2)}\n")
    items = _read(path)
    assert shown(items) == [
        ("Document", "r0", f'{path}:1["articles"][0]'),
        ("Document", "r1", f'{path}:1["articles"][1]'),
        ("Failure", None, f"{path}:1"),
        ("Document", "r2", f"{path}:2"),
    ]
    failure = items[2]
    assert isinstance(failure, Failure) and failure.error == "InputError"
    at = len(wrapper.encode()) + len(tail) - len(tail.lstrip())  # where what follows the object starts
    assert f"at byte {at:,} of the line: {tail.strip()!r}" in failure.message
    assert "after the JSON object around the records" in failure.message


def test_a_wrapper_alone_on_its_line_with_bytes_after_it_says_so(tmp_path: Path) -> None:
    # The fuzz probe's case: a one-line wrapper file whose end was damaged.
    path = tmp_path / "export.json"
    path.write_text(_wrapper(0, 1, next=None) + "}\n")
    assert shown(_read(path)) == [
        ("Document", "r0", f'{path}:1["articles"][0]'),
        ("Document", "r1", f'{path}:1["articles"][1]'),
        ("Failure", None, f"{path}:1"),
    ]


def test_a_wrapper_and_a_record_on_one_line_are_both_read(tmp_path: Path) -> None:
    path = tmp_path / "joined.jsonl"
    path.write_text(f"{_wrapper(0, 1)}{story_line(2)}\n")
    assert shown(_read(path)) == [
        ("Document", "r0", f'{path}:1#1["articles"][0]'),
        ("Document", "r1", f'{path}:1#1["articles"][1]'),
        ("Document", "r2", f"{path}:1#2"),
    ]


def test_lines_that_are_each_a_wrapper_give_every_record(tmp_path: Path) -> None:
    # An API's pages of results saved a response a line.
    path = tmp_path / "pages.jsonl"
    path.write_text(f"{_wrapper(0, 1)}\n{_wrapper(2)}\n")
    assert [item.source_id for item in _read(path)] == ["r0", "r1", "r2"]


def test_a_line_that_is_a_wrapper_of_two_lists_of_records_is_one_failure_naming_both(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_text(f"{story_line(0)}\n{_wrapper(1, related=[story_record(2)])}\n")
    items = _read(path)
    assert shown(items)[0] == ("Document", "r0", f"{path}:1")
    failure = items[1]
    assert isinstance(failure, Failure) and failure.error == "AmbiguousRecordList"
    assert failure.position == f"{path}:2"
    assert '"articles"' in failure.message and '"related"' in failure.message


def test_records_of_a_wrapper_line_without_ids_name_the_line_and_key(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    page = {"html": PAGE.format(title="No id")}
    path.write_text(json.dumps({"data": [page, page]}) + "\n" + json.dumps(page) + "\n")
    assert [item.source_id for item in _read(path)] == [
        'pages.jsonl:1["data"][0]',
        'pages.jsonl:1["data"][1]',
        "pages.jsonl:2",
    ]


# --- a line that is a JSON array of records -------------------------------------------------------------------------


def test_a_first_line_that_is_an_array_of_records_followed_by_lines_gives_every_record(tmp_path: Path) -> None:
    # The file was read as one JSON array: the lines after it were one "data after the end" failure, their records
    # lost.
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps([story_record(0), story_record(1)]) + f"\n{story_line(2)}\n{story_line(3)}\n")
    assert shown(_read(path)) == [
        ("Document", "r0", f"{path}:1[0]"),
        ("Document", "r1", f"{path}:1[1]"),
        ("Document", "r2", f"{path}:2"),
        ("Document", "r3", f"{path}:3"),
    ]


def test_lines_that_are_each_an_array_of_records_give_every_record(tmp_path: Path) -> None:
    path = tmp_path / "batches.jsonl"
    path.write_text(json.dumps([story_record(0), story_record(1)]) + "\n" + json.dumps([story_record(2)]) + "\n")
    assert shown(_read(path)) == [
        ("Document", "r0", f"{path}:1[0]"),
        ("Document", "r1", f"{path}:1[1]"),
        ("Document", "r2", f"{path}:2[0]"),
    ]


def test_an_array_of_records_on_a_later_line_gives_its_records(tmp_path: Path) -> None:
    # It was one failure, "line is a JSON array, not an object".
    path = tmp_path / "dump.jsonl"
    page = {"html": PAGE.format(title="No id")}
    path.write_text(f"{story_line(0)}\n" + json.dumps([story_record(1), page]) + f"\n{story_line(3)}\n")
    assert shown(_read(path)) == [
        ("Document", "r0", f"{path}:1"),
        ("Document", "r1", f"{path}:2[0]"),
        ("Document", "dump.jsonl:2[1]", f"{path}:2[1]"),
        ("Document", "r3", f"{path}:3"),
    ]


def test_an_element_of_a_line_array_that_is_no_object_is_a_failure_in_its_place(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps([story_record(0), 5]) + f"\n{story_line(2)}\n")
    items = _read(path)
    assert shown(items) == [
        ("Document", "r0", f"{path}:1[0]"),
        ("Failure", None, f"{path}:1[1]"),
        ("Document", "r2", f"{path}:2"),
    ]
    assert isinstance(items[1], Failure) and items[1].message == "element is a JSON number, not an object"


@pytest.mark.parametrize("array", ["[]", "[1, 2]", '["a"]'])
def test_a_first_line_that_is_an_array_of_no_object_is_one_failure_and_the_lines_after_it_are_read(
    tmp_path: Path, array: str
) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(f"{array}\n{story_line(1)}\n")
    items = _read(path)
    assert shown(items) == [("Failure", None, f"{path}:1"), ("Document", "r1", f"{path}:2")]
    assert isinstance(items[0], Failure) and items[0].message == "line is a JSON array, not an object"


@pytest.mark.parametrize("end", ["", "\n", "\n\n"], ids=["no end", "newline", "blank line"])
def test_a_file_that_is_one_array_on_one_line_is_read_as_before(tmp_path: Path, end: str) -> None:
    # json.dump(records, f) and pandas' to_json(orient="records"): a JSON document, positions by index alone.
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([story_record(0), story_record(1)]) + end)
    assert shown(_read(path)) == [("Document", "r0", f"{path}[0]"), ("Document", "r1", f"{path}[1]")]


def test_an_array_written_a_record_a_line_is_read_as_before(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text("[\n" + ",\n".join(story_line(number) for number in range(3)) + "\n]\n")
    assert shown(_read(path)) == [("Document", f"r{n}", f"{path}:{n + 2}") for n in range(3)]


def test_an_array_whose_first_record_shares_the_bracket_line_is_read_as_before(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text("[" + ",\n".join(story_line(number) for number in range(3)) + "]\n")
    assert [item.source_id for item in _read(path)] == ["r0", "r1", "r2"]


# --- a WARC record whose type was damaged into another plausible one ----------------------------------------------


def _http(body: bytes, served_as: str) -> bytes:
    return f"HTTP/1.1 200 OK\r\nContent-Type: {served_as}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body


def _read_warc(tmp_path: Path, *records: bytes) -> list[Document | Failure]:
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"".join(records))
    return _read(path)


HTML = PAGE.format(title="Typed wrong").encode()


@pytest.mark.parametrize("content_type", ["text/htmm", "text/htmm; charset=utf-8", "text/x-html", "application/x-php"])
def test_a_resource_of_an_unknown_type_that_starts_as_html_is_a_page(tmp_path: Path, content_type: str) -> None:
    # "text/htmm" was taken for a type that is no page: the record was passed over without a word.
    [item] = _read_warc(tmp_path, warc_record(HTML, kind="resource", content_type=content_type))
    assert isinstance(item, Document) and item.html == HTML and item.url == "http://example.com/a"


def test_a_response_served_as_an_unknown_type_that_starts_as_html_is_a_page(tmp_path: Path) -> None:
    block = _http(HTML, "text/htmm; charset=utf-8")
    [item] = _read_warc(tmp_path, warc_record(block, kind="response", content_type="application/http"))
    assert isinstance(item, Document) and item.html == HTML
    assert item.headers is not None and item.headers["Content-Type"] == "text/htmm; charset=utf-8"


def test_a_response_whose_type_was_damaged_under_its_digest_is_a_failure(tmp_path: Path) -> None:
    # The digest was taken over the block before its "text/html" lost a byte: the record is damaged, and says so.
    block = _http(HTML, "text/htmm; charset=utf-8")
    record = warc_record(block, kind="response", content_type="application/http",
                          digest_of=_http(HTML, "text/html; charset=utf-8"))  # fmt: skip
    [item] = _read_warc(tmp_path, record)
    assert isinstance(item, Failure) and "digest" in item.message


@pytest.mark.parametrize(
    "content_type",
    [
        "image/png",
        "image/svg+xml",
        "text/css",
        "application/javascript",
        "text/javascript",
        "application/json",
        "text/xml",
        "application/rss+xml",
        "application/pdf",
        "font/woff2",
    ],
)
def test_a_record_of_a_known_type_that_is_no_page_is_passed_over_unread(tmp_path: Path, content_type: str) -> None:
    # Even when its bytes open as HTML would: a known type is taken at its word, and not read to be sniffed.
    body = b"<!-- generated --><html><p>not a page</p></html>"
    records = [
        warc_record(body, kind="resource", content_type=content_type),
        warc_record(_http(body, content_type), kind="response", content_type="application/http"),
    ]
    assert _read_warc(tmp_path, *records) == [holds_nothing(tmp_path / "crawl.warc")]


def test_a_record_of_an_unknown_type_that_is_no_html_is_passed_over(tmp_path: Path) -> None:
    body = b"\x00\x01binary payload of some format"
    records = [
        warc_record(body, kind="resource", content_type="application/x-unheard-of"),
        warc_record(_http(body, "text/htmm"), kind="response", content_type="application/http"),
    ]
    assert _read_warc(tmp_path, *records) == [holds_nothing(tmp_path / "crawl.warc")]


# --- a record with a list of objects, taken for a wrapper ---------------------------------------------------------


@pytest.mark.parametrize("indent", [None, 2], ids=["one line", "pretty-printed"])
@pytest.mark.parametrize(
    "record",
    [
        {"id": 1, "comments": [{"user": "a", "text": "b"}]},
        {"id": 1, "comments": [{"user": "a", "note": "b"}]},
        {"url": "http://example.com/1", "page_html": "<p>x</p>", "comments": [{"author": "a", "body": "b"}]},
        {"title": "Live", "updates": [{"time": "10:00", "note": "b"}]},
    ],
    ids=["comments with text, record id", "comments without text", "comments with body, record url", "no text"],
)
def test_a_record_without_a_page_whose_list_is_no_list_of_records_is_one_missing_key_failure(
    tmp_path: Path, record: dict[str, Any], indent: int | None
) -> None:
    # It was read as a wrapper of its comments: each comment cleaned as an article, the record's own failure unsaid.
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record, indent=indent))
    [item] = _read(path)
    assert isinstance(item, Failure) and item.error == "MissingKey"
    assert item.position in (f"{path}:1", f"{path}[0]")
    assert "[" not in item.position.removeprefix(str(path)).removesuffix("[0]")


def test_a_record_with_an_id_whose_list_holds_records_says_how_to_read_them(tmp_path: Path) -> None:
    path = tmp_path / "job.json"
    path.write_text(json.dumps({"id": "job-42", "pages": [story_record(0), story_record(1)]}))
    [item] = _read(path)
    assert isinstance(item, Failure) and item.error == "MissingKey"
    assert "jq -c '.pages[]' job.json" in item.message


def test_a_list_of_objects_that_are_no_records_beside_the_records_leaves_no_doubt(tmp_path: Path) -> None:
    # An API's errors or facets beside its articles: only one list holds records, so that one is read.
    path = tmp_path / "export.json"
    for indent in (None, 2):
        path.write_text(json.dumps(json.loads(_wrapper(0, 1, errors=[{"code": 1}])), indent=indent))
        assert [item.source_id for item in _read(path)] == ["r0", "r1"]


def test_a_json_feed_is_still_read_as_a_wrapper_of_its_items(tmp_path: Path) -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "News",
        "home_page_url": "https://news.example/",
        "items": [{"id": "1", "url": "https://news.example/1", "content_html": PAGE.format(title="One")}],
    }
    path = tmp_path / "feed.json"
    for indent in (None, 2):
        path.write_text(json.dumps(feed, indent=indent))
        assert shown(_read(path)) == [("Document", "1", f'{path}["items"][0]')]


# --- a WARC length damaged to end where the next record's header ends ----------------------------------------------


def _resource(number: int, *, digest: bool) -> tuple[bytes, bytes]:
    """A resource record's header and block, apart."""
    block = PAGE.format(title=f"Story {number}").encode()
    record = warc_record(
        block,
        kind="resource",
        content_type="text/html",
        uri=f"http://example.com/{number}",
        record_id=f"<urn:uuid:r{number}>",
        digest_of=block if digest else None,
    )
    return record[: -len(block) - 4], block


@pytest.mark.parametrize("digest", [True, False], ids=["with a digest", "without one"])
def test_a_length_that_ends_where_the_next_records_header_ends_loses_no_record_after_it(
    tmp_path: Path, digest: bool
) -> None:
    # The first record's Content-Length took in the second one's header, which ends with the blank line a record's
    # end is checked by: the second record's page was then read as a header, and lost with a failure.
    (head_a, block_a), (head_b, block_b), (head_c, block_c) = (_resource(n, digest=digest) for n in range(3))
    longer = len(block_a) + len(head_b)  # to the blank line that ends the second record's header
    head_a = head_a.replace(f"Content-Length: {len(block_a)}".encode(), f"Content-Length: {longer}".encode())
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"".join(head + block + b"\r\n\r\n" for head, block in
                              [(head_a, block_a), (head_b, block_b), (head_c, block_c)]))  # fmt: skip
    items = _read(path)
    second = len(head_a) + len(block_a) + 4
    assert [item.source_id for item in items if isinstance(item, Document)][-2:] == ["<urn:uuid:r1>", "<urn:uuid:r2>"]
    assert [item.position for item in items if isinstance(item, Document)][-2] == f"{path}@{second}"
    (failure,) = [item for item in items if isinstance(item, Failure)]  # one record, one failure in its place
    assert f"reading resumes at the next record, offset {second}" in failure.message
    if digest:  # the first record's block is not what its digest states: said in the same failure, under its id
        assert failure is items[0] and failure.source_id == "<urn:uuid:r0>"
        assert failure.message.startswith("WARC record at offset 0: its block digest (sha1) does not match")
    else:
        assert failure.source_id is None


# --- wrappers wherever a record stands, and only there --------------------------------------------------------------


def test_pretty_printed_wrappers_one_after_another_give_every_record(tmp_path: Path) -> None:
    # jq . page1.json page2.json: each wrapper was one MissingKey failure.
    path = tmp_path / "pages.json"
    path.write_text(
        json.dumps(json.loads(_wrapper(0, 1)), indent=2) + "\n" + json.dumps(json.loads(_wrapper(2)), indent=2)
    )
    assert shown(_read(path)) == [
        ("Document", "r0", f'{path}[0]["articles"][0]'),
        ("Document", "r1", f'{path}[0]["articles"][1]'),
        ("Document", "r2", f'{path}[1]["articles"][0]'),
    ]


@pytest.mark.parametrize("indent", [None, 2], ids=["one line", "pretty-printed"])
def test_a_wrapper_in_a_wrappers_list_is_one_record_of_it(tmp_path: Path, indent: int | None) -> None:
    path = tmp_path / "export.json"
    inner = {"data": [story_record(1)]}
    path.write_text(json.dumps({"articles": [story_record(0), inner]}, indent=indent))
    items = _read(path)
    assert shown(items)[0] == ("Document", "r0", f'{path}["articles"][0]')
    assert isinstance(items[1], Failure) and items[1].error == "MissingKey"
    assert items[1].position == f'{path}["articles"][1]' and len(items) == 2


# --- a wrapper whose brackets no longer match (found by the fuzz probe, seed 31) ----------------------------------


@pytest.mark.parametrize("indent", [None, 2], ids=["one line", "pretty-printed"])
def test_a_wrapper_whose_record_was_damaged_out_of_its_brackets_keeps_the_records_before_it(
    tmp_path: Path, indent: int | None
) -> None:
    # A quote and a bracket overwritten into a record: the object was taken for no wrapper, and every record of it
    # was lost with one failure.
    path = tmp_path / "export.json"
    text = json.dumps(json.loads(_wrapper(0, 1, 2, next=None)), indent=indent)
    at = text.index("Story 1</h1>")
    path.write_text(text[:at] + '"[x' + text[at + 3 :])
    items = _read(path)
    assert shown(items)[0] == ("Document", "r0", f'{path}["articles"][0]')
    assert isinstance(items[1], Failure) and items[1].position == f'{path}["articles"][1]'
    # Past the damage, strings and brackets are out of step from the start, but not from the file's end: the record
    # after the damaged one is found from there, under the id and position the undamaged file gives it.
    assert shown(items)[2:] == [("Document", "r2", f'{path}["articles"][2]')]


def test_a_wrapper_damaged_after_its_list_gives_its_records_and_says_where(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    text = _wrapper(0, 1, next=None)
    at = text.index('"next"')
    path.write_text(text[:at] + "]" + text[at + 1 :] + "\n")
    items = _read(path)
    assert shown(items) == [
        ("Document", "r0", f'{path}["articles"][0]'),
        ("Document", "r1", f'{path}["articles"][1]'),
        ("Failure", None, str(path)),
    ]
    assert isinstance(items[2], Failure)
    assert (
        items[2].message
        == f"unexpected ']' at byte {at:,}: the brackets of the JSON object around the records do not match"
    )


def test_a_wrapper_cut_right_after_its_list_says_it_is_truncated(tmp_path: Path) -> None:
    # Only its closing brace lost: the records were read, and the cut passed unsaid.
    path = tmp_path / "export.json"
    path.write_text(_wrapper(0, 1)[:-1])
    items = _read(path)
    assert [item.source_id for item in items] == ["r0", "r1", None]
    assert isinstance(items[2], Failure) and "truncated" in items[2].message


def test_a_one_line_wrapper_damaged_after_its_list_into_an_early_end_keeps_its_records(tmp_path: Path) -> None:
    # Bytes duplicated over the end of the list (fuzz probe, seed 31): the object closed early, no JSON after it.
    path = tmp_path / "export.json"
    text = _wrapper(0, 1, next=None).replace('"next": null}', '"next"}, "x": 1}')
    path.write_text(text + "\n")
    items = _read(path)
    assert shown(items) == [
        ("Document", "r0", f'{path}["articles"][0]'),
        ("Document", "r1", f'{path}["articles"][1]'),
        ("Failure", None, str(path)),
    ]
    at = text.index(', "x"')
    assert isinstance(items[2], Failure)
    assert items[2].message == f"data after the JSON object around the records, at byte {at:,}"

"""Records at the edges of what the readers took: JSON Lines ended by CR alone, two JSON values on one line, a JSON
file whose records sit in a list inside a wrapper object, and WARC records of unusual types."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from _records import PAGE, holds_nothing, shown, story_line, story_record
from _warc import warc_record

from newsclean import clean_html
from newsclean._models import Failure
from newsclean._pipeline import Document
from newsclean.batch import BatchConfig, run_batch
from newsclean.io import JsonlReader, read_inputs

# --- JSON Lines ended by CR alone ----------------------------------------------------------------------------------


@pytest.mark.parametrize("compressed", [False, True])
def test_lines_ended_by_cr_alone_are_records_of_their_own(tmp_path: Path, compressed: bool) -> None:
    # Read up to LF only, the whole file was one line: one "malformed JSON" failure, every record lost.
    data = ("\r".join(story_line(number) for number in range(3)) + "\r").encode()
    path = tmp_path / ("old-mac.jsonl.gz" if compressed else "old-mac.jsonl")
    path.write_bytes(gzip.compress(data) if compressed else data)
    items = list(read_inputs([str(path)]))
    assert shown(items) == [("Document", f"r{number}", f"{path}:{number + 1}") for number in range(3)]


def test_cr_line_ends_count_blank_lines_and_a_last_line_without_an_end(tmp_path: Path) -> None:
    path = tmp_path / "old-mac.jsonl"
    path.write_bytes(f"{story_line(0)}\r\r{{broken\r{story_line(3)}".encode())
    items = list(read_inputs([str(path)]))
    assert shown(items) == [
        ("Document", "r0", f"{path}:1"),
        ("Failure", None, f"{path}:3"),
        ("Document", "r3", f"{path}:4"),
    ]
    assert isinstance(items[1], Failure) and items[1].message.startswith("malformed JSON")


def test_an_oversized_line_ended_by_cr_is_one_failure_and_the_next_line_is_read(tmp_path: Path) -> None:
    path = tmp_path / "old-mac.jsonl"
    long_line = json.dumps({"id": "long", "html": "x" * 5000})
    path.write_bytes(f"{story_line(0)}\r{long_line}\r{story_line(2)}\r".encode())
    items = list(JsonlReader(path, max_line_bytes=2000))
    assert shown(items) == [
        ("Document", "r0", f"{path}:1"),
        ("Failure", None, f"{path}:2"),
        ("Document", "r2", f"{path}:3"),
    ]
    assert isinstance(items[1], Failure) and "exceeds max_line_bytes=2,000" in items[1].message


def test_a_raw_cr_inside_a_string_of_an_lf_file_does_not_split_its_lines(tmp_path: Path) -> None:
    # A CR inside a JSON string is invalid JSON (it must be escaped): that line is one failure, and the line numbers
    # after it are still those of the LF line ends, even when the first line holds the CR.
    broken = '{"id": "cr", "html": "<p>one\rtwo</p>"}'
    path = tmp_path / "dump.jsonl"
    path.write_bytes(f"{broken}\n{story_line(1)}\n{broken}\n{story_line(3)}\n".encode())
    items = list(read_inputs([str(path)]))
    assert shown(items) == [
        ("Failure", None, f"{path}:1"),
        ("Document", "r1", f"{path}:2"),
        ("Failure", None, f"{path}:3"),
        ("Document", "r3", f"{path}:4"),
    ]


def test_crlf_and_lf_line_ends_are_read_as_before(tmp_path: Path) -> None:
    for name, end in (("crlf.jsonl", "\r\n"), ("lf.jsonl", "\n")):
        path = tmp_path / name
        path.write_bytes("".join(story_line(number) + end for number in range(2)).encode())
        assert shown(list(read_inputs([str(path)]))) == [
            ("Document", "r0", f"{path}:1"),
            ("Document", "r1", f"{path}:2"),
        ]


# --- two JSON values on one line -----------------------------------------------------------------------------------


def test_two_objects_on_one_line_are_both_read_and_numbered_within_the_line(tmp_path: Path) -> None:
    # Both were lost as one "malformed JSON: trailing characters" failure.
    path = tmp_path / "joined.jsonl"
    path.write_text(f"{story_line(0)}{story_line(1)}\n{story_line(2)} {story_line(3)}\n{story_line(4)}\n")
    items = list(read_inputs([str(path)]))
    assert shown(items) == [
        ("Document", "r0", f"{path}:1#1"),
        ("Document", "r1", f"{path}:1#2"),
        ("Document", "r2", f"{path}:2#1"),
        ("Document", "r3", f"{path}:2#2"),
        ("Document", "r4", f"{path}:3"),
    ]


def test_values_of_a_line_without_ids_get_default_ids_of_their_own(tmp_path: Path) -> None:
    path = tmp_path / "joined.jsonl"
    page = json.dumps({"html": PAGE.format(title="No id")})
    path.write_text(f"{page}{page}\n")
    assert [item.source_id for item in read_inputs([str(path)])] == ["joined.jsonl:1#1", "joined.jsonl:1#2"]


def test_a_bad_value_beside_a_good_one_is_a_failure_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "joined.jsonl"
    path.write_text(f'{story_line(0)}{{"html": nope}}\n{story_line(2)}["a list"]\n')
    items = list(read_inputs([str(path)]))
    assert shown(items) == [
        ("Document", "r0", f"{path}:1#1"),
        ("Failure", None, f"{path}:1#2"),
        ("Document", "r2", f"{path}:2#1"),
        ("Failure", None, f"{path}:2#2"),
    ]
    assert isinstance(items[1], Failure) and items[1].message.startswith("malformed JSON")
    assert isinstance(items[3], Failure) and items[3].message == "value is a JSON array, not an object"


@pytest.mark.parametrize(
    "tail",
    [" garbage", "}", " 42"],
    ids=["words after the object", "a stray closing brace", "a number after the object"],
)
def test_an_object_followed_by_what_is_no_value_stays_one_malformed_line(tmp_path: Path, tail: str) -> None:
    # Only a line that is wholly JSON values one after another is split: anything else is one bad line, as before.
    path = tmp_path / "dump.jsonl"
    path.write_text(f"{story_line(0)}{tail}\n{story_line(1)}\n")
    items = list(read_inputs([str(path)]))
    assert shown(items) == [("Failure", None, f"{path}:1"), ("Document", "r1", f"{path}:2")]
    assert isinstance(items[0], Failure) and items[0].message.startswith("malformed JSON")


def test_a_resumed_run_over_lines_of_several_values_equals_the_uninterrupted_run(tmp_path: Path) -> None:
    # Resuming skips the items read before the checkpoint by their index: the values of a line must come out in the
    # same order, with the same positions, on every read.
    no_page = json.dumps({"id": "no-page", "title": "a record without a page"})
    path = tmp_path / "joined.jsonl"
    path.write_text("".join(f"{story_line(2 * n)}{story_line(2 * n + 1) if n != 2 else no_page}\n" for n in range(5)))
    config = BatchConfig(workers=0, checkpoint_every=1)
    reference = tmp_path / "reference" / "out.jsonl"
    reference.parent.mkdir()
    run_batch([str(path)], reference, config=config)

    class Stop(Exception):
        pass

    def stop(failure: Failure) -> None:
        assert failure.position == f"{path}:3#2"
        raise Stop

    output = tmp_path / "out.jsonl"
    with pytest.raises(Stop):
        run_batch([str(path)], output, config=config, on_reject=stop)
    assert json.loads(output.with_name(output.name + ".checkpoint.json").read_text())["next_index"] == 5
    run_batch([str(path)], output, config=config, resume=True)
    assert output.read_bytes() == reference.read_bytes()
    assert tmp_path.joinpath("out.rejects.jsonl").read_bytes() == reference.with_name("out.rejects.jsonl").read_bytes()
    assert [json.loads(line)["source_id"] for line in output.read_text().splitlines()] == [
        f"r{n}" for n in range(10) if n != 5
    ]


# --- a wrapper object holding the list of records ------------------------------------------------------------------


def _wrapper(records: list[dict[str, Any]], **members: Any) -> dict[str, Any]:
    return {"status": "ok", "totalResults": len(records), "articles": records, **members}


@pytest.mark.parametrize("indent", [None, 2], ids=["one line", "pretty-printed"])
def test_the_one_list_of_objects_of_a_wrapper_object_is_read(tmp_path: Path, indent: int | None) -> None:
    # NewsAPI's and many export APIs' shape: the whole file was one MissingKey failure.
    path = tmp_path / "export.json"
    path.write_text(
        json.dumps(_wrapper([story_record(0), story_record(1), {"id": "r2", "title": "no page"}]), indent=indent)
    )
    items = list(read_inputs([str(path)]))
    assert shown(items) == [
        ("Document", "r0", f'{path}["articles"][0]'),
        ("Document", "r1", f'{path}["articles"][1]'),
        ("Failure", "r2", f'{path}["articles"][2]'),  # the records are read as any record is
    ]
    assert isinstance(items[2], Failure) and items[2].error == "MissingKey"


def test_records_of_a_wrapper_without_ids_name_the_key_in_their_default_ids(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"data": [{"html": PAGE.format(title="A")}, {"html": PAGE.format(title="B")}]}))
    assert [item.source_id for item in read_inputs([str(path)])] == [
        'export.json["data"][0]',
        'export.json["data"][1]',
    ]


def test_a_wrapper_larger_than_a_record_may_be_is_read_a_record_at_a_time(tmp_path: Path) -> None:
    # The wrapper is not held in memory: each record is bounded, as a record of a top-level array is.
    path = tmp_path / "export.json"
    records = [story_record(number) for number in range(20)]
    records[5] = {"id": "huge", "html": "x" * 5000}
    path.write_text(json.dumps(_wrapper(records), indent=2))
    assert path.stat().st_size > 2 * 2000
    items = list(JsonlReader(path, max_line_bytes=2000))
    assert len(items) == 20
    assert [item.source_id for item in items if isinstance(item, Document)] == [
        f"r{number}" for number in range(20) if number != 5
    ]
    assert isinstance(items[5], Failure) and items[5].position == f'{path}["articles"][5]'
    assert "exceeds max_line_bytes=2,000" in items[5].message


def test_a_wrapper_cut_short_gives_its_records_and_says_it_is_truncated(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    text = json.dumps(_wrapper([story_record(0), story_record(1), story_record(2)]), indent=2)
    path.write_text(text[: text.index('"r2"')])
    items = list(read_inputs([str(path)]))
    assert [item.source_id for item in items if isinstance(item, Document)] == ["r0", "r1"]
    assert isinstance(items[-1], Failure) and "truncated" in items[-1].message


def test_a_wrapper_with_two_lists_of_records_is_one_failure_naming_both(tmp_path: Path) -> None:
    # (A list of objects without a page or text, such as an API's errors, holds no records: it leaves no doubt.)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(_wrapper([story_record(0)], related=[story_record(1)], errors=[{"code": 1}]), indent=2))
    [failure] = list(read_inputs([str(path)]))
    assert isinstance(failure, Failure) and failure.error == "AmbiguousRecordList"
    assert failure.position == str(path)
    assert '"articles"' in failure.message and '"related"' in failure.message
    assert '"errors"' not in failure.message
    assert "jq -c '.articles[]'" in failure.message  # how to pick one


def test_a_record_with_a_list_of_objects_beside_its_page_is_a_record_not_a_wrapper(tmp_path: Path) -> None:
    record = {**story_record(0), "links": [{"href": "http://example.com/x"}]}
    for indent in (None, 2):
        path = tmp_path / f"record{indent}.json"
        path.write_text(json.dumps(record, indent=indent))
        [item] = list(read_inputs([str(path)]))
        assert isinstance(item, Document) and item.source_id == "r0"


def test_a_line_that_holds_a_list_of_no_records_is_not_taken_for_a_wrapper(tmp_path: Path) -> None:
    # A line that is a wrapper gives its records (tests/test_reader_leftovers.py); a line without a page whose list
    # holds no records (comments, links) is a record without a page, a failure, as before.
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps({"comments": [{"user": "a", "note": "b"}]}) + "\n" + story_line(1) + "\n")
    items = list(read_inputs([str(path)]))
    assert shown(items) == [("Failure", "dump.jsonl:1", f"{path}:1"), ("Document", "r1", f"{path}:2")]
    assert isinstance(items[0], Failure) and items[0].error == "MissingKey"


# --- WARC records of unusual types ---------------------------------------------------------------------------------


def _read_warc(tmp_path: Path, record: bytes) -> list[Document | Failure]:
    path = tmp_path / "crawl.warc"
    path.write_bytes(record)
    return list(read_inputs([str(path)]))


@pytest.mark.parametrize("media_type", ["text/markdown", "text/markdown; charset=utf-8", "text/x-markdown"])
def test_a_markdown_resource_is_read_as_a_text_dump(tmp_path: Path, media_type: str) -> None:
    markdown = "# Storm makes landfall\n\nThe storm made landfall on Tuesday morning, café owners said.\n"
    record = warc_record(markdown.encode(), kind="resource", content_type=media_type)
    [item] = _read_warc(tmp_path, record)
    assert isinstance(item, Document) and item.html is None and item.text == markdown
    assert item.url == "http://example.com/a"


def test_a_conversion_typed_html_is_read_as_a_page(tmp_path: Path) -> None:
    page = PAGE.format(title="Converted").encode()
    [item] = _read_warc(tmp_path, warc_record(page, kind="conversion", content_type="text/html; charset=utf-8"))
    assert isinstance(item, Document) and item.html == page and item.url == "http://example.com/a"


@pytest.mark.parametrize(
    ("kind", "content_type", "http_head"),
    [
        ("response", "application/http; msgtype=response", b"HTTP/1.1 200 OK\r\n\r\n"),
        ("resource", "application/octet-stream", b""),
        ("resource", None, b""),
    ],
    ids=["response without a type", "resource typed as octets", "resource without a type"],
)
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_untyped_utf16_html_with_a_bom_is_read_as_a_page(
    tmp_path: Path, kind: str, content_type: str | None, http_head: bytes, codec: str
) -> None:
    # Sniffed as bytes, "<\x00h\x00t\x00m\x00l\x00" did not start as HTML: the page was dropped without a word.
    page = "\ufeff" + PAGE.format(title="Sixteen bits: café")
    body = page.encode(codec)
    [item] = _read_warc(tmp_path, warc_record(http_head + body, kind=kind, content_type=content_type))
    assert isinstance(item, Document) and item.html == body
    article = clean_html(item.html, url=item.url, headers=item.headers)
    assert article.title == "Sixteen bits: café"


def test_an_untyped_record_that_is_no_html_is_still_no_page(tmp_path: Path) -> None:
    # The BOM is read through, not taken for HTML on its own.
    body = "\ufeff{not: a page}".encode("utf-16-le")
    assert _read_warc(tmp_path, warc_record(body, kind="resource", content_type=None)) == [
        holds_nothing(tmp_path / "crawl.warc")
    ]


def test_a_wrapper_on_one_line_cut_short_gives_its_records_and_says_it_is_truncated(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    text = json.dumps(
        _wrapper([story_record(0), story_record(1)], meta={"page": 1, "next": "http://example.com/api?p=2"})
    )
    path.write_text(text[: text.index('"next"')])  # cut after the list of records
    items = list(read_inputs([str(path)]))
    assert shown(items) == [
        ("Document", "r0", f'{path}["articles"][0]'),
        ("Document", "r1", f'{path}["articles"][1]'),
        ("Failure", None, str(path)),
    ]
    assert isinstance(items[2], Failure) and "truncated" in items[2].message


def test_a_broken_first_line_that_opens_a_list_does_not_take_the_lines_after_it(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text('{"comments": [\n' + story_line(1) + "\n" + story_line(2) + "\n")
    items = list(read_inputs([str(path)]))
    assert shown(items) == [
        ("Failure", None, f"{path}:1"),
        ("Document", "r1", f"{path}:2"),
        ("Document", "r2", f"{path}:3"),
    ]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_html_without_a_page_suffix_in_a_folder_is_read_as_a_page(tmp_path: Path, codec: str) -> None:
    # A mirror's file of no suffix is sniffed for HTML: as bytes, "<\x00h\x00t\x00m\x00l\x00" was no page.
    (tmp_path / "story").write_bytes(("\ufeff" + PAGE.format(title="Sixteen bits: café")).encode(codec))
    (tmp_path / "notes").write_bytes("\ufeff{not: a page}".encode(codec))
    [item] = list(read_inputs([str(tmp_path)]))
    assert isinstance(item, Document) and item.source_id == "story"
    assert clean_html(item.html, url=item.url).title == "Sixteen bits: café"

"""A dump that holds no document (no bytes, blank lines, ``[]``, a header row alone, a WARC of no page) is one read
failure that says so, as a folder without pages is: a run over the wrong file ended with nothing to show and no
word about why."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from _records import NO_PAGES, holds_nothing, story_line, story_record
from _warc import warc_record
from click.testing import CliRunner

from newsclean._pipeline import Document
from newsclean.cli import main
from newsclean.io import open_reader, read_inputs
from newsclean.io._readers import count_items

NO_RECORDS = "the file holds no records: nothing to clean"
NO_ROWS = "the file holds no rows: nothing to clean"
WARCINFO = warc_record(b"software: a crawler\r\n", kind="warcinfo", content_type="application/warc-fields")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("dump.jsonl", b"", NO_RECORDS),
        ("dump.jsonl", b"\n\n  \n", NO_RECORDS),
        ("dump.json", b"[]", NO_RECORDS),
        ("dump.jsonl.gz", gzip.compress(b""), NO_RECORDS),
        ("dump.csv", b"", NO_ROWS),
        ("dump.csv", b"url,html\r\n", NO_ROWS),
        ("dump.tsv", b"url\thtml\n", NO_ROWS),
        ("crawl.warc", b"", NO_PAGES),
        ("crawl.warc", WARCINFO, NO_PAGES),
        ("crawl.warc.gz", gzip.compress(WARCINFO), NO_PAGES),
    ],
)
def test_a_dump_that_holds_no_document_is_one_failure_saying_so(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert list(read_inputs([str(path)])) == [holds_nothing(path, message)]


def test_a_wrapper_object_with_an_empty_list_says_the_list_is_empty(tmp_path: Path) -> None:
    # An export's page with no results ({"articles": []}) is no wrapper of records that can be told as one: it is
    # read as one record without a page, and its failure names the empty list.
    path = tmp_path / "export.json"
    path.write_text('{"articles": [], "next": null}')
    [failure] = read_inputs([str(path)])
    assert not isinstance(failure, Document)
    assert failure.error == "MissingKey"
    assert failure.message.endswith("(keys: articles (empty list), next (null))")


def test_an_empty_parquet_file_is_one_failure_and_counted_as_one_item(tmp_path: Path) -> None:
    pyarrow = pytest.importorskip("pyarrow")
    parquet = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "dump.parquet"
    parquet.write_table(pyarrow.table({"html": pyarrow.array([], pyarrow.string())}), path)
    assert list(read_inputs([str(path)])) == [holds_nothing(path, NO_ROWS)]
    # The progress bar's total: the items reading gives, the failure too.
    assert count_items([open_reader(str(path))]) == 1


def test_a_dump_with_records_gives_them_and_no_such_failure(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(story_line(1) + "\n\n")
    [item] = read_inputs([str(path)])
    assert isinstance(item, Document) and item.source_id == "r1"


def test_a_dump_of_bad_records_has_their_failures_and_not_the_note(tmp_path: Path) -> None:
    # Records that could not be read were said: the file held something, so it is not called empty.
    path = tmp_path / "dump.jsonl"
    path.write_text('{"id": "x", "title": "no page"}\nnot json\n')
    items = list(read_inputs([str(path)]))
    assert [item.position for item in items] == [f"{path}:1", f"{path}:2"]
    assert all(item.message != NO_RECORDS for item in items)


def test_an_empty_dump_on_standard_input_is_named_as_standard_input(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "newsclean", "clean", "-", "--format", "jsonl"]
    done = subprocess.run(command, input=b"", capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "stage": "read",
        "error": "InputError",
        "message": NO_RECORDS,
        "position": "-",
    }


def test_the_cli_rejects_an_empty_dump_beside_a_full_one_and_strict_fails(tmp_path: Path) -> None:
    empty, full = tmp_path / "empty.jsonl", tmp_path / "full.jsonl"
    empty.write_bytes(b"")
    full.write_text(json.dumps(story_record(2)) + "\n")
    output = tmp_path / "out.jsonl"
    arguments = ["clean", str(empty), str(full), "-o", str(output), "--workers", "0"]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    [reject] = [json.loads(line) for line in output.with_name("out.rejects.jsonl").read_text().splitlines()]
    assert (reject["position"], reject["message"]) == (str(empty), NO_RECORDS)
    assert [json.loads(line)["source_id"] for line in output.read_text().splitlines()] == ["r2"]
    assert "rejected: 1" in result.output
    assert CliRunner().invoke(main, [*arguments, "--strict"]).exit_code == 1

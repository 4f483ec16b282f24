"""Input faults found by probing the batch command's readers (folders, standard input, WARC, JSON), each fixed."""

from __future__ import annotations

import bz2
import gzip
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from _warc import warc_record
from click.testing import CliRunner

from newsclean._models import Failure
from newsclean._pipeline import Document
from newsclean.cli import main
from newsclean.io import read_inputs

PAGE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>The storm made landfall on Tuesday morning, bringing heavy rain and strong winds to the coastal towns.</p>"
    "<p>Officials said that thousands of homes were without power and that crews worked to restore it.</p>"
    "</article></body></html>"
)


def _ids(items: list[Document | Failure]) -> list[tuple[str, str | None]]:
    return [(type(item).__name__, item.source_id) for item in items]


# --- folders -------------------------------------------------------------------------------------------------------


def _deep_folder(base: Path) -> Path:
    """A folder nested so deep that its path from ``base`` is longer than the system lets a path be (PATH_MAX):
    made one step at a time, as a mirror of long URLs can make it."""
    start = Path.cwd()
    os.chdir(base)
    try:
        for _ in range(24):
            name = "d" * 200
            Path(name).mkdir()
            os.chdir(name)
        Path("story.html").write_text(PAGE.format(title="Deep"))
    finally:
        os.chdir(start)
    return base


def test_a_folder_too_deep_to_list_is_one_failure_and_the_other_pages_are_read(tmp_path: Path) -> None:
    # rglob raised at the first path too long to open: the whole folder became one failure, every page lost.
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text(PAGE.format(title="A"))
    (site / "z.html").write_text(PAGE.format(title="Z"))
    _deep_folder(site)
    items = list(read_inputs([str(site)]))
    assert [(kind, source_id) for kind, source_id in _ids(items) if kind == "Document"] == [
        ("Document", "a.html"),
        ("Document", "z.html"),
    ]
    [failure] = [item for item in items if isinstance(item, Failure)]
    assert failure.source_id is not None and failure.source_id.startswith("d" * 200 + "/")
    assert failure.error == "OSError" and "cannot be listed" in failure.message


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists folders whatever their mode")
def test_a_folder_without_permission_is_a_failure_not_a_silent_gap(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "locked").mkdir(parents=True)
    (site / "locked" / "story.html").write_text(PAGE.format(title="Locked"))
    (site / "open.html").write_text(PAGE.format(title="Open"))
    (site / "locked").chmod(0)
    try:
        items = list(read_inputs([str(site)]))
    finally:
        (site / "locked").chmod(0o755)
    assert _ids(items) == [("Failure", "locked"), ("Document", "open.html")]
    assert items[0].error == "PermissionError"


def test_a_linked_folder_outside_is_read(tmp_path: Path) -> None:
    # rglob never goes into a linked folder: pages/2024 -> /mnt/archive/2024 was dropped without a word.
    archive = tmp_path / "archive" / "2024"
    archive.mkdir(parents=True)
    (archive / "story.html").write_text(PAGE.format(title="Archived"))
    site = tmp_path / "site"
    site.mkdir()
    (site / "today.html").write_text(PAGE.format(title="Today"))
    (site / "2024").symlink_to(archive, target_is_directory=True)
    items = list(read_inputs([str(site)]))
    assert _ids(items) == [("Document", "2024/story.html"), ("Document", "today.html")]


def test_links_to_folders_inside_and_link_loops_read_each_page_once(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.html").write_text(PAGE.format(title="Outside"))
    (outside / "again").symlink_to(outside, target_is_directory=True)  # a loop outside the folder
    site = tmp_path / "site"
    (site / "news").mkdir(parents=True)
    (site / "news" / "n.html").write_text(PAGE.format(title="News"))
    (site / "latest").symlink_to(site / "news", target_is_directory=True)  # inside: read under its own path
    (site / "news" / "up").symlink_to(site, target_is_directory=True)  # a loop inside
    (site / "x1").symlink_to(outside, target_is_directory=True)
    (site / "x2").symlink_to(outside, target_is_directory=True)  # the same folder linked twice
    items = list(read_inputs([str(site)]))
    assert _ids(items) == [("Document", "news/n.html"), ("Document", "x1/o.html")]


def test_a_link_to_nothing_says_what_it_points_to(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "gone.html").symlink_to(tmp_path / "moved" / "gone.html")
    [item] = list(read_inputs([str(site)]))
    assert isinstance(item, Failure) and item.error == "FileNotFoundError"
    assert "link to a file that does not exist" in item.message and "moved/gone.html" in item.message


# --- standard input and --format -----------------------------------------------------------------------------------

DUMP = (
    "Storm hits coast\n\n"
    "The storm made landfall on Tuesday morning, bringing heavy rain and strong winds to the coastal towns.\n\n"
    "Officials said that thousands of homes were without power and that crews worked to restore it.\n"
)


def _records(output: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_format_text_reads_standard_input_as_a_text_dump() -> None:
    # It was read as HTML: the dump's title ran into its first line, which its inline tag cut in three.
    dump = DUMP.replace("Tuesday morning", "Tuesday <b>morning</b>")
    result = CliRunner().invoke(main, ["clean", "--format", "text", "-"], input=dump.encode())
    assert result.exit_code == 0, result.output
    [record] = _records(result.stdout_bytes)
    assert record["title"] == "Storm hits coast"
    assert len(record["paragraphs"]) == 2
    assert record["paragraphs"][0].startswith("The storm made landfall") and "coastal towns" in record["paragraphs"][0]


def test_format_html_reads_a_txt_file_as_html(tmp_path: Path) -> None:
    # The .txt suffix won over --format html: the page's tags were kept as the text of a dump.
    path = tmp_path / "saved.txt"
    path.write_text(PAGE.format(title="Saved"))
    [item] = list(read_inputs([str(path)], input_format="html"))
    assert isinstance(item, Document) and item.html is not None and item.text is None


@pytest.mark.parametrize("input_format", ["text", "html"])
def test_format_text_or_html_reads_a_folder_as_a_folder(tmp_path: Path, input_format: Any) -> None:
    # A folder given with --format text (or html) was opened as a file: one IsADirectoryError, no page read.
    site = tmp_path / "dumps"
    site.mkdir()
    (site / "a.txt").write_text(DUMP)
    (site / "b.md").write_text(DUMP)
    items = list(read_inputs([str(site)], input_format=input_format))
    assert _ids(items) == [("Document", "a.txt"), ("Document", "b.md")]
    assert all(isinstance(item, Document) and (item.text is None) == (input_format == "html") for item in items)


def test_standard_input_given_twice_is_a_usage_error() -> None:
    # The second '-' found standard input read to its end: an "empty document" reject, and exit 0.
    result = CliRunner().invoke(main, ["clean", "-", "-"], input=PAGE.format(title="Once").encode())
    assert result.exit_code == 2
    assert "more than once" in result.output


@pytest.mark.parametrize("extra", [[], ["--format", "jsonl"]])
def test_closed_standard_input_is_a_read_failure_not_a_traceback(extra: list[str]) -> None:
    # With fd 0 closed Python has no sys.stdin: reading '-' raised AttributeError out of the command.
    command = [sys.executable, "-m", "newsclean", "clean", *extra, "-"]
    result = subprocess.run(command, capture_output=True, timeout=60, preexec_fn=lambda: os.close(0), check=False)
    assert b"Traceback" not in result.stderr, result.stderr.decode()
    assert result.returncode == 0
    [record] = _records(result.stdout)
    assert record["stage"] == "read" and "standard input is closed" in record["message"]


# --- WARC ----------------------------------------------------------------------------------------------------------


def _http(body: bytes, *, status: str = "200 OK", headers: str = "") -> bytes:
    return f"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n{headers}\r\n".encode() + body


@pytest.mark.parametrize("compressed", [False, True])
def test_a_target_uri_in_angle_brackets_is_the_url(tmp_path: Path, compressed: bool) -> None:
    # The brackets were kept: the article's url was "<http://…>".
    record = warc_record(_http(PAGE.format(title="Bracketed").encode()), uri="<http://example.com/news/1>")
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    path.write_bytes(gzip.compress(record) if compressed else record)
    [item] = list(read_inputs([str(path)]))
    assert isinstance(item, Document) and item.url == "http://example.com/news/1"


def test_a_partial_content_response_is_a_read_failure_not_half_an_article(tmp_path: Path) -> None:
    # A 206 was read as the page: the article stopped where the byte range did, and nothing said so.
    page = PAGE.format(title="Ranged").encode()
    part = _http(page[:200], status="206 Partial Content", headers=f"Content-Range: bytes 0-199/{len(page)}\r\n")
    whole = _http(page, status="206 Partial Content", headers=f"Content-Range: bytes 0-{len(page) - 1}/{len(page)}\r\n")
    path = tmp_path / "crawl.warc"
    path.write_bytes(
        warc_record(part, uri="http://example.com/part") + warc_record(whole, uri="http://example.com/all")
    )
    failure, document = list(read_inputs([str(path)]))
    assert isinstance(failure, Failure) and failure.url == "http://example.com/part"
    assert "206 Partial Content" in failure.message and f"bytes 0-199/{len(page)}" in failure.message
    assert isinstance(document, Document) and document.url == "http://example.com/all"  # the whole of it


# --- JSON ----------------------------------------------------------------------------------------------------------


def test_an_escaped_lone_surrogate_does_not_reject_the_record(tmp_path: Path) -> None:
    # JSON.stringify writes half an emoji that substring cut as "\ud83d"; msgspec refused the whole record for it.
    html = PAGE.format(title="Cut \\ud83d").replace("coastal", "coastal \\ud83c\\udf0a")  # a whole pair stays
    lines = [
        '{"id": "cut", "url": "http://example.com/1", "html": "' + html.replace('"', '\\"') + '"}',
        '{"id": "nan", "html": "\\udc80", "score": NaN}',  # not JSON for another reason: still a failure
    ]
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join(lines) + "\n")
    document, failure = list(read_inputs([str(path)]))
    assert isinstance(document, Document) and isinstance(document.html, str)
    assert "Cut \ufffd" in document.html and "coastal \U0001f30a" in document.html
    assert isinstance(failure, Failure) and failure.message.startswith("malformed JSON")
    pretty = tmp_path / "crawl.json"  # records spread over lines are read the same way
    pretty.write_text('[\n  {\n    "id": "a",\n    "html": "' + html.replace('"', '\\"') + '"\n  }\n]\n')
    [spread] = list(read_inputs([str(pretty)]))
    assert isinstance(spread, Document) and isinstance(spread.html, str) and "Cut \ufffd" in spread.html


# --- compressed files that are not read as such ---------------------------------------------------------------------


def test_a_zstd_warc_is_refused_as_such_not_as_a_wrong_content_length(tmp_path: Path) -> None:
    import zstandard

    # Its compressed bytes were checked as WARC framing: "Content-Length does not end it", and the page lost.
    record = warc_record(_http(PAGE.format(title="Zstd").encode()))
    path = tmp_path / "crawl.warc.zst"
    path.write_bytes(zstandard.ZstdCompressor().compress(record))
    [item] = list(read_inputs([str(path)]))
    assert isinstance(item, Failure) and "zstd-compressed WARC is not read" in item.message


@pytest.mark.parametrize(
    ("name", "compress", "said"),
    [
        ("page.html.bz2", bz2.compress, "is bzip2-compressed, which is not read"),
        ("page.html", gzip.compress, "is gzip-compressed but its name does not end in .gz"),
        ("crawl.warc.bz2", bz2.compress, "is bzip2-compressed, which is not read"),
    ],
)
def test_a_compressed_file_is_named_as_such_not_binary(
    tmp_path: Path, name: str, compress: Callable[[bytes], bytes], said: str
) -> None:
    # "input looks binary (39 control or undecodable characters ...)" said nothing of what to do.
    path = tmp_path / name
    path.write_bytes(compress(PAGE.format(title="Packed").encode()))
    [item] = list(read_inputs([str(path)]))
    assert isinstance(item, Failure) and item.stage == "read" and said in item.message


def test_a_gzip_transfer_coding_is_undone_as_a_content_coding_is(tmp_path: Path) -> None:
    # "Transfer-Encoding: gzip, chunked": only the chunks were undone, and the page was refused as binary.
    body = gzip.compress(PAGE.format(title="Transfer coded").encode())
    chunked = b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n"
    path = tmp_path / "crawl.warc"
    path.write_bytes(warc_record(_http(chunked, headers="Transfer-Encoding: gzip, chunked\r\n")))
    [item] = list(read_inputs([str(path)]))
    assert isinstance(item, Document) and isinstance(item.html, bytes)
    assert item.html.startswith(b"<html><head><title>Transfer coded</title>")


def test_a_record_with_lower_case_field_names_is_one_failure_and_the_next_is_read(tmp_path: Path) -> None:
    # FastWARC matches "WARC-Type" and "Content-Length" by exact case: the record was passed over unsaid, and the
    # page after it reported as "corrupt" at the wrong offset, and lost.
    odd = warc_record(_http(PAGE.format(title="Odd").encode()), uri="http://example.com/odd")
    odd = odd.replace(b"WARC-Type:", b"warc-type:").replace(b"Content-Length:", b"content-length:", 1)
    good = warc_record(_http(PAGE.format(title="Good").encode()), uri="http://example.com/good")
    path = tmp_path / "crawl.warc"
    path.write_bytes(odd + good)
    failure, document = list(read_inputs([str(path)]))
    assert isinstance(failure, Failure) and failure.url == "http://example.com/odd"
    assert failure.position == f"{path}@0" and "cannot read" in failure.message
    assert isinstance(document, Document) and document.url == "http://example.com/good"

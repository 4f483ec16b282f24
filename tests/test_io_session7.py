"""CSV the parser must not read leniently: an unclosed quote, a quote inside a quoted cell, more cells than the
header names, and the leniencies that lose no data (fewer cells, a quote inside an unquoted cell)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsclean import Document, Failure
from newsclean.io import CsvReader, KeyMap

ROW_TWO = "Second row with enough words in it for the cleaner to keep as an article."
ROW_THREE = "Third row with other words in it for the cleaner to keep as an article."


def _read(path: Path, content: str, **options: object) -> list[Document | Failure]:
    path.write_text(content, encoding="utf-8", newline="")
    return list(CsvReader(path, **options))  # type: ignore[arg-type]


def _kinds(items: list[Document | Failure]) -> list[str]:
    return [type(item).__name__ for item in items]


def test_an_unclosed_quote_is_a_failure_naming_its_line_not_text_swallowing_the_next_rows(tmp_path: Path) -> None:
    # Rows 2 and 3 became text inside row 1: "documents in: 1 … rejected: 0".
    items = _read(tmp_path / "bad.csv", f'id,text\n1,"unclosed quote here\n2,{ROW_TWO}\n3,{ROW_THREE}\n')
    assert _kinds(items) == ["Failure"]
    [failure] = items
    assert isinstance(failure, Failure) and failure.stage == "read" and failure.position == f"{tmp_path}/bad.csv:2"
    assert "opened on line 2 is never closed" in failure.message
    assert "the rest of the file (lines 2–4) is that one cell, and none of it is read" in failure.message


def test_an_unclosed_quote_after_good_rows_keeps_them(tmp_path: Path) -> None:
    content = f'id,text\n1,"{ROW_TWO}"\n2,"a quote ""inside"" and\na line break"\n3,"{ROW_THREE}\n4,never read\n'
    items = _read(tmp_path / "late.csv", content)
    assert _kinds(items) == ["Document", "Document", "Failure"]
    first, second, failure = items
    assert isinstance(first, Document) and first.text == ROW_TWO and first.source_id == "1"
    assert isinstance(second, Document) and second.text == 'a quote "inside" and\na line break'
    assert isinstance(failure, Failure) and "opened on line 5 is never closed" in failure.message
    assert "(lines 5–6)" in failure.message


def test_an_unclosed_quote_in_the_header_is_a_failure_naming_its_line(tmp_path: Path) -> None:
    items = _read(tmp_path / "header.csv", f'id,"text\n1,{ROW_TWO}\n')
    assert _kinds(items) == ["Failure"]
    assert isinstance(items[0], Failure) and "the header row" in items[0].message
    assert "opened on line 1 is never closed" in items[0].message


def test_quoted_cells_with_line_breaks_and_doubled_quotes_still_read(tmp_path: Path) -> None:
    page = '<html>\n<body class="story">\n<p>He said, "yes".</p>\n</body>\n</html>'
    quoted = page.replace('"', '""')
    items = _read(tmp_path / "good.csv", f'id,html,url\na,"{quoted}",https://e.example/a\nb,"<p>x</p>",\n')
    assert _kinds(items) == ["Document", "Document"]
    first, second = items
    assert isinstance(first, Document) and first.html == page and first.url == "https://e.example/a"
    assert first.position == f"{tmp_path}/good.csv:2"  # where the row starts
    assert isinstance(second, Document) and second.position == f"{tmp_path}/good.csv:7"


def test_a_quote_that_does_not_end_its_quoted_cell_is_a_failure_and_the_next_row_reads(tmp_path: Path) -> None:
    # Read leniently, '"He said "hi" to me"' became 'He said hi" to me"': quotes lost, the cell mangled.
    items = _read(tmp_path / "inner.csv", f'id,text\n1,"He said "hi" to me"\n2,{ROW_TWO}\n')
    assert _kinds(items) == ["Failure", "Document"]
    failure, document = items
    assert isinstance(failure, Failure) and failure.position == f"{tmp_path}/inner.csv:2"
    assert "row 1 (line 2)" in failure.message and 'written twice ("")' in failure.message
    assert isinstance(document, Document) and document.text == ROW_TWO and document.source_id == "2"


def test_a_refused_row_whose_quoted_cell_runs_on_takes_its_lines_with_it(tmp_path: Path) -> None:
    # The lines of a quoted cell after the point the parser refused it are no rows of their own: read as such,
    # "<p>Hello, world</p>" became a document of id "<p>Hello".
    content = f'id,html\n1,"<p class="x">\n<p>Hello, world</p>\n</p>"\n2,"<p>{ROW_TWO}</p>"\n'
    items = _read(tmp_path / "runs-on.csv", content)
    assert _kinds(items) == ["Failure", "Document"]
    failure, document = items
    assert isinstance(failure, Failure) and "lines 2–4" in failure.message
    assert isinstance(document, Document) and document.source_id == "2"
    assert document.position == f"{tmp_path}/runs-on.csv:5"


def test_a_row_with_more_cells_than_the_header_names_is_a_failure(tmp_path: Path) -> None:
    # An unquoted comma split the cell: ", world" was dropped and "Hello" cleaned as the whole text.
    items = _read(tmp_path / "wide.csv", f"id,text\n1,Hello, world\n2,{ROW_TWO}\n3,{ROW_THREE},,\n")
    assert _kinds(items) == ["Failure", "Document", "Document"]
    failure = items[0]
    assert isinstance(failure, Failure) and failure.source_id is None
    assert "row 1 (line 2) has 3 cells where the header names 2 columns" in failure.message
    assert "a cell holding ',' must be quoted" in failure.message
    assert isinstance(items[2], Document) and items[2].text == ROW_THREE  # empty cells past the header lose nothing


def test_a_tsv_row_with_more_cells_names_the_tab(tmp_path: Path) -> None:
    items = _read(tmp_path / "wide.tsv", "id\ttext\n1\tHello\tworld\n", delimiter="\t")
    assert isinstance(items[0], Failure) and "a cell holding a tab must be quoted" in items[0].message


def test_a_row_with_fewer_cells_has_the_others_empty_and_a_stray_quote_in_an_unquoted_cell_is_kept(
    tmp_path: Path,
) -> None:
    items = _read(tmp_path / "narrow.csv", f'id,text,url\n1,{ROW_TWO}\n2,The 5" screen sold out.,https://e.example\n')
    assert _kinds(items) == ["Document", "Document"]
    short, stray = items
    assert isinstance(short, Document) and (short.text, short.url) == (ROW_TWO, None)
    assert isinstance(stray, Document) and stray.text == 'The 5" screen sold out.'


def test_a_column_named_twice_that_the_keys_read_is_a_failure_for_the_file(tmp_path: Path) -> None:
    items = _read(tmp_path / "twice.csv", f"id,text,text\n1,{ROW_TWO},{ROW_THREE}\n")
    assert _kinds(items) == ["Failure"]
    assert isinstance(items[0], Failure) and items[0].position == f"{tmp_path}/twice.csv:1"
    assert "names column 'text' twice (columns 2 and 3)" in items[0].message


def test_a_column_named_twice_that_no_key_reads_is_harmless(tmp_path: Path) -> None:
    # pandas' to_csv writes the index as an unnamed column; other unnamed or unread columns may repeat.
    items = _read(tmp_path / "unread.csv", f",,tag,tag,text\n0,x,a,b,{ROW_TWO}\n", keys=KeyMap(text="text"))
    assert _kinds(items) == ["Document"]


def test_a_cell_over_the_parsers_bound_takes_its_lines_with_it(tmp_path: Path) -> None:
    # The csv module's own bound refuses the cell mid-way; its remaining lines were read as rows of their own.
    import csv

    cell = "\n".join(["<p>a, b</p>"] * 600)
    path = tmp_path / "huge.csv.gz"
    path.write_bytes(gzip.compress(f'id,html\n1,"{cell}"\n2,"<p>{ROW_TWO}</p>"\n'.encode()))
    previous = csv.field_size_limit(4096)  # process-wide: restored below
    try:
        items = list(CsvReader(path, max_cell_chars=1024))
    finally:
        csv.field_size_limit(previous)
    assert _kinds(items) == ["Failure", "Document"]
    assert isinstance(items[0], Failure) and "lines 2–601" in items[0].message
    assert isinstance(items[1], Document) and items[1].source_id == "2"


@pytest.mark.timeout(120)
def test_the_cli_rejects_the_unclosed_quote_row(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsclean.cli import main

    path = tmp_path / "bad.csv"
    path.write_text(f'id,text\n1,"unclosed quote here\n2,{ROW_TWO}\n3,{ROW_THREE}\n', newline="")
    output = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["clean", str(path), "-o", str(output), "--workers", "1"])
    assert not output.exists() or output.read_text() == ""
    [reject] = [json.loads(line) for line in (tmp_path / "out.rejects.jsonl").read_text().splitlines()]
    assert reject["stage"] == "read" and "never closed" in reject["message"], result.output


def test_readers_take_keys_as_a_mapping_too(tmp_path: Path) -> None:
    # As the scale-out adapters do: a dict was taken and then failed as "'dict' object has no attribute …".
    items = _read(tmp_path / "keys.csv", f"doc,body\nd1,{ROW_TWO}\n", keys={"id": "doc", "text": "body"})
    assert [(item.source_id, item.text) for item in items if isinstance(item, Document)] == [("d1", ROW_TWO)]
    with pytest.raises(TypeError, match="keys has no field 'body'"):
        CsvReader(tmp_path / "keys.csv", keys={"body": "text"})

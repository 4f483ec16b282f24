"""Faults a robustness audit found in the scale-out adapters, the Parquet writer and the CSV and Parquet readers:
cells Python cannot hold (a timestamp in year 10000), a corrupt row group, damaged pages of newsclean's own Parquet
output, columns named twice, blank lines before a CSV header, and missing packages; each fails on the code before
its fix."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import newsclean
from newsclean import Failure
from newsclean.integrations.table import clean_pandas, clean_table, output_schema, pipeline_settings, worker_pipeline
from newsclean.io import CsvReader, ParquetReader, open_writer

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

PARAGRAPH = "The council met on Tuesday and voted on the budget for the coming year after a long debate. "
#: 10000-01-01T00:00:00 in microseconds: a valid Arrow timestamp that no Python datetime can hold.
YEAR_10000_US = 253402300800 * 10**6


def page(number: int) -> str:
    return f"<html><body><article><p>Story {number}. {PARAGRAPH * 6}</p></article></body></html>"


def pipeline() -> Any:
    return worker_pipeline(pipeline_settings())


def kinds(items: list[Any]) -> list[str]:
    return [type(item).__name__ for item in items]


# Cells that cannot become Python values: one row fails, not the file or the batch.


def year_10000_table() -> Any:
    stamps = pa.array([1709985600 * 10**6, YEAR_10000_US, None], pa.timestamp("us"))
    return pa.table({"id": ["a", "b", "c"], "html": [page(0), page(1), page(2)], "fetched_at": stamps})


def test_parquet_row_with_a_timestamp_python_cannot_hold_is_one_failure(tmp_path: Path) -> None:
    # to_pylist raised OverflowError for the whole batch, which the reader did not catch: the run crashed.
    path = tmp_path / "pages.parquet"
    pq.write_table(year_10000_table(), path)
    items = list(ParquetReader(path))
    assert kinds(items) == ["Document", "Failure", "Document"]
    assert [item.source_id for item in (items[0], items[2])] == ["a", "c"]
    failure = items[1]
    assert failure.position == f"{path}[1]"
    assert "column 'fetched_at' holds a value that cannot be read" in failure.message
    assert "OverflowError" in failure.message


def test_clean_table_row_with_a_timestamp_python_cannot_hold_is_a_failure_row() -> None:
    # The whole batch raised (an adapter's task failed, and Ray or Spark retried it to the same end).
    rows = clean_table(year_10000_table(), pipeline()).to_pylist()
    assert [row["failure"] is None for row in rows] == [True, False, True]
    assert rows[1]["failure"]["position"] == "row 1" and "fetched_at" in rows[1]["failure"]["message"]


# Parquet files with damage.


def test_a_corrupt_row_group_loses_its_rows_only(tmp_path: Path) -> None:
    # Read as one stream, the damaged second row group (read ahead) lost every row: one failure at row 0.
    pages = [f"<html><body><article><p>Story {n} {PARAGRAPH * 50}</p></article></body></html>" for n in range(30)]
    sink = io.BytesIO()
    table = pa.table({"id": [f"d{n}" for n in range(30)], "html": pages})
    pq.write_table(table, sink, row_group_size=10, use_dictionary=False)
    data = bytearray(sink.getvalue())
    chunk = pq.ParquetFile(io.BytesIO(bytes(data))).metadata.row_group(1).column(1)
    middle = chunk.data_page_offset + chunk.total_compressed_size // 2
    data[middle : middle + 16] = bytes(byte ^ 0xFF for byte in data[middle : middle + 16])
    path = tmp_path / "damaged.parquet"
    path.write_bytes(bytes(data))
    items = list(ParquetReader(path))
    assert kinds(items) == ["Document"] * 10 + ["Failure"] + ["Document"] * 10
    assert [item.source_id for item in items if not isinstance(item, Failure)] == [
        f"d{n}" for n in (*range(10), *range(20, 30))
    ]
    assert items[10].position == f"{path}[10]" and "row group 1: rows 10–19 are not read" in items[10].message
    assert items[11].position == f"{path}[20]"


def test_damage_to_a_page_of_parquet_output_is_a_failure_not_other_text(tmp_path: Path) -> None:
    # Snappy stores incompressible text as it is and checks nothing: a flipped bit read back as other text.
    marker = "".join(f"{n:x}q{n * 7919 % 9973:x}" for n in range(60))
    article = newsclean.Pipeline().run(
        newsclean.Document(html=f"<article><p>{PARAGRAPH} {marker} {PARAGRAPH}</p></article>", source_id="x")
    )
    path = tmp_path / "clean.parquet"
    writer = open_writer(path)
    writer.write(newsclean.to_json(article))
    writer.close()
    data = bytearray(path.read_bytes())
    data[data.index(marker[100:140].encode())] ^= 1
    path.write_bytes(bytes(data))
    (item,) = list(ParquetReader(path))
    assert isinstance(item, Failure) and "CRC" in item.message


# A column named twice: which holds the value cannot be told (CSV already refused it).


def test_parquet_naming_a_read_column_twice_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "twice.parquet"
    pq.write_table(pa.Table.from_arrays([pa.array([page(0)]), pa.array([page(1)])], names=["html", "html"]), path)
    (item,) = list(ParquetReader(path))
    assert isinstance(item, Failure) and item.position == str(path)
    assert "names column 'html' twice (columns 1 and 2)" in item.message


def test_tables_naming_a_read_column_twice_give_failure_rows() -> None:
    pd = pytest.importorskip("pandas")
    arrow = pa.Table.from_arrays(
        [pa.array(["a", "b"]), pa.array([page(0), page(1)]), pa.array(["<p>x</p>"] * 2)], names=["id", "html", "html"]
    )
    rows = clean_table(arrow, pipeline()).to_pylist()
    assert [row["source_id"] for row in rows] == ["a", "b"]
    assert all("names column 'html' twice" in row["failure"]["message"] for row in rows)
    frame = pd.DataFrame([["a", page(0), "<p>x</p>"]], columns=["id", "html", "html"])
    (row,) = clean_pandas(frame, pipeline()).to_dict("records")
    assert row["source_id"] == "a" and "names column 'html' twice" in row["failure"]["message"]
    # Columns no key reads may repeat (pandas' unnamed index columns, say).
    extra = pa.Table.from_arrays([pa.array([page(0)]), pa.array([1]), pa.array([2])], names=["html", "n", "n"])
    assert clean_table(extra, pipeline()).column("failure").to_pylist() == [None]


# CSV.


def test_blank_lines_before_a_csv_header_are_skipped(tmp_path: Path) -> None:
    # The first blank line was taken for the header: the whole file was "no rows".
    path = tmp_path / "pages.csv"
    path.write_bytes(b"\n\r\nid,html\na,<p>x</p>\nb,<p>y</p>\n")
    items = list(CsvReader(path))
    assert [(type(item).__name__, item.source_id, item.position) for item in items] == [
        ("Document", "a", f"{path}:4"),
        ("Document", "b", f"{path}:5"),
    ]
    path.write_bytes(b"\n\nhtml,html\n<p>a</p>,<p>b</p>\n")
    (failure,) = list(CsvReader(path))
    assert isinstance(failure, Failure) and failure.position == f"{path}:3" and "twice" in failure.message


# Missing packages and wrong frames: a clear error naming what to install or pass.


def test_adapters_without_pyarrow_name_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsclean.integrations.ray import Cleaner

    monkeypatch.setitem(sys.modules, "pyarrow", None)
    for call in (output_schema, Cleaner, lambda: clean_table(object(), pipeline())):
        with pytest.raises(ImportError, match=r"pip install 'newsclean\[parquet\]'"):
            call()


def test_spark_adapter_without_pyspark_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsclean.integrations.spark import clean_dataframe

    for name in ("pyspark", "pyspark.sql", "pyspark.sql.pandas", "pyspark.sql.pandas.types"):
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(ImportError, match=r"pip install 'newsclean\[spark\]'"):
        clean_dataframe(object())


def test_adapters_refuse_a_frame_of_another_kind_with_a_type_error() -> None:
    pd = pytest.importorskip("pandas")
    from newsclean.integrations.dask import clean_frame

    frame = pd.DataFrame({"html": [page(0)]})
    with pytest.raises(TypeError, match=r"frame must be a dask\.dataframe\.DataFrame, not DataFrame"):
        clean_frame(frame)  # was AttributeError: 'DataFrame' object has no attribute '_meta'
    with pytest.raises(TypeError, match="frame must be a pandas DataFrame, not Table"):
        clean_pandas(pa.table({"html": [page(0)]}), pipeline())
    if "pyspark" in sys.modules or _importable("pyspark"):
        from newsclean.integrations.spark import clean_dataframe

        with pytest.raises(TypeError, match=r"frame must be a pyspark\.sql\.DataFrame, not DataFrame"):
            clean_dataframe(frame)


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


# The distributed path, on a real local engine.


@pytest.fixture(scope="module")
def one_cpu_ray() -> Iterator[Any]:
    ray = pytest.importorskip("ray", reason="Ray is not installed: pip install 'newsclean[ray]'")
    pytest.importorskip("ray.data", reason="ray[data] is not installed: pip install 'newsclean[ray]'")
    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        yield ray
    finally:
        ray.shutdown()


@pytest.mark.timeout(120)
def test_ray_batch_with_a_cell_python_cannot_hold_keeps_its_other_rows(one_cpu_ray: Any) -> None:
    from newsclean.integrations.ray import Cleaner

    cleaned = one_cpu_ray.data.from_arrow(year_10000_table()).map_batches(
        Cleaner, batch_format="pyarrow", batch_size=3, compute=one_cpu_ray.data.ActorPoolStrategy(size=1), num_cpus=1
    )
    rows = cleaned.take_all()
    assert [(row["source_id"], row["failure"] is None) for row in rows] == [("a", True), ("b", False), ("c", True)]


def test_parquet_resume_removes_stray_files_in_its_parts_folder(tmp_path: Path) -> None:
    # A name of another form in OUTPUT.parts (a copy, an editor's file) raised IndexError on resuming.
    pipeline_ = newsclean.Pipeline()
    records = [
        newsclean.to_json(
            pipeline_.run(newsclean.Document(html=f"<article><p>{PARAGRAPH}</p></article>", source_id=f"r{n}"))
        )
        for n in range(3)
    ]
    path = tmp_path / "clean.parquet"
    writer = open_writer(path)
    writer.write(records[0])
    checkpoint = writer.commit()
    parts = tmp_path / "clean.parquet.parts"
    for name in ("notes.parquet", "part-000001.tmp", "part-000001.parquet", "part-00000 (copy).parquet"):
        (parts / name).write_bytes(b"PAR1 not a part")
    resumed = open_writer(path, resume_at=checkpoint)
    for record in records[1:]:
        resumed.write(record)
    resumed.close()
    assert [row["source_id"] for row in pq.read_table(path).to_pylist()] == ["r0", "r1", "r2"]
    assert not parts.exists()


def test_parquet_parts_are_flushed_and_a_damaged_one_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A part was renamed into place unflushed: after a power loss the checkpoint counted a part with no rows, and
    # joining the parts raised a pyarrow error naming no file.
    import os

    from newsclean._exceptions import InputError

    record = newsclean.to_json(
        newsclean.Pipeline().run(newsclean.Document(html=f"<article><p>{PARAGRAPH}</p></article>", source_id="r"))
    )
    flushed: list[int] = []  # the inodes of the files flushed
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (flushed.append(os.fstat(fd).st_ino), real_fsync(fd)))
    path = tmp_path / "clean.parquet"
    writer = open_writer(path)
    writer.write(record)
    checkpoint = writer.commit()
    part = tmp_path / "clean.parquet.parts" / "part-000000.parquet"
    assert part.stat().st_ino in flushed
    part.write_bytes(b"")  # what a power loss left
    resumed = open_writer(path, resume_at=checkpoint)
    with pytest.raises(InputError, match=r"part-000000\.parquet, a part of the interrupted run's output, is damaged"):
        resumed.close()

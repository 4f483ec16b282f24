"""The Dask and Spark adapters on real local engines, compared with the single-process result."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from _scaleout import KEYS, assert_rows_match_single_process, records

from newsclean.integrations.table import pipeline_settings
from newsclean.io import KeyMap

pytest.importorskip("pyarrow")


def _rows(frame: Any) -> list[dict[str, Any]]:
    import pyarrow as pa

    from newsclean.integrations.table import output_schema

    return pa.Table.from_pandas(frame, schema=output_schema(), preserve_index=False).to_pylist()  # type: ignore[no-any-return]


@pytest.mark.timeout(120)
def test_dask_map_partitions_in_worker_processes_equals_single_process() -> None:
    dd = pytest.importorskip("dask.dataframe", reason="dask is not installed: pip install 'newsclean[dask]'")
    import pandas as pd

    from newsclean.integrations.dask import clean_frame

    dump = records()
    frame = dd.from_pandas(pd.DataFrame(dump), npartitions=3)
    cleaned = clean_frame(frame, keys=KEYS).compute(scheduler="processes", num_workers=2)
    assert list(cleaned["source_id"]) == [row["doc"] for row in dump]  # input order is kept
    assert_rows_match_single_process(_rows(cleaned), dump)


@pytest.mark.timeout(120)
def test_dask_frame_from_parquet_keeps_header_pairs_and_integer_ids(tmp_path: Any) -> None:
    dd = pytest.importorskip("dask.dataframe", reason="dask is not installed: pip install 'newsclean[dask]'")
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newsclean.integrations.dask import clean_frame

    paragraph = "The council met and voted on the budget. " * 20
    page = f"<html><body><article><p>{paragraph}</p></article></body></html>"
    # Header pairs come out of Parquet as numpy arrays, and an id column with a gap as floats (7.0, NaN).
    table = pa.table(
        {
            "id": [7, None],
            "html": [page, page],
            "headers": [[["Content-Type", "text/html; charset=utf-8"]], None],
        }
    )
    pq.write_table(table, tmp_path / "pages.parquet")
    frame = clean_frame(dd.read_parquet(tmp_path / "pages.parquet"))
    rows = _rows(frame.compute(scheduler="synchronous"))
    assert [row["failure"] for row in rows] == [None, None]
    assert rows[0]["source_id"] == "7"


@pytest.mark.timeout(120)
def test_dask_partitions_with_failures_keep_the_declared_column_types(tmp_path: Any) -> None:
    dd = pytest.importorskip("dask.dataframe", reason="dask is not installed: pip install 'newsclean[dask]'")
    import pandas as pd

    from newsclean.integrations.dask import clean_frame, output_schema

    paragraph = "The council met and voted on the budget. " * 20
    pages = pd.DataFrame({"html": [f"<p>{paragraph}</p>", None, f"<p>{paragraph}</p>", None]})
    frame = clean_frame(dd.from_pandas(pages, npartitions=2))
    # A failure row has no word count: its partition must not turn the declared integer column into float64
    # (Dask trusts the declared types, and Arrow then refuses to write the partitions under one schema).
    computed = frame.compute(scheduler="synchronous")
    assert computed.dtypes.equals(frame.dtypes)
    assert computed["word_count"].isna().tolist() == [False, True, False, True]
    frame.to_parquet(tmp_path / "out", schema=output_schema(), compute_kwargs={"scheduler": "synchronous"})
    assert pd.read_parquet(tmp_path / "out")["word_count"].dropna().gt(0).all()


@pytest.fixture(scope="module")
def local_spark() -> Iterator[Any]:
    pytest.importorskip("pyspark", reason="pyspark is not installed: pip install 'newsclean[spark]'")
    if shutil.which("java") is None:
        pytest.skip("Spark needs a Java runtime on PATH")
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("newsclean-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    try:
        yield spark
    finally:
        spark.stop()


@pytest.mark.timeout(300)
def test_spark_map_in_pandas_equals_single_process(local_spark: Any) -> None:
    from newsclean.integrations.spark import clean_dataframe

    dump = records()
    frame = local_spark.createDataFrame(dump).repartition(3)
    cleaned = clean_dataframe(frame, keys=KEYS).toPandas()
    assert_rows_match_single_process(_rows(cleaned), dump)


def test_missing_cells_of_a_frame_are_missing_not_the_string_nan() -> None:
    # A frame read from CSV or Parquet holds NaN where a cell is empty: no URL, no page, not "nan".
    pd = pytest.importorskip("pandas")

    from newsclean.integrations.table import clean_pandas, worker_pipeline

    dump = records()[:2]
    frame = pd.DataFrame(dump)
    frame.loc[0, "link"] = float("nan")
    frame.loc[1, "content"] = float("nan")
    cleaned = clean_pandas(frame, worker_pipeline(pipeline_settings()), KeyMap(**KEYS))
    first, second = cleaned.to_dict(orient="records")
    assert first["failure"] is None and pd.isna(first["url"]) and first["source_id"] == "doc-0"
    assert second["failure"]["error"] == "MissingKey" and second["url"] == "https://news.example/1"


def test_a_binary_column_of_pages_is_decoded_as_fetched_pages_are() -> None:
    # Parquet and Arrow tables often hold the raw page in a binary column; it used to be refused as "not a string".
    pa = pytest.importorskip("pyarrow")
    from newsclean.integrations.table import clean_table, worker_pipeline

    sentence = "Le café du coin — ouvert depuis 1890, toujours à la même adresse, selon la mairie du quartier."
    page = f"<html><body><article><p>{sentence}</p><p>{sentence}</p></article></body></html>"
    table = pa.table(
        {
            "id": ["utf-8", "labelled", "dump"],
            "html": [page.encode(), page.encode("cp1252"), None],
            "text": [None, None, f"Le café\n{sentence}".encode("cp1252")],
            "headers": [None, {"Content-Type": "text/html; charset=windows-1252"}, None],
        }
    )
    rows = clean_table(table, worker_pipeline(pipeline_settings())).to_pylist()
    assert [row["failure"] for row in rows] == [None, None, None]
    assert [(row["encoding"], row["encoding_source"]) for row in rows] == [
        ("utf-8", "utf-8-valid"),
        ("windows-1252", "http-header"),
        ("windows-1252", "detected"),
    ]
    assert all(sentence in row["text"] for row in rows)


def test_clean_table_takes_keys_as_a_mapping_as_the_adapters_do() -> None:
    # The docs' keys={"html": "content", …} crashed clean_table: 'dict' object has no attribute 'id'.
    pa = pytest.importorskip("pyarrow")
    pd = pytest.importorskip("pandas")
    from newsclean.integrations.table import clean_pandas, clean_table, worker_pipeline

    dump = records()[:2]
    pipeline = worker_pipeline(pipeline_settings())
    as_keymap = clean_table(pa.Table.from_pylist(dump), pipeline, KeyMap(**KEYS)).to_pylist()
    as_dict = clean_table(pa.Table.from_pylist(dump), pipeline, KEYS).to_pylist()
    assert as_dict == as_keymap and [row["source_id"] for row in as_dict] == ["doc-0", "doc-1"]
    assert [row["failure"] for row in as_dict] == [None, None]
    frame = clean_pandas(pd.DataFrame(dump), pipeline, dict(KEYS, title=None))
    assert list(frame["source_id"]) == ["doc-0", "doc-1"]


@pytest.mark.parametrize(
    ("keys", "complaint"),
    [
        ("content", "keys must be a newsclean.io.KeyMap, a mapping such as {'html': 'content'} or None, not str"),
        ([("html", "content")], "not list"),
        ({"page": "content"}, "keys has no field 'page' (the fields are html, text, url, id, title, headers,"),
        ({"html": 3}, "keys['html'] must be a column name (a str) or None, not int"),
    ],
)
def test_clean_table_refuses_other_keys_with_a_type_error_that_says_what_it_takes(keys: Any, complaint: str) -> None:
    pa = pytest.importorskip("pyarrow")
    from newsclean.integrations.table import clean_table, worker_pipeline

    with pytest.raises(TypeError) as raised:
        clean_table(pa.Table.from_pylist(records()[:1]), worker_pipeline(pipeline_settings()), keys)
    assert complaint in str(raised.value)

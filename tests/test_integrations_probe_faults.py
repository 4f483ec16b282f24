"""Faults a probe found in the scale-out adapters: timestamp and date columns (pandas, Arrow, Spark), the Dask
output's index, and the ids of rows that have none or a float one; each on the real engine where it matters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from test_dask_spark import local_spark  # noqa: F401  (a module-scoped fixture: one Spark for this module)
from test_ray import local_ray  # noqa: F401  (the same for Ray: ray.init(num_cpus=2))

from newsclean.integrations.table import clean_pandas, clean_records, clean_table, pipeline_settings, worker_pipeline

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pd = pytest.importorskip("pandas")

PARAGRAPH = "The council met on Tuesday and voted on the budget for the coming year after a long debate. "
NOON = "2024-03-09T12:00:00+00:00"


def page(number: int) -> str:
    return f"<html><body><article><p>Story {number}. {PARAGRAPH * 6}</p></article></body></html>"


def pipeline() -> Any:
    return worker_pipeline(pipeline_settings())


def test_clean_pandas_reads_timestamp_columns_as_pandas_and_parquet_give_them(tmp_path: Any) -> None:
    aware = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "html": [page(0), page(1), page(2)],
            # pd.read_json gives this from ISO text; NaT where a record has none
            "fetched_at": pd.to_datetime(["2024-03-09T12:00:00Z", None, "2024-03-09T13:00:00+01:00"], utc=True),
        }
    )
    rows = clean_pandas(aware, pipeline()).to_dict("records")
    assert [row["failure"] for row in rows] == [None, None, None]
    assert [None if pd.isna(row["fetched_at"]) else row["fetched_at"] for row in rows] == [NOON, None, NOON]
    # A Parquet timestamp column without a zone (pd.read_parquet: datetime64[ms]) is UTC, as crawls store it.
    pq.write_table(
        pa.table({"id": ["a"], "html": [page(0)], "fetched_at": pa.array([1709985600], pa.timestamp("s"))}),
        tmp_path / "pages.parquet",
    )
    (row,) = clean_pandas(pd.read_parquet(tmp_path / "pages.parquet"), pipeline()).to_dict("records")
    assert row["failure"] is None and row["fetched_at"] == NOON


def test_clean_table_reads_a_date_column_as_midnight_utc_and_nanosecond_timestamps() -> None:
    table = pa.table(
        {
            "id": ["dated", "stamped"],
            "html": [page(0), page(1)],
            "crawl_date": pa.array([dt.date(2024, 3, 9), None], pa.date32()),
            "fetched_at": pa.array([None, 1709985600_123456789], pa.timestamp("ns", tz="UTC")),
        }
    )
    rows = clean_table(table, pipeline()).to_pylist()
    assert [row["failure"] for row in rows] == [None, None]
    assert [row["fetched_at"] for row in rows] == ["2024-03-09T00:00:00+00:00", "2024-03-09T12:00:00.123456+00:00"]


def test_rows_without_an_id_have_none_and_float_ids_read_alike_on_both_paths() -> None:
    table = pa.table({"id": pa.array([None, 0.0, 7.0, 7.5], pa.float64()), "html": [page(n) for n in range(4)]})
    arrow = clean_table(table, pipeline()).column("source_id").to_pylist()
    pandas = list(clean_pandas(table.to_pandas(), pipeline())["source_id"])
    # No id is no id: not the row's place in its batch, which another row's real id "0" would collide with.
    assert arrow == [None, "0", "7", "7.5"]
    assert [None if pd.isna(value) else value for value in pandas] == arrow
    split = [
        row["source_id"]
        for part in (table.slice(0, 2), table.slice(2))
        for row in clean_table(part, pipeline()).to_pylist()
    ]
    assert split == arrow


def test_an_item_that_is_not_a_mapping_is_a_failure_row() -> None:
    rows = clean_records([[("html", page(0))], "<p>a page</p>", None, {"id": "fine", "html": page(1)}], pipeline())
    assert [row["failure"] and (row["failure"]["stage"], row["failure"]["error"]) for row in rows] == [
        ("read", "InputError"),
        ("read", "InputError"),
        ("read", "InputError"),
        None,
    ]
    assert rows[0]["failure"]["message"] == "row is a list, not a mapping"
    assert [row["failure"] and row["failure"]["position"] for row in rows[:3]] == ["row 0", "row 1", "row 2"]


@pytest.mark.timeout(120)
def test_dask_output_keeps_the_input_index() -> None:
    dd = pytest.importorskip("dask.dataframe", reason="dask is not installed: pip install 'newsclean[dask]'")
    from newsclean.integrations.dask import clean_frame

    source = pd.DataFrame(
        {"id": [f"doc{n}" for n in range(6)], "html": [page(n) for n in range(6)], "batch": range(6)},
        index=[f"k{n}" for n in range(6)],
    )
    frame = dd.from_pandas(source, npartitions=2)
    cleaned = clean_frame(frame)
    computed = cleaned.compute(scheduler="synchronous")
    assert list(computed.index) == list(source.index)
    assert computed.index.dtype == cleaned._meta.index.dtype
    assert cleaned.loc["k4", "source_id"].compute(scheduler="synchronous").tolist() == ["doc4"]
    both = dd.concat([frame[["id", "batch"]], cleaned[["source_id"]]], axis=1).compute(scheduler="synchronous")
    assert list(both["id"]) == list(both["source_id"]) and len(both) == 6


@pytest.mark.timeout(180)
def test_ray_batches_with_timestamps_and_no_ids(local_ray: None) -> None:  # noqa: F811
    ray = pytest.importorskip("ray")
    from newsclean.integrations.ray import Cleaner

    table = pa.table(
        {
            "html": [page(n) for n in range(6)],
            "fetched_at": pa.array([1709985600_000000000] * 6, pa.timestamp("ns")),  # to_pylist: pandas Timestamps
        }
    )
    cleaned = ray.data.from_arrow(table).map_batches(
        Cleaner, batch_format="pyarrow", batch_size=2, concurrency=1, num_cpus=1
    )
    rows = cleaned.take_all()
    assert len(rows) == 6 and [row["failure"] for row in rows] == [None] * 6
    assert {row["fetched_at"] for row in rows} == {NOON}
    assert [row["source_id"] for row in rows] == [None] * 6  # not 0, 1, 0, 1, 0, 1


@pytest.mark.timeout(300)
def test_spark_timestamp_and_date_columns_are_read(local_spark: Any) -> None:  # noqa: F811
    from pyspark.sql.functions import lit, to_date, to_timestamp

    from newsclean.integrations.spark import clean_dataframe

    # mapInPandas hands timestamps over as the session time zone's wall-clock time, without the zone: read as
    # UTC, 12:00 UTC came out as 07:00.
    local_spark.conf.set("spark.sql.session.timeZone", "America/New_York")
    rows = [{"id": f"d{n}", "html": page(n), "fetched_at": "2024-03-09T12:00:00Z"} for n in range(4)]
    frame = local_spark.createDataFrame(rows).withColumn("fetched_at", to_timestamp("fetched_at"))
    frame = frame.withColumn("crawl_date", to_date(lit("2024-03-09")))
    stamped = clean_dataframe(frame).select("source_id", "fetched_at", "failure").toPandas()
    assert stamped["failure"].isna().all() and list(stamped["fetched_at"]) == [NOON] * 4
    dated = clean_dataframe(frame.drop("fetched_at")).select("fetched_at", "failure").toPandas()
    assert dated["failure"].isna().all() and list(dated["fetched_at"]) == ["2024-03-09T00:00:00+00:00"] * 4

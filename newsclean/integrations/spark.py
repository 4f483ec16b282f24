"""Spark: clean a ``pyspark.sql.DataFrame`` of scraped pages with ``mapInPandas`` (needs ``pyspark`` and
``pyarrow`` on the cluster).

>>> from newsclean.integrations.spark import clean_dataframe                               # doctest: +SKIP
>>> frame = spark.read.json("s3://bucket/dump/")                                           # doctest: +SKIP
>>> clean_dataframe(frame, keys={"html": "content"}).write.parquet("s3://bucket/clean/")   # doctest: +SKIP

One output row per input row, with the columns of ``output_schema()``; a row that could not be cleaned has its
``failure`` column set. Each Python worker compiles the rule packs once and reuses them across partitions.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .._limits import Limits
from ..batch._worker import PipelineSettings
from ..io import KeyMap
from ..io._keys import KeysArg
from .table import clean_pandas, key_map, output_schema, pipeline_settings, worker_pipeline

__all__ = ["clean_dataframe", "output_schema"]


def clean_dataframe(
    frame: Any,
    *,
    keys: KeysArg = None,
    rules: Any = None,
    limits: Limits | Mapping[str, Any] | None = None,
    require_content: bool = False,
    read_app_state: bool = True,
) -> Any:
    """A lazy Spark DataFrame of cleaned rows; nothing runs until an action or a write."""
    try:
        from pyspark.sql.pandas.types import from_arrow_schema
    except ImportError as exc:
        raise ImportError("clean_dataframe needs pyspark: pip install 'newsclean[spark]'") from exc
    if not hasattr(frame, "mapInPandas"):
        raise TypeError(f"frame must be a pyspark.sql.DataFrame, not {type(frame).__name__}")

    settings = pipeline_settings(
        rules=rules, limits=limits, require_content=require_content, read_app_state=read_app_state
    )
    keymap = key_map(keys)

    def clean_partition(frames: Iterator[Any]) -> Iterator[Any]:
        return _clean_frames(frames, settings, keymap)

    return _with_zoned_timestamps(frame).mapInPandas(clean_partition, schema=from_arrow_schema(output_schema()))


def _with_zoned_timestamps(frame: Any) -> Any:
    """``frame`` with each timestamp column as ISO 8601 text with its UTC offset.

    ``mapInPandas`` hands a timestamp over as the wall-clock time of the session's time zone, without the zone,
    and newsclean takes a time without a zone to be UTC (what crawl records store): a fetch time would be off by
    the session's offset. The text keeps the instant. Timestamps without a zone (``TIMESTAMP_NTZ``) stay as they
    are."""
    from pyspark.sql.functions import col, date_format
    from pyspark.sql.types import TimestampType

    for field in frame.schema.fields:
        if isinstance(field.dataType, TimestampType):
            frame = frame.withColumn(field.name, date_format(col(f"`{field.name}`"), "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX"))
    return frame


def _clean_frames(frames: Iterator[Any], settings: PipelineSettings, keys: KeyMap) -> Iterator[Any]:
    pipeline = worker_pipeline(settings)
    for part in frames:
        yield clean_pandas(part, pipeline, keys)

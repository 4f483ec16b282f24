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
    from pyspark.sql.pandas.types import from_arrow_schema

    settings = pipeline_settings(
        rules=rules, limits=limits, require_content=require_content, read_app_state=read_app_state
    )
    keymap = key_map(keys)

    def clean_partition(frames: Iterator[Any]) -> Iterator[Any]:
        return _clean_frames(frames, settings, keymap)

    return frame.mapInPandas(clean_partition, schema=from_arrow_schema(output_schema()))


def _clean_frames(frames: Iterator[Any], settings: PipelineSettings, keys: KeyMap) -> Iterator[Any]:
    pipeline = worker_pipeline(settings)
    for part in frames:
        yield clean_pandas(part, pipeline, keys)

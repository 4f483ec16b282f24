"""Dask: clean a ``dask.dataframe.DataFrame`` of scraped pages with ``map_partitions`` (needs ``dask[dataframe]``
and ``pyarrow``).

>>> import dask.dataframe as dd                                                            # doctest: +SKIP
>>> from newsclean.integrations.dask import clean_frame                                    # doctest: +SKIP
>>> from newsclean.integrations.table import output_schema                                 # doctest: +SKIP
>>> frame = dd.read_json("s3://bucket/dump/*.jsonl", lines=True, dtype=False)              # doctest: +SKIP
>>> cleaned = clean_frame(frame, keys={"html": "content", "url": "link"})                  # doctest: +SKIP
>>> cleaned.to_parquet("s3://bucket/clean/", schema=output_schema())                       # doctest: +SKIP

One output row per input row, in the same order and under the same index label, with the columns of
``output_schema()``; a row that could not be cleaned has its ``failure`` column set. Each worker process compiles
the rule packs once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._limits import Limits
from ..batch._worker import PipelineSettings
from ..io import KeyMap
from ..io._keys import KeysArg
from .table import as_pandas, clean_pandas, key_map, output_schema, pipeline_settings, worker_pipeline

__all__ = ["clean_frame", "output_schema"]


def clean_frame(
    frame: Any,
    *,
    keys: KeysArg = None,
    rules: Any = None,
    limits: Limits | Mapping[str, Any] | None = None,
    require_content: bool = False,
    read_app_state: bool = True,
) -> Any:
    """A lazy Dask DataFrame of cleaned rows; nothing runs until it is computed or written."""
    if not hasattr(frame, "map_partitions"):
        raise TypeError(
            f"frame must be a dask.dataframe.DataFrame, not {type(frame).__name__}"
            " (a pandas DataFrame goes to newsclean.integrations.table.clean_pandas)"
        )
    settings = pipeline_settings(
        rules=rules, limits=limits, require_content=require_content, read_app_state=read_app_state
    )
    meta = as_pandas(output_schema().empty_table())
    meta.index = frame._meta.index  # each partition keeps its input's index (clean_pandas), so its type too
    return frame.map_partitions(_clean_partition, settings, key_map(keys), meta=meta)


def _clean_partition(part: Any, settings: PipelineSettings, keys: KeyMap) -> Any:
    return clean_pandas(part, worker_pipeline(settings), keys)

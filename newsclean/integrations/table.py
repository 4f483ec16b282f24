"""The pure batch function behind every scale-out recipe: a table of records in, a table of Articles out.

One output row per input row, in the same order. A row that could not be cleaned has its ``failure`` column
set (stage, error, message, position) and the article columns null, so nothing is dropped silently:
``table.filter(pc.is_null(table["failure"]))`` keeps the articles, the rest are the rejects. ``position`` is
the row within the table handed in (a batch or partition under Ray, Dask and Spark): map ``id`` to find a row.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Mapping
from typing import Any

import msgspec

from .._limits import Limits
from .._models import Article, Failure
from .._pipeline import Pipeline
from ..batch._worker import PipelineSettings, clean_one
from ..io import article_row, article_schema
from ..io._keys import KeysArg, as_key_map
from ..io._records import document_from_record

_ARTICLE = msgspec.json.Decoder(Article)
_FAILURE = msgspec.json.Decoder(Failure)
FAILURE_FIELDS = ("stage", "error", "message", "position")


def pipeline_settings(
    *,
    rules: Any = None,
    limits: Limits | Mapping[str, Any] | None = None,
    require_content: bool = False,
    read_app_state: bool = True,
) -> PipelineSettings:
    """The picklable recipe for a worker's Pipeline, from the keyword arguments every adapter accepts."""
    resolved = limits if isinstance(limits, Limits) else Limits(**dict(limits or {}))
    return PipelineSettings(
        rules=rules, limits=resolved, require_content=require_content, read_app_state=read_app_state
    )


key_map = as_key_map  # the adapters' name for it


_WORKER_PIPELINE: dict[bytes, Pipeline] = {}


def worker_pipeline(settings: PipelineSettings) -> Pipeline:
    """This process's Pipeline for ``settings``, built (rules compiled) on first use and then reused.

    Dask and Spark ship the function to every task; without this, each partition would compile the rule packs
    again. Only the latest settings are kept, so a long-lived worker holds one Pipeline.
    """
    key = pickle.dumps(settings)
    pipeline = _WORKER_PIPELINE.get(key)
    if pipeline is None:
        _WORKER_PIPELINE.clear()
        pipeline = _WORKER_PIPELINE[key] = settings.build()
    return pipeline


def output_schema() -> Any:
    import pyarrow as pa

    failure = pa.struct([(name, pa.string()) for name in FAILURE_FIELDS])
    return article_schema().append(pa.field("failure", failure))


def clean_records(
    records: Iterable[Mapping[str, Any]], pipeline: Pipeline, keys: KeysArg = None
) -> list[dict[str, Any]]:
    """Clean JSON-like records (fields found through ``keys``) into rows of ``output_schema()``."""
    keymap = as_key_map(keys)
    if not isinstance(pipeline, Pipeline):
        raise TypeError(
            f"pipeline must be a newsclean.Pipeline, not {type(pipeline).__name__}"
            " (build one per worker: newsclean.Pipeline(), or worker_pipeline(pipeline_settings(...)))"
        )
    names = output_schema().names
    rows: list[dict[str, Any]] = []
    for index, record in enumerate(records):
        item = document_from_record(dict(record), keymap, f"row {index}", fallback_id=str(index))
        outcome = clean_one(pipeline, index, item)
        if outcome.ok:
            row = article_row(_ARTICLE.decode(outcome.record))
            row["failure"] = None
        else:
            failure = _FAILURE.decode(outcome.record)
            row = dict.fromkeys(names)
            row.update(source_id=failure.source_id, url=failure.url)
            row["failure"] = {name: getattr(failure, name) for name in FAILURE_FIELDS}
        rows.append(row)
    return rows


def clean_table(table: Any, pipeline: Pipeline, keys: KeysArg = None) -> Any:
    """A ``pyarrow.Table`` (or RecordBatch) of records in, a ``pyarrow.Table`` of ``output_schema()`` out.
    ``keys``: a ``KeyMap``, a mapping of its fields (``{"html": "content", "url": "link"}``) or None."""
    import pyarrow as pa

    if not hasattr(table, "to_pylist"):
        raise TypeError(
            f"table must be a pyarrow.Table or RecordBatch, not {type(table).__name__}"
            " (a pandas DataFrame goes to clean_pandas)"
        )
    return pa.Table.from_pylist(clean_records(table.to_pylist(), pipeline, keys), schema=output_schema())


def clean_pandas(frame: Any, pipeline: Pipeline, keys: KeysArg = None) -> Any:
    """The same for a pandas DataFrame (Spark ``mapInPandas``, Dask ``map_partitions``)."""
    import pyarrow as pa

    records = [{name: _plain(value) for name, value in row.items()} for row in frame.to_dict(orient="records")]
    return as_pandas(pa.Table.from_pylist(clean_records(records, pipeline, keys), schema=output_schema()))


def as_pandas(table: Any) -> Any:
    """``output_schema()`` rows as a pandas DataFrame whose column types do not depend on the rows: integer
    columns as pandas' nullable ``Int64`` (a failure row's empty word count would turn int64 into float64 in that
    partition only, so a Dask frame's partitions would disagree with its declared types), map columns
    (provenance) as dicts, which is what Spark and most pandas users expect, not lists of pairs."""
    import pandas as pd
    import pyarrow as pa

    nullable = {pa.int64(): pd.Int64Dtype(), pa.int32(): pd.Int32Dtype()}
    return table.to_pandas(maps_as_pydicts="strict", types_mapper=nullable.get)


def _plain(value: Any) -> Any:
    """A pandas cell as the Python value a JSON record would hold. A list column (Parquet's ``[name, value]``
    header pairs) comes out of pandas as numpy arrays, and an integer column with a gap as floats: the id 7
    would be written "7.0"."""
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, str | bytes) or not hasattr(value, "tolist"):
        return value
    value = value.tolist()  # a numpy array or scalar
    return [_plain(item) for item in value] if isinstance(value, list) else _plain(value)

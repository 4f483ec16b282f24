"""The pure batch function behind every scale-out recipe: a table of records in, a table of Articles out.

One output row per input row, in the same order. A row that could not be cleaned has its ``failure`` column
set (stage, error, message, position) and the article columns null, so nothing is dropped silently:
``table.filter(pc.is_null(table["failure"]))`` keeps the articles, the rest are the rejects. ``position`` is
the row within the table handed in (a batch or partition under Ray, Dask and Spark): map ``id`` to find a row
(a row without one has a null ``source_id``; under Dask the output keeps the input's index).
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Mapping
from typing import Any

import msgspec

from .._limits import Limits
from .._models import Article, Failure
from .._pipeline import Document, Pipeline
from ..batch._worker import PipelineSettings, clean_one, warm_up
from ..io import KeyMap, article_row, article_schema
from ..io._keys import KeysArg, as_key_map, repeated_column
from ..io._parquet_reader import Unreadable, arrow_rows
from ..io._records import document_from_record, read_failure

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
        pipeline = settings.build()
        warm_up(pipeline)
        _WORKER_PIPELINE[key] = pipeline
    return pipeline


def require_pyarrow() -> None:
    """Raise ImportError naming the extra to install when pyarrow is missing (every adapter's tables are Arrow's):
    a bare "No module named 'pyarrow'" said nothing of newsclean's extras."""
    try:
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise ImportError(
            "newsclean's scale-out adapters need pyarrow: pip install 'newsclean[parquet]' (the ray, dask and spark"
            " extras bring it too)"
        ) from exc


def output_schema() -> Any:
    require_pyarrow()
    import pyarrow as pa

    failure = pa.struct([(name, pa.string()) for name in FAILURE_FIELDS])
    return article_schema().append(pa.field("failure", failure))


def clean_records(
    records: Iterable[Mapping[str, Any]], pipeline: Pipeline, keys: KeysArg = None
) -> list[dict[str, Any]]:
    """Clean JSON-like records (fields found through ``keys``) into rows of ``output_schema()``.

    A record without an id (no id column, or a null or empty one) has none in its row (``source_id`` null): the
    row's place in its batch would change with the partitioning, and would collide with other batches' rows and
    with real ids. An item that is not a mapping gives a failure row, as it does in ``clean_batch``.
    """
    keymap = as_key_map(keys)
    return _cleaned_rows([_item(record, keymap, index) for index, record in enumerate(records)], pipeline)


def _cleaned_rows(items: Iterable[Document | Failure], pipeline: Pipeline) -> list[dict[str, Any]]:
    if not isinstance(pipeline, Pipeline):
        raise TypeError(
            f"pipeline must be a newsclean.Pipeline, not {type(pipeline).__name__}"
            " (build one per worker: newsclean.Pipeline(), or worker_pipeline(pipeline_settings(...)))"
        )
    names = output_schema().names
    rows: list[dict[str, Any]] = []
    for index, item in enumerate(items):
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


def _table_items(
    rows: list[dict[str, Any] | Unreadable], columns: Iterable[Any], keys: KeyMap
) -> list[Document | Failure]:
    """The items of a table's rows (``arrow_rows``, or a pandas frame's): a row with a cell that could not be read
    is a failure in its place, and every row of a table naming a column the keys read twice is one."""
    repeated = repeated_column(columns, keys)
    items: list[Document | Failure] = []
    for index, row in enumerate(rows):
        cells = row.cells if isinstance(row, Unreadable) else row
        item = _item({name: _plain(value) for name, value in cells.items()}, keys, index)
        if isinstance(row, Unreadable):
            item = read_failure(f"row {index}: {row.reason}", f"row {index}", source_id=item.source_id, url=item.url)
        elif repeated is not None:
            item = read_failure(
                f"the table {repeated}", item.position or f"row {index}", source_id=item.source_id, url=item.url
            )
        items.append(item)
    return items


def _item(record: Any, keys: KeyMap, index: int) -> Document | Failure:
    where = f"row {index}"
    if not isinstance(record, Mapping):
        return Failure(
            stage="read", error="InputError", message=f"row is a {type(record).__name__}, not a mapping", position=where
        )
    # No fallback id: an empty one stands for none (a missing or empty id gives it), and is dropped here.
    item = document_from_record(dict(record), keys, where, fallback_id="")
    return item if item.source_id else msgspec.structs.replace(item, source_id=None)


def clean_table(table: Any, pipeline: Pipeline, keys: KeysArg = None) -> Any:
    """A ``pyarrow.Table`` (or RecordBatch) of records in, a ``pyarrow.Table`` of ``output_schema()`` out.
    ``keys``: a ``KeyMap``, a mapping of its fields (``{"html": "content", "url": "link"}``) or None."""
    require_pyarrow()
    import pyarrow as pa

    if not hasattr(table, "to_pylist"):
        raise TypeError(
            f"table must be a pyarrow.Table or RecordBatch, not {type(table).__name__}"
            " (a pandas DataFrame goes to clean_pandas)"
        )
    keymap = as_key_map(keys)
    items = _table_items(arrow_rows(table), table.schema.names, keymap)
    return pa.Table.from_pylist(_cleaned_rows(items, pipeline), schema=output_schema())


def clean_pandas(frame: Any, pipeline: Pipeline, keys: KeysArg = None) -> Any:
    """The same for a pandas DataFrame (Spark ``mapInPandas``, Dask ``map_partitions``), with ``frame``'s index:
    row ``i`` of the output is the cleaned row ``i`` of the input, under the same label."""
    require_pyarrow()
    import pyarrow as pa

    if not hasattr(frame, "to_dict") or not hasattr(frame, "itertuples"):
        raise TypeError(
            f"frame must be a pandas DataFrame, not {type(frame).__name__} (a pyarrow Table goes to clean_table)"
        )

    keymap = as_key_map(keys)
    columns = list(frame.columns)
    rows: list[dict[str, Any] | Unreadable]
    if len(set(columns)) < len(columns):  # to_dict keeps one column of a name, with a warning: read by position
        rows = [dict(zip(columns, values, strict=True)) for values in frame.itertuples(index=False, name=None)]
    else:
        rows = list(frame.to_dict(orient="records"))
    items = _table_items(rows, columns, keymap)
    cleaned = as_pandas(pa.Table.from_pylist(_cleaned_rows(items, pipeline), schema=output_schema()))
    # Dask keeps the input's divisions for map_partitions' result: with a fresh 0..n-1 index in each partition,
    # .loc and a concat with the input's columns would pair rows that are not the same document.
    cleaned.index = frame.index
    return cleaned


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
    """A table cell (pandas or Arrow) as the Python value a JSON record would hold. A list column (Parquet's
    ``[name, value]`` header pairs) comes out of pandas as numpy arrays, and an integer column with a gap as floats:
    the id 7 would be written "7.0". Arrow keeps such a column as integers, but a float column (written from
    pandas) holds 7.0 too: both paths make a whole-number float an integer, so an id is the same on either."""
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, str | bytes) or not hasattr(value, "tolist"):
        return value
    value = value.tolist()  # a numpy array or scalar
    return [_plain(item) for item in value] if isinstance(value, list) else _plain(value)

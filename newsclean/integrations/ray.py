"""Ray Data: clean a ``ray.data.Dataset`` of scraped pages with ``map_batches`` (extra: ``newsclean[ray]``).

>>> import ray, newsclean.integrations.ray as nc_ray                                     # doctest: +SKIP
>>> ds = ray.data.read_json("s3://bucket/dump/")                                          # doctest: +SKIP
>>> cleaned = ds.map_batches(nc_ray.Cleaner, batch_format="pyarrow",                      # doctest: +SKIP
...                          compute=ray.data.ActorPoolStrategy(size=8),
...                          fn_constructor_kwargs={"keys": {"html": "content"}})
>>> cleaned.filter(lambda row: row["failure"] is None).write_parquet("s3://bucket/clean/")  # doctest: +SKIP

``Cleaner`` is a callable class, so Ray builds it once per actor: the rule packs are loaded and compiled once
per actor, not once per batch. Batches are pyarrow Tables in and out; see ``newsclean.integrations.table``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._limits import Limits
from ..batch._worker import warm_up
from ..io._keys import KeysArg
from .table import clean_table, key_map, output_schema, pipeline_settings, require_pyarrow

__all__ = ["Cleaner", "output_schema"]


class Cleaner:
    """``ds.map_batches(Cleaner, batch_format="pyarrow", fn_constructor_kwargs={...})``.

    Keyword arguments: ``keys`` (a ``KeyMap`` or a mapping such as ``{"html": "content", "url": "link"}``),
    ``rules`` (rule-pack paths), ``limits`` (a ``Limits`` or a mapping of its fields), ``require_content``,
    ``read_app_state``.
    """

    def __init__(
        self,
        *,
        keys: KeysArg = None,
        rules: Any = None,
        limits: Limits | Mapping[str, Any] | None = None,
        require_content: bool = False,
        read_app_state: bool = True,
    ) -> None:
        require_pyarrow()  # here, where the actor starts, rather than in every batch
        self.keys = key_map(keys)
        self.pipeline = pipeline_settings(
            rules=rules, limits=limits, require_content=require_content, read_app_state=read_app_state
        ).build()
        warm_up(self.pipeline)

    def __call__(self, batch: Any) -> Any:
        return clean_table(batch, self.pipeline, self.keys)

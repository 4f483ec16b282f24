"""``clean_batch``: the library entry point for cleaning many documents in parallel, in input order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import msgspec

from .._models import Article, Failure
from .._pipeline import Document
from .._rules import checked_rules
from ..io import KeyMap
from ..io._keys import as_key_map
from ..io._records import document_from_record
from ._job import BatchConfig, outcomes
from ._pool import Task

_ARTICLE = msgspec.json.Decoder(Article)
_FAILURE = msgspec.json.Decoder(Failure)


def clean_batch(
    records: Iterable[Document | Failure | Mapping[str, Any]], **options: Any
) -> Iterator[Article | Failure]:
    """Clean ``records`` on worker processes; yield one Article or Failure per record, in input order.

    A record is a ``Document``, a ``Failure`` (passed through, e.g. from a reader) or a JSON-like mapping read
    with ``keys`` (a ``KeyMap`` or a dict of its fields; common field names are detected). Options are those of
    ``BatchConfig``: ``workers`` (default: all cores; 0 runs in this process), ``rules``, ``limits``,
    ``require_content``, ``read_app_state``, ``chunk_size``, ``hard_timeout``. Never raises for one bad record.

    The options are checked, and the rules loaded, when it is called: a wrong option is a ``TypeError`` or
    ``ValueError`` naming it, and a pack that cannot be used a ``RuleError``, before any worker starts.
    """
    if "keys" in options:
        options["keys"] = as_key_map(options["keys"])
    config = BatchConfig(**options)
    if config.rules is not None:
        # Loaded once, here: workers handed a pack that fails would each die of it, and the batch would report
        # workers that cannot start. They get the loaded rules, and so do not test the pack's examples again.
        config = msgspec.structs.replace(config, rules=checked_rules(config.rules))
    return _cleaned(records, config)


def _cleaned(
    records: Iterable[Document | Failure | Mapping[str, Any]], config: BatchConfig
) -> Iterator[Article | Failure]:
    keys = config.keys
    items: Iterator[Task] = ((index, _as_item(record, keys, index)) for index, record in enumerate(records))
    for outcome in outcomes(items, config):
        yield _ARTICLE.decode(outcome.record) if outcome.ok else _FAILURE.decode(outcome.record)


def _as_item(record: Document | Failure | Mapping[str, Any], keys: KeyMap, index: int) -> Document | Failure:
    if isinstance(record, Document | Failure):
        return record
    if isinstance(record, Mapping):
        return document_from_record(dict(record), keys, f"record {index}", fallback_id=str(index))
    return Failure(
        stage="read",
        error="InputError",
        message=f"record is a {type(record).__name__}, not a Document or a mapping",
        position=f"record {index}",
    )

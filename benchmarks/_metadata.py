"""Metadata against gold: title, author and date, each right or wrong per annotated page.

A field counts only on pages whose gold has it (an empty string or null in the gold means "annotated as
absent": then the right answer is no value). Titles compare on case-folded ``\\w+`` tokens; authors as the set
of their name tokens (so "Jane Doe and John Roe" equals "John Roe, Jane Doe"); dates on the calendar day.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from ._matching import folded_tokens

FIELDS = ("title", "author", "date")
_JOINERS = frozenset({"and", "by", "und", "et", "y", "e", "og", "en"})
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class PredictedMeta(NamedTuple):
    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None  # YYYY-MM-DD


def as_day(value: object) -> str | None:
    """A peer's date as YYYY-MM-DD. Peers return datetimes, strings, or (goose3) a list of candidates: the
    first candidate counts; anything else is no date."""
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    if isinstance(value, str):
        match = _DATE.search(value)
        return match.group(0) if match else None
    return None


def _author_tokens(names: Sequence[str]) -> frozenset[str]:
    return frozenset(t for name in names for t in folded_tokens(name) if t not in _JOINERS)


def field_matches(gold_meta: Mapping[str, Any], predicted: PredictedMeta) -> dict[str, bool]:
    """For each field the gold annotates, whether the prediction is right."""
    results: dict[str, bool] = {}
    if "title" in gold_meta:
        gold = gold_meta["title"] or ""
        results["title"] = folded_tokens(gold) == folded_tokens(predicted.title or "")
    if "author" in gold_meta:
        gold = gold_meta["author"] or ""
        results["author"] = _author_tokens([gold]) == _author_tokens(predicted.authors)
    if "date" in gold_meta:
        gold = gold_meta["date"] or ""
        results["date"] = (as_day(gold) or "") == (predicted.date or "")
    return results

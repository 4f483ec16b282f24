"""The records newsclean emits: frozen msgspec Structs, cheap to build and to serialise."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

import msgspec

from ._decode import replace_lone_surrogates

Stage = Literal["dom", "text", "site"]
Status = Literal["ok", "no_content"]


class Removal(msgspec.Struct, frozen=True):
    """One piece of text a cleaner dropped, with the rule that dropped it and where it stood: enough to audit it.
    Removals come in the order the stages made them (DOM boxes first).

    ``paragraph`` is where the text stood:
    - ``"text"`` stage: the index, among the paragraphs the text stage was given (the extractor's paragraphs, or a
      dump's lines), of the paragraph removed, or of the one a marker was cut from ("UPDATED: …" keeps the rest of
      its paragraph, at the same index). The paragraphs no removal took whole are the article's, in order, but for
      the line a dump's title was read from (``provenance["title"] == "first-line"``).
    - ``"site"`` stage: the index of the paragraph in the article's paragraphs before the site pass.
    - None where the text had no place in the article's text: a DOM box removed before extraction (its text is
      its text joined by spaces), a marker cut from the title, a text dump's closing list of link targets.
    """

    rule: str
    category: str
    stage: Stage
    text: str
    paragraph: int | None = None


class Article(msgspec.Struct, frozen=True, kw_only=True):
    """A cleaned article: text, paragraphs, metadata, and every removal made on the way.

    Every field is always serialised (None when unknown), so JSONL and Parquet outputs share one schema.
    ``provenance`` maps a metadata field name (``"title"``, ``"published"`` …) to where its value came from
    (``"json-ld"``, ``"opengraph"``, ``"meta"``, ``"time"``, ``"byline"``, ``"url"``, ``"dateline"``,
    ``"text"``, ``"computed"`` …), so every value can be audited.

    Articles compare equal field by field but are not hashable (``provenance`` is a dict): to put them in a set or
    key a dict by them, use ``content_hash`` (the same words) or ``url``.
    """

    text: str
    paragraphs: tuple[str, ...]
    status: Status = "ok"
    title: str | None = None
    authors: tuple[str, ...] = ()
    organization: str | None = None
    agency: str | None = None
    published: datetime | None = None
    modified: datetime | None = None
    #: Markers the page announced itself with, taken out of the title or text: "updated", "breaking", "live", and
    #: what a media tag after the headline said: "video", "gallery", "audio"; and "paywalled" when its publisher
    #: declares the article not free to read (the text may stop where the paywall starts).
    flags: tuple[str, ...] = ()
    dateline: str | None = None
    #: The dateline's place ("KYIV, Ukraine") and date: ISO 8601 "2023-03-09", or "--03-09" when the text gives
    #: no year and no other source supplies one.
    dateline_place: str | None = None
    dateline_date: str | None = None
    url: str | None = None
    #: When the page was fetched (the caller's, the crawl record's or the fetcher's clock): no date after it is
    #: believed. None when not given; dates are then checked against the time of cleaning.
    fetched_at: datetime | None = None
    canonical_url: str | None = None
    #: A canonical URL on another site: the original this page syndicates (kept apart from ``canonical_url``).
    syndication_source: str | None = None
    site_name: str | None = None
    language: str | None = None
    description: str | None = None
    image: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    word_count: int = 0
    reading_time_minutes: int = 0
    content_hash: str | None = None
    simhash: str | None = None
    encoding: str | None = None
    encoding_source: str | None = None
    provenance: dict[str, str] = msgspec.field(default_factory=dict)
    removed: tuple[Removal, ...] = ()
    source_id: str | None = None
    #: Where a batch read the document (``file:line``, a WARC record's ``file@offset``, a page's path: the
    #: ``position`` a ``Failure`` carries), set by ``Pipeline.run`` from the ``Document``: default ids name an
    #: input by its file name, so two inputs of one name share them, and this tells their articles apart.
    position: str | None = None
    extractor: str = "trafilatura"
    rules_version: str = ""

    @property
    def updated(self) -> bool:
        """True when the page announced itself as updated (an "UPDATED:" marker), even though the marker
        itself was stripped from the text."""
        return "updated" in self.flags


class Failure(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """A document the batch API could not turn into an Article; it is reported, never silently dropped."""

    stage: str
    error: str
    message: str
    source_id: str | None = None
    url: str | None = None
    position: str | None = None


def to_json(record: Article | Failure) -> bytes:
    """One record as compact JSON (datetimes in ISO 8601); the same record always gives the same bytes.

    A lone surrogate, which UTF-8 cannot encode (a file name that is not UTF-8, read with ``surrogateescape``; a
    caller's string cut from UTF-16), is written as U+FFFD rather than losing the record.
    """
    try:
        return _ENCODER.encode(record)
    except UnicodeEncodeError:
        return _ENCODER.encode(_without_surrogates(msgspec.to_builtins(record)))


def _without_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return replace_lone_surrogates(value)
    if isinstance(value, dict):
        return {_without_surrogates(key): _without_surrogates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    return value


_ENCODER = msgspec.json.Encoder(order="deterministic")

"""Resolve metadata candidates into Article fields, each with its provenance."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from ._dom import MetadataCandidates
from ._normalize import normalize_paragraph

_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "blogposting",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "webpage",
        "liveblogposting",
        "report",
        "scholarlyarticle",
        "socialmediaposting",
        "techarticle",
    }
)


class Resolved:
    """Field values and where each came from. Only fields with evidence are set."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.provenance: dict[str, str] = {}

    def set(self, field: str, value: Any, source: str) -> None:
        if value in (None, "", ()) or field in self.values:
            return
        self.values[field] = value
        self.provenance[field] = source


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if k}


def _article_nodes(candidates: MetadataCandidates) -> list[dict[str, Any]]:
    return [node for node in candidates.json_ld if _types(node) & _ARTICLE_TYPES]


def _first_meta(candidates: MetadataCandidates, *keys: str) -> str | None:
    for key in keys:
        values = candidates.meta.get(key)
        if values:
            return values[0]
    return None


def _name(value: Any) -> str | None:
    if isinstance(value, str):
        return normalize_paragraph(value) or None
    if isinstance(value, dict):
        return _name(value.get("name"))
    if isinstance(value, list) and value:
        return _name(value[0])
    return None


def parse_datetime(value: str) -> tuple[datetime, bool] | None:
    """An ISO 8601 timestamp as an aware datetime; the flag says the zone was missing (UTC assumed)."""
    text = value.strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC), True
    return parsed, False


def _set_date(resolved: Resolved, field: str, raw: Any, source: str, now: datetime) -> None:
    if field in resolved.values or not isinstance(raw, str):
        return
    parsed = parse_datetime(raw)
    if parsed is None or parsed[0] > now:
        return
    resolved.set(field, parsed[0], f"{source}; timezone assumed UTC" if parsed[1] else source)


def resolve(candidates: MetadataCandidates, *, url: str | None, now: datetime | None = None) -> Resolved:
    now = now or datetime.now(UTC)
    resolved = Resolved()
    articles = _article_nodes(candidates)
    for node in articles:
        resolved.set("title", _name(node.get("headline")), "json-ld")
    resolved.set("title", _first_meta(candidates, "og:title", "twitter:title"), "opengraph")
    if len(candidates.h1) == 1:
        resolved.set("title", candidates.h1[0], "h1")
    resolved.set("title", candidates.title_tag, "title-tag")

    for node in articles:
        author = node.get("author")
        people = author if isinstance(author, list) else [author]
        names = tuple(
            n
            for p in people
            if isinstance(p, dict | str)
            and "organization" not in _types(p if isinstance(p, dict) else {})
            and (n := _name(p))
        )
        resolved.set("authors", names, "json-ld")
        _set_date(resolved, "published", node.get("datePublished"), "json-ld", now)
        _set_date(resolved, "modified", node.get("dateModified"), "json-ld", now)
        resolved.set("site_name", _name(node.get("publisher")), "json-ld")
        resolved.set("description", _name(node.get("description")), "json-ld")
        resolved.set("section", _name(node.get("articleSection")), "json-ld")
    meta_author = _first_meta(candidates, "author", "article:author", "dc.creator", "parsely-author")
    if meta_author and not meta_author.startswith("http"):
        resolved.set("authors", (meta_author,), "meta")
    for key in (
        "article:published_time",
        "og:published_time",
        "pubdate",
        "publishdate",
        "date",
        "dc.date",
        "dc.date.issued",
        "parsely-pub-date",
    ):
        _set_date(resolved, "published", _first_meta(candidates, key), "meta", now)
    _set_date(resolved, "modified", _first_meta(candidates, "article:modified_time", "og:updated_time"), "meta", now)
    for stamp, _ in candidates.times:
        _set_date(resolved, "published", stamp, "time", now)

    resolved.set("site_name", _first_meta(candidates, "og:site_name", "application-name"), "opengraph")
    resolved.set(
        "description",
        _first_meta(candidates, "og:description", "description", "twitter:description"),
        "opengraph",
    )
    resolved.set("image", _first_meta(candidates, "og:image", "twitter:image"), "opengraph")
    resolved.set("section", _first_meta(candidates, "article:section"), "opengraph")
    tags = tuple(dict.fromkeys(candidates.meta.get("article:tag", [])))
    resolved.set("tags", tags, "opengraph")
    resolved.set("canonical_url", candidates.canonical or _first_meta(candidates, "og:url"), "link-canonical")
    if candidates.html_lang:
        resolved.set("language", candidates.html_lang.split("-")[0].lower(), "html-lang")
    if url:
        host = urlsplit(url).hostname or ""
        resolved.set("site_name", host.removeprefix("www.") or None, "url")
    return resolved

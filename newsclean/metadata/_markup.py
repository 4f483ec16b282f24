"""Reading the page's structured metadata: JSON-LD nodes by type, meta tags by key, names and URLs in either."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from .._dom import MetadataCandidates
from ._clean import clean_string

ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "blogposting",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "askpublicnewsarticle",
        "liveblogposting",
        "report",
        "scholarlyarticle",
        "socialmediaposting",
        "techarticle",
        "posting",
        "medicalwebpage",
        "review",
        "recipe",
        "howto",
    }
)
PAGE_TYPES = frozenset({"webpage", "itempage", "aboutpage", "faqpage", "qapage", "collectionpage"})
PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "article.published",
    "published_time",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "date",
    "citation_publication_date",
    "citation_date",
    "article_date_original",
    "original-publish-date",
)
MODIFIED_META = (
    "article:modified_time",
    "og:article:modified_time",
    "datemodified",
    "og:updated_time",
    "modified_time",
    "dcterms.modified",
    "last-modified",
    "lastmod",
)
AUTHOR_META = (
    "author",
    "article:author",
    "og:article:author",
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
    "citation_author",
    "twitter:creator:name",
)


def node_types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if k}


def article_nodes(candidates: MetadataCandidates) -> list[dict[str, Any]]:
    articles = [node for node in candidates.json_ld if node_types(node) & ARTICLE_TYPES]
    # Without an article node, a WebPage node still describes this page (never a site-wide WebSite node).
    return articles or [node for node in candidates.json_ld if node_types(node) & PAGE_TYPES]


def metas(candidates: MetadataCandidates, keys: Iterable[str]) -> Iterator[tuple[str, str]]:
    for key in keys:
        for value in candidates.meta.get(key, ()):
            yield key, value


def first_meta(candidates: MetadataCandidates, *keys: str) -> str | None:
    return next((value for _, value in metas(candidates, keys)), None)


def name_of(value: Any) -> str | None:
    if isinstance(value, str):
        return clean_string(value)
    if isinstance(value, dict):
        return name_of(value.get("name"))
    if isinstance(value, list) and value:
        return name_of(value[0])
    return None


# A tag in a name: CMSs write an author's profile link into the JSON-LD name ("<a href='/jane'>Jane Doe</a>").
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def name_without_tags(value: Any) -> str | None:
    """A name as text: entities decoded first, as a name escaped into JSON may carry its tags as "&lt;a&gt;"."""
    cleaned = clean_string(value)
    if cleaned is None or "<" not in cleaned:
        return cleaned
    return clean_string(_TAG.sub(" ", cleaned))


def person_names(node: dict[str, Any]) -> list[str]:
    """The names a JSON-LD ``Person`` node gives: its ``name``, each of them when it is a list, with any tags
    removed; without a name, its ``givenName``, ``additionalName`` and ``familyName`` joined ("Jane", "Doe" →
    "Jane Doe")."""
    name = node.get("name")
    written = [name_without_tags(value) for value in (name if isinstance(name, list) else [name])]
    names = [value for value in written if value]
    if names:
        return names
    parts = [name_without_tags(node.get(key)) for key in ("givenName", "additionalName", "familyName")]
    joined = " ".join(part for part in parts if part)
    return [joined] if joined else []


def url_value(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return url_value(value.get("url") or value.get("@id"))
    if isinstance(value, list) and value:
        return url_value(value[0])
    return None

"""Choose each field's value among the page's metadata candidates, recording where it came from."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from .._dom import MetadataCandidates
from ._clean import clean_string, fold
from ._computed import computed_fields
from ._dateline import find_dateline
from ._dates import describe, plausible
from ._language import primary_subtag, resolve_language
from ._markup import article_nodes, first_meta, name_of, node_types, url_value
from ._printed_times import headline_spans
from ._resolve_authors import personal_site_keys, resolve_authors
from ._resolve_dates import dateline_date, htmldate_fallback, relative_text_dates, resolve_dates, text_dates
from ._resolve_title import flag_media_tags, resolve_title
from ._resolved import Resolved
from ._site import (
    clean_url,
    document_base,
    host_of,
    is_homepage,
    readable_domain,
    same_site,
    url_sections,
    usable_url,
    writes_scheme,
)
from ._title import host_key, site_name_without_tagline

# The heading over a post's comments repeats its title: "6 thoughts on “Title”", "2 responses to "Title"". The
# comments follow it, with their own names and dates: it is not the article header.
_COMMENTS_HEADING = re.compile(
    r"\b(?:thoughts?|comments?|responses?|replies|reactions?)\s+(?:on|to)\s*[\"“‘'«]?\s*$", re.IGNORECASE
)


def _not_in_comments_heading(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [span for span in spans if not _COMMENTS_HEADING.search(text, max(0, span[0] - 40), span[0])]


def _site_names(candidates: MetadataCandidates, articles: list[dict[str, Any]]) -> list[tuple[str, str]]:
    names: list[tuple[str, str]] = []
    for key in ("og:site_name", "application-name", "twitter:site", "publisher", "al:ios:app_name"):
        for value in candidates.meta.get(key, ()):
            cleaned = clean_string(value.lstrip("@"))
            if cleaned and not cleaned.startswith("http"):
                names.append((cleaned, "opengraph" if key.startswith("og:") else "meta"))
    for node in articles:
        publisher = name_of(node.get("publisher"))
        if publisher:
            names.append((publisher, "json-ld"))
    for node in candidates.json_ld:
        if node_types(node) & {"website", "organization", "newsmediaorganization"}:
            name = name_of(node.get("name"))
            if name:
                names.append((name, "json-ld"))
    return names


def resolve(
    candidates: MetadataCandidates,
    *,
    url: str | None,
    html: str | None = None,
    now: datetime | None = None,
) -> Resolved:
    """Resolve what the markup says. Text-based evidence (dateline, language) is added by ``complete``."""
    now = now or datetime.now(UTC)
    url, scheme_assumed = usable_url(url)
    resolved = Resolved()
    resolved.fallback_html = html
    articles = article_nodes(candidates)
    site_names = _site_names(candidates, articles)
    host = host_of(url)
    site_keys = {fold(name) for name, _ in site_names} | ({host_key(host)} - {""})
    resolved.site_keys = site_keys

    primary_site = next(((n, s) for n, s in site_names if s != "meta" or not n.islower()), None)
    if primary_site and fold(primary_site[0]) and len(primary_site[0]) <= 80:
        resolved.set("site_name", site_name_without_tagline(primary_site[0], host), primary_site[1])
    resolved.set("site_name", readable_domain(url), "url")

    resolve_title(resolved, candidates, articles, [n for n, _ in site_names], host, url_sections(url))
    title = resolved.get("title")
    # The byline and the date line printed under the headline are read around its appearances in the page text
    # (found once: both need them; the first one's end is where the article header starts).
    headline = (
        headline_spans(candidates.visible_text, title) if candidates.visible_text and isinstance(title, str) else []
    )
    if headline and candidates.visible_text:
        headline = _not_in_comments_heading(candidates.visible_text, headline)
    personal = personal_site_keys(candidates, site_names, url)
    resolve_authors(resolved, candidates, articles, site_keys - personal, headline)
    resolved.html_lang = _declared_language(candidates)  # before the dates: a Thai page's may be Buddhist-era ones
    resolve_dates(resolved, candidates, articles, url, now, headline)
    _resolve_links(resolved, candidates, articles, url, scheme_assumed)

    _flag_paywall(resolved, candidates, articles)
    for node in articles:
        resolved.set("description", name_of(node.get("description")), "json-ld")
        section = node.get("articleSection")
        resolved.set("section", name_of(section), "json-ld")
        keywords = node.get("keywords")
        if isinstance(keywords, str):
            keywords = [k for k in keywords.split(",")]
        if isinstance(keywords, list):
            resolved.set("tags", _tags(keywords), "json-ld")
    resolved.set("description", clean_string(first_meta(candidates, "og:description")), "opengraph")
    resolved.set("description", clean_string(first_meta(candidates, "description", "twitter:description")), "meta")
    resolved.set("section", clean_string(first_meta(candidates, "article:section")), "opengraph")
    resolved.set("tags", _tags(_article_tags(candidates.meta.get("article:tag", []))), "opengraph")
    resolved.set("tags", _tags(_KEYWORD_LIST.split(first_meta(candidates, "news_keywords", "keywords") or "")), "meta")
    return resolved


_LANGUAGE_META = ("og:locale", "content-language", "language")


def _declared_language(candidates: MetadataCandidates) -> str | None:
    """The first language declaration that names a language: the ``lang`` attribute, else a locale or language
    meta tag. A template's placeholder or junk ("{{lang}}", "x-default", "zz") declares nothing, and the next
    declaration, or the text, speaks instead."""
    declared = [candidates.html_lang, *(value for key in _LANGUAGE_META for value in candidates.meta.get(key, ()))]
    return next((value for value in declared if primary_subtag(value)), None)


_PAID = frozenset({"false", "no", "0"})


def _flag_paywall(resolved: Resolved, candidates: MetadataCandidates, articles: list[dict[str, Any]]) -> None:
    """Flag ``paywalled`` an article its publisher declares not free to read: schema.org ``isAccessibleForFree``
    false on the page's article node (its web page node, when it has none), or ``article:content_tier`` "locked".
    Its text may stop where the paywall starts, or hold what a metered page shows; ``provenance["paywalled"]``
    names the declaration."""
    stated = (node["isAccessibleForFree"] for node in articles if "isAccessibleForFree" in node)
    declared = next(stated, None)
    if declared is False or (isinstance(declared, str | int) and str(declared).strip().lower() in _PAID):
        source = "json-ld isAccessibleForFree"
    elif (first_meta(candidates, "article:content_tier") or "").strip().lower() == "locked":
        source = "opengraph article:content_tier"
    else:
        return
    resolved.flags.append("paywalled")
    resolved.provenance["paywalled"] = source


# A keywords meta lists its words with commas or semicolons ("Politics; UK news").
_KEYWORD_LIST = re.compile(r"[,;]")


def _article_tags(values: Sequence[str]) -> list[str]:
    """The ``article:tag`` values, one tag each, except a single one that lists them all with commas, as the
    Guardian writes it ("Politics,UK news,Budget"). With one tag a meta, a comma is the tag's own ("Paris,
    France")."""
    return values[0].split(",") if len(values) == 1 else list(values)


def _tags(values: Iterable[Any]) -> tuple[str, ...]:
    tags = (clean_string(v) for v in values if isinstance(v, str))
    return tuple(dict.fromkeys(t for t in tags if t and len(t) <= 80))[:50]


def _resolve_links(
    resolved: Resolved,
    candidates: MetadataCandidates,
    articles: list[dict[str, Any]],
    url: str | None,
    scheme_assumed: bool,
) -> None:
    """``scheme_assumed``: the page's URL was given without its scheme (``usable_url``), so a link resolved
    against it carries an assumed one, which its provenance says."""
    base = document_base(url, candidates.base_href)
    options: list[tuple[str | None, str]] = [(candidates.canonical, "link-canonical")]
    options.append((first_meta(candidates, "og:url"), "opengraph"))
    for node in articles:
        options.append((url_value(node.get("mainEntityOfPage")) or url_value(node.get("url")), "json-ld"))
    for raw, source in options:
        canonical = clean_url(raw, base=base)
        if canonical is None:
            continue
        if url and is_homepage(canonical) and not is_homepage(url):
            continue  # a canonical to the front page is a template default, not this article
        if url and not same_site(canonical, url):
            # Syndicated copies point to the original publisher: useful to know, but not this page's address.
            resolved.set("syndication_source", canonical, _noting_scheme(source, raw, scheme_assumed))
            continue
        resolved.set("canonical_url", canonical, _noting_scheme(source, raw, scheme_assumed))
        break
    image, source = (
        first_meta(candidates, "og:image", "og:image:url", "twitter:image", "twitter:image:src"),
        "opengraph",
    )
    if image is None:
        source = "json-ld"
        for node in articles:
            image = url_value(node.get("image"))
            if image:
                break
    resolved.set("image", clean_url(image, base=base), _noting_scheme(source, image, scheme_assumed))


def _noting_scheme(source: str, link: str | None, scheme_assumed: bool) -> str:
    """``source``, with a note when the link took its scheme from a page URL whose scheme was assumed."""
    if scheme_assumed and link and not writes_scheme(link):
        return f"{source}; https assumed"
    return source


def complete(
    resolved: Resolved,
    *,
    paragraphs: Sequence[str],
    now: datetime | None = None,
) -> Resolved:
    """Add what the clean text says: dateline and agency, dates it implies, language, counts and hashes.

    ``now``: the fetch time when known; the time of cleaning stands in for it, but not for placing a date printed
    relative to it ("3 hours ago")."""
    fetched, now = now, now or datetime.now(UTC)
    text = "\n\n".join(paragraphs)
    dateline = find_dateline(paragraphs)
    if dateline is not None:
        resolved.set("dateline", dateline.text, "text")
        resolved.set("dateline_place", dateline.place, "dateline")
        resolved.set("agency", dateline.agency, "dateline")
        dateline_date(resolved, dateline.month, dateline.day, dateline.year, now)
    html = resolved.fallback_html
    text_dates(resolved, now)
    update, timed = resolved.labelled_update, resolved.labelled_update_time
    if "modified" not in resolved.values and timed is not None and plausible(timed.value, now):
        # with the time of day printed beside it ("Updated March 6, 2024, 10:30 a.m. EST"), as a published date's
        resolved.set("modified", timed.value, describe("page text (labelled update)", timed))
    if "modified" not in resolved.values and update is not None:
        update_day = datetime(update.year, update.month, update.day, tzinfo=UTC)
        if plausible(update_day, now):
            resolved.set("modified", update_day, "page text (labelled update); date only, timezone assumed UTC")
    for field, moment, source in resolved.byline_dates:
        # the page's removed byline line ("By Jane Doe | March 5, 2024"), when the page text placed no date
        if plausible(moment, now):
            resolved.set(field, moment, source)
    if fetched is not None:  # without a fetch time, "3 hours ago" could be any day
        relative_text_dates(resolved, fetched)
    if "published" not in resolved.values and html and "published" not in resolved.provenance:
        htmldate_fallback(resolved, html, now)
    published, modified = resolved.get("published"), resolved.get("modified")
    if modified is not None and published is not None and modified < published:
        resolved.replace("modified", None, "")
        resolved.provenance["modified"] = "dropped: earlier than published"
    flag_media_tags(resolved)
    language = resolve_language(resolved.html_lang, text)
    if language is not None:
        resolved.set("language", language.language, language.source)
    for field, value in computed_fields(text).items():
        if value is not None:
            resolved.replace(field, value, "computed")
    return resolved

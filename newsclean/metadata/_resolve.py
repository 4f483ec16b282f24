"""Choose each field's value among the page's metadata candidates, recording where it came from."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, NamedTuple

from .._dom import MetadataCandidates
from ._authors import (
    DATE_THEN_NAME,
    Byline,
    agency_name,
    is_credit_not_authorship,
    is_role_word,
    parse_byline,
    person_name,
    starts_text,
)
from ._clean import clean_string, fold
from ._computed import computed_fields
from ._dateline import find_dateline
from ._dates import (
    HeaderDate,
    PageDates,
    ParsedDate,
    PrintedDate,
    as_printed,
    date_from_url,
    dates_between,
    describe,
    header_date,
    headline_end,
    headline_spans,
    in_stated_zone,
    parse_datetime,
    plausible,
    printed_moments,
    says_updated,
    scan_page_dates,
    shown,
    text_shows_day,
)
from ._language import resolve_language
from ._resolved import Resolved
from ._site import clean_url, host_of, is_homepage, readable_domain, same_site
from ._title import clean_title, host_key, is_genre_label, strip_unknown_site_suffix

_ARTICLE_TYPES = frozenset(
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
_PAGE_TYPES = frozenset({"webpage", "itempage", "aboutpage", "faqpage", "qapage", "collectionpage"})
_PUBLISHED_META = (
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
    "article_date_original",
    "original-publish-date",
)
_MODIFIED_META = (
    "article:modified_time",
    "og:article:modified_time",
    "datemodified",
    "og:updated_time",
    "modified_time",
    "dcterms.modified",
    "last-modified",
    "lastmod",
)
_AUTHOR_META = (
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


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if k}


def _article_nodes(candidates: MetadataCandidates) -> list[dict[str, Any]]:
    articles = [node for node in candidates.json_ld if _types(node) & _ARTICLE_TYPES]
    # Without an article node, a WebPage node still describes this page (never a site-wide WebSite node).
    return articles or [node for node in candidates.json_ld if _types(node) & _PAGE_TYPES]


def _metas(candidates: MetadataCandidates, keys: Iterable[str]) -> Iterator[tuple[str, str]]:
    for key in keys:
        for value in candidates.meta.get(key, ()):
            yield key, value


def _first_meta(candidates: MetadataCandidates, *keys: str) -> str | None:
    return next((value for _, value in _metas(candidates, keys)), None)


def _name(value: Any) -> str | None:
    if isinstance(value, str):
        return clean_string(value)
    if isinstance(value, dict):
        return _name(value.get("name"))
    if isinstance(value, list) and value:
        return _name(value[0])
    return None


def _url_value(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _url_value(value.get("url") or value.get("@id"))
    if isinstance(value, list) and value:
        return _url_value(value[0])
    return None


def _site_names(candidates: MetadataCandidates, articles: list[dict[str, Any]]) -> list[tuple[str, str]]:
    names: list[tuple[str, str]] = []
    for key in ("og:site_name", "application-name", "twitter:site", "publisher", "al:ios:app_name"):
        for value in candidates.meta.get(key, ()):
            cleaned = clean_string(value.lstrip("@"))
            if cleaned and not cleaned.startswith("http"):
                names.append((cleaned, "opengraph" if key.startswith("og:") else "meta"))
    for node in articles:
        publisher = _name(node.get("publisher"))
        if publisher:
            names.append((publisher, "json-ld"))
    for node in candidates.json_ld:
        if _types(node) & {"website", "organization", "newsmediaorganization"}:
            name = _name(node.get("name"))
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
    resolved = Resolved()
    resolved.fallback_html = html
    articles = _article_nodes(candidates)
    site_names = _site_names(candidates, articles)
    site_keys = {fold(name) for name, _ in site_names} | ({host_key(host_of(url))} - {""})
    resolved.site_keys = site_keys

    primary_site = next(((n, s) for n, s in site_names if s != "meta" or not n.islower()), None)
    if primary_site and fold(primary_site[0]) and len(primary_site[0]) <= 80:
        resolved.set("site_name", primary_site[0], primary_site[1])
    resolved.set("site_name", readable_domain(url), "url")

    _resolve_title(resolved, candidates, articles, [n for n, _ in site_names], host_of(url))
    title = resolved.get("title")
    # The byline and date line printed under the headline are read from here (found once: both need it).
    header = (
        headline_end(candidates.visible_text, title) if candidates.visible_text and isinstance(title, str) else None
    )
    personal = _personal_site_keys(candidates, site_names, url)
    _resolve_authors(resolved, candidates, articles, site_keys - personal, header)
    _resolve_dates(resolved, candidates, articles, url, now, header)
    _resolve_links(resolved, candidates, articles, url)

    for node in articles:
        resolved.set("description", _name(node.get("description")), "json-ld")
        section = node.get("articleSection")
        resolved.set("section", _name(section), "json-ld")
        keywords = node.get("keywords")
        if isinstance(keywords, str):
            keywords = [k for k in keywords.split(",")]
        if isinstance(keywords, list):
            resolved.set("tags", _tags(keywords), "json-ld")
    resolved.set("description", clean_string(_first_meta(candidates, "og:description")), "opengraph")
    resolved.set("description", clean_string(_first_meta(candidates, "description", "twitter:description")), "meta")
    resolved.set("section", clean_string(_first_meta(candidates, "article:section")), "opengraph")
    resolved.set("tags", _tags(candidates.meta.get("article:tag", [])), "opengraph")
    resolved.set("tags", _tags((_first_meta(candidates, "news_keywords", "keywords") or "").split(",")), "meta")
    resolved.html_lang = candidates.html_lang or _first_meta(candidates, "og:locale", "content-language", "language")
    return resolved


def _tags(values: Iterable[Any]) -> tuple[str, ...]:
    tags = (clean_string(v) for v in values if isinstance(v, str))
    return tuple(dict.fromkeys(t for t in tags if t and len(t) <= 80))[:50]


def _resolve_title(
    resolved: Resolved,
    candidates: MetadataCandidates,
    articles: list[dict[str, Any]],
    site_names: Sequence[str],
    host: str | None,
) -> None:
    raw: list[tuple[str, str]] = []
    for node in articles:
        headline = _name(node.get("headline")) or _name(node.get("name"))
        if headline:
            raw.append((headline, "json-ld"))
    for key, value in _metas(candidates, ("og:title", "twitter:title", "dc.title", "parsely-title")):
        raw.append((value, "opengraph" if key.startswith("og:") else "meta"))
    if candidates.title_tag:
        raw.append((candidates.title_tag, "title-tag"))
    cleaned = [
        (title, source) for value, source in raw if (title := clean_title(value, site_names=site_names, host=host))
    ]
    sections = {fold(v) for v in candidates.meta.get("article:section", ())}
    sections |= {fold(section) for node in articles if isinstance(section := _name(node.get("articleSection")), str)}
    headline = _visible_headline(
        candidates.h1, candidates.h1_joined, [t for t, _ in cleaned], sections - {""}, site_names, host
    )
    if headline is not None:
        # The headline readers see, when the markup's titles confirm it is the article's.
        resolved.set("title", headline, "h1")
        return
    if not cleaned:
        return
    texts = [title for title, _ in cleaned]
    # A headline that two independent sources agree on wins; otherwise the first by source priority.
    for title, source in cleaned:
        agreeing = [s for t, s in cleaned if s != source and fold(t) == fold(title)]
        if agreeing:
            resolved.set("title", title, f"{source} (agrees with {agreeing[0]})")
            return
    title, source = cleaned[0]
    if source == "title-tag" or len(cleaned) > 1:
        title = strip_unknown_site_suffix(title, [t for t in texts if t != title])
    resolved.set("title", title, source)


_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


def _words(text: str) -> set[str]:
    return {fold(word) for word in text.split() if fold(word)}


def _stems(text: str) -> set[str]:
    """The words of a title as comparison keys, a possessive as its noun ("Valentino’s" shares "Valentino")."""
    return {key for word in text.split() if (key := fold(_POSSESSIVE.sub("", word)))}


# Share of the <h1>'s words found in the markup titles for it to be the article's headline: a third is enough for
# a headline the SEO title rephrases ("Five innovative solutions to climate change" / "Climate change: 5 innovative
# solutions"), while a site logo, a menu or a section <h1> shares nothing with it.
_HEADLINE_OVERLAP = 1 / 3


def _visible_headline(
    h1s: Sequence[str],
    h1s_joined: Sequence[str],
    titles: Sequence[str],
    sections: set[str],
    site_names: Sequence[str],
    host: str | None,
) -> str | None:
    """The ``<h1>`` that shares most of its words with the markup's titles (og:title, JSON-LD, <title>)."""
    title_words = set().union(*(_words(t) for t in titles)) if titles else set()
    title_stems = set().union(*(_stems(t) for t in titles)) if titles else set()
    best: tuple[float, int, str] | None = None
    for index, raw in enumerate(h1s[:8]):
        readings = [raw]
        if index < len(h1s_joined) and h1s_joined[index] != raw:
            readings.append(h1s_joined[index])
        scored: list[tuple[int, int, float, str]] = []
        for reading in readings:
            h1 = clean_title(reading, site_names=site_names, host=host)
            if h1 is None or len(h1) > 300:
                continue
            stems = _stems(h1)
            if stems:
                shared = len(stems & title_stems)
                scored.append((len(_words(h1) & title_words), shared, shared / len(stems), h1))
        if not scored:
            continue
        # The joined reading only when it matches more title words exactly ("Kotaku's", not "Kotaku 's").
        _, shared, overlap, h1 = max(scored, key=lambda item: item[0])
        # Equal overlap: the <h1> that covers more of the title (the headline, not a blog name above it).
        if best is None or (overlap, shared) > (best[0], best[1]):
            best = (overlap, shared, h1)
    if best is None:
        return None
    overlap, _, h1 = best
    if overlap >= _HEADLINE_OVERLAP:
        return _without_kicker(h1, titles, sections)
    if not titles:
        # No other title survived (all were the site's name): the first real <h1> is the headline.
        return next((h for raw in h1s[:8] if (h := clean_title(raw, site_names=site_names, host=host))), None)
    return None


_KICKER_WORDS = 4
_BRACKETED_TAIL = re.compile(r"\s*[\[(][^\[\]()]{1,30}[\])]$")
_KICKER_SEPARATOR = re.compile(r"^(?P<kicker>.+?)\s*\|\s+")


def _without_kicker(h1: str, titles: Sequence[str], sections: set[str]) -> str:
    """The ``<h1>`` without a label glued to it: a leading section name ("Opinion …", "Politics | …"), a
    leading date, or a bracketed tag at the end ("… [Watch]", "… (video)"). Only when a markup title gives the
    headline without it, so a label is never guessed."""
    keys = {fold(title) for title in titles if len(fold(title)) >= 12}
    words = h1.split()
    for cut in range(1, min(_KICKER_WORDS, len(words) - 2) + 1):
        kicker, rest = " ".join(words[:cut]), " ".join(words[cut:])
        rest = rest.lstrip("|:–—- ")
        if fold(rest) not in keys:
            continue
        label = kicker.rstrip(":|–—- ")
        if (
            fold(label) in sections
            or is_genre_label(label)
            or parse_datetime(label) is not None
            or _KICKER_SEPARATOR.match(h1)
        ):
            return rest
    tail = _BRACKETED_TAIL.search(h1)
    if tail and fold(h1[: tail.start()]) in keys:
        return h1[: tail.start()].rstrip()
    return h1


def _person_nodes(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for item in value:
            yield from _person_nodes(item)
    elif isinstance(value, dict):
        if "person" in _types(value):
            yield value
        for key in ("author", "creator", "publisher"):
            if key in value and value[key] is not value:
                yield from _person_nodes(value[key])


_BYLINE_LABEL = re.compile(r"^(?:written\s+)?by\s*:?\s*", re.IGNORECASE)


def _personal_site_keys(candidates: MetadataCandidates, site_names: list[tuple[str, str]], url: str | None) -> set[str]:
    """Site names that are a person's name: a personal blog is named after its author, who is then a person,
    not the organisation. Known when a field meant for authors (JSON-LD ``author``, ``<meta name=author>``, a
    byline element) gives the name the site goes by (its og:site_name or publisher, or what its host spells),
    and the name reads as a person's ("Kristian Larsen", "Cory Dransfeldt"; not "MLSsoccer", "USA TODAY", "The
    Independent" or "Riverside Clinic")."""
    people = [name for node in candidates.json_ld for person in _person_nodes(node) if (name := _name(person))]
    host = host_of(url) or ""
    sites = {fold(site): site for site, _ in site_names}
    sites.setdefault(host_key(host), "")
    authors = people + [value for _, value in _metas(candidates, _AUTHOR_META)]
    authors += [author for node in candidates.json_ld if isinstance(author := node.get("author"), str)]
    authors += [_BYLINE_LABEL.sub("", text) for text in candidates.bylines]
    authors += list(_written_by_meta(candidates))
    folded_host = fold(host)
    personal = set()
    for name in dict.fromkeys(authors):
        key = fold(name)
        if not key or (key not in sites and key not in folded_host):
            continue
        # The name as written with spaces ("ShawnHymel" for the site "Shawn Hymel"); an all-lower-case author
        # field ("annette thurmon") is read as the name it spells.
        spaced = max((name, sites.get(key) or ""), key=lambda text: len(text.split()))
        cased = spaced.title() if spaced.islower() else spaced
        if len(cased.split()) >= 2 and _reads_as_person(cased):
            personal.add(key)
    return personal


def _reads_as_person(name: str) -> bool:
    """Whether a site's name reads as a person's: no organisation word ("Kneib Dentistry PC", "Freewrite
    Store"), not a masthead in capitals ("USA TODAY"), no acronym beside a word ("CBC Bank", "WSET Global")."""
    words = name.split()
    if name.isupper() or any(len(word) >= 3 and word.isupper() for word in words):
        return False
    return person_name(name) == name


def _authors_from_json_ld(
    articles: list[dict[str, Any]], site_keys: set[str], graph: dict[str, dict[str, Any]] | None = None
) -> Byline:
    names: list[str] = []
    agency = organization = None
    for node in articles:
        author = node.get("author") or node.get("creator")
        people = author if isinstance(author, list) else [author]
        for person in people:
            if isinstance(person, dict) and not person.get("name") and graph:
                # A reference into the page's @graph ({"@id": ".../#/schema/person/…"}): the node it names.
                person = graph.get(str(person.get("@id")), person)
            if isinstance(person, str):
                byline = parse_byline(person, site_keys=site_keys, structured=True)
                names.extend(byline.authors)
                agency = agency or byline.agency
                organization = organization or byline.organization
            elif isinstance(person, dict):
                name = _name(person)
                if not name:
                    continue
                wire = agency_name(name)
                if wire:
                    agency = agency or wire
                elif (
                    _types(person) & {"organization", "newsmediaorganization", "corporation"} or fold(name) in site_keys
                ):
                    organization = organization or name.strip(" ,;|")
                elif (accepted := person_name(name, site_keys=site_keys, structured=True)) is not None:
                    names.append(accepted)
                else:
                    # One Person node is one person: what follows the name is a role or an affiliation
                    # ("Jane Doe, Chief Technology Officer and Head of Labs", "Jane Doe, Riverside Report").
                    head = re.split(r"\s*[,;|]\s*", name, maxsplit=1)[0] or name
                    byline = parse_byline(head, site_keys=site_keys, structured=True)
                    names.extend(byline.authors)
                    agency = agency or byline.agency or parse_byline(name, structured=True).agency
        if names:
            break
    return Byline(tuple(dict.fromkeys(names)), agency, organization)


def _resolve_authors(
    resolved: Resolved,
    candidates: MetadataCandidates,
    articles: list[dict[str, Any]],
    site_keys: set[str],
    header: int | None,
) -> None:
    graph = {node["@id"]: node for node in candidates.json_ld if isinstance(node.get("@id"), str)}
    sources: list[tuple[Byline, str]] = [(_authors_from_json_ld(articles, site_keys, graph), "json-ld")]
    sources.append((_citation_authors(candidates, site_keys), "meta"))
    for _, value in _metas(candidates, _AUTHOR_META):
        if not value.startswith("http"):
            sources.append((parse_byline(value, site_keys=site_keys, structured=True), "meta"))
    for value in _written_by_meta(candidates):
        sources.append((parse_byline(value, site_keys=site_keys, structured=True), "meta"))
    texts = _header_first(candidates.bylines, candidates.visible_text, header)
    others = _credited_for_other_work(texts, site_keys)
    # A page may repeat one byline element hundreds of times (a list of posts by the same people): each
    # distinct text is parsed once.
    parsed = {text: parse_byline(text, site_keys=site_keys) for text in dict.fromkeys(texts)}
    bylines = [parsed[text] for text in texts]
    bylines = [byline._replace(authors=tuple(n for n in byline.authors if fold(n) not in others)) for byline in bylines]
    shorter = _NameIndex(name for byline in bylines for name in byline.authors if len(name.split()) >= 2)
    if (
        header is not None
        and len({fold(name) for byline in bylines for name in byline.authors}) >= _MANY_PEOPLE
        and not _byline_in_header(texts[0], candidates.visible_text, header)
        and not _BY_PREFIX.match(texts[0])
    ):
        bylines = []  # a menu of columnists or a list of related posts, none of them in the article header
    for byline in bylines:
        sources.append((byline._replace(authors=shorter.narrowest(byline.authors)), "byline"))
    if candidates.visible_text:
        for text in _WRITTEN_BY.findall(candidates.visible_text[:50_000]):
            sources.append((parse_byline(text, site_keys=site_keys), "byline"))
        for start in _headline_ends(candidates.visible_text, resolved.get("title"), header):
            texts = _bylines_after_headline(candidates.visible_text, start)
            for text in texts:
                sources.append((parse_byline(text, site_keys=site_keys), "byline"))
            if texts:
                break
    for byline, source in sources:
        resolved.set("authors", byline.authors, source)
        resolved.set("agency", byline.agency, source)
        resolved.set("organization", byline.organization, source)


_HEADER_WINDOW = 400
# Byline elements naming this many people, none in the article header, are a list (columnists, related posts).
_MANY_PEOPLE = 4


def _byline_in_header(text: str, visible: str | None, header: int | None) -> bool:
    return visible is not None and header is not None and text in visible[header : header + _HEADER_WINDOW]


_CITATION_AUTHOR_META = ("citation_author", "citation_authors")
_LAST_FIRST = re.compile(r"^(?P<last>[^,]+),\s*(?P<first>[^,]+)$")


def _citation_authors(candidates: MetadataCandidates, site_keys: set[str]) -> Byline:
    """The authors a scholarly page lists, one ``citation_author`` meta tag each, in order, written "Last,
    First" (the Highwire convention) or "First Last"."""
    names: list[str] = []
    for _, value in _metas(candidates, _CITATION_AUTHOR_META):
        match = _LAST_FIRST.match(value.strip())
        person = f"{match['first']} {match['last']}" if match else value
        name = person_name(person, site_keys=site_keys, structured=True)
        if name:
            names.append(name)
    return Byline(tuple(dict.fromkeys(names)), None, None)


def _header_first(texts: list[str], visible: str | None, header: int | None) -> list[str]:
    """Byline elements printed in the article header (within ``_HEADER_WINDOW`` characters after the headline)
    first, the rest in page order: a menu of columnists or a list of related posts comes before the header in
    the page's markup as often as after it."""
    if not texts or visible is None or header is None:
        return texts
    near = visible[header : header + _HEADER_WINDOW]
    return sorted(texts, key=lambda text: (text not in near, not _BY_PREFIX.match(text)))


# A byline element that says so: "By Jane Doe", "Written by: Jane Doe", "By — Jane Doe, AP".
_BY_PREFIX = re.compile(r"^(?:(?:written|posted|reported)\s+)?by\b", re.IGNORECASE)


_COMMENTER = re.compile(r"\s+(?:says|said|wrote|replied)\s*:?\s*$", re.IGNORECASE)
_CREDIT_LABEL = re.compile(r"^.*?\bby\b\s*:?\s*", re.IGNORECASE)


def _credited_for_other_work(texts: list[str], site_keys: set[str]) -> set[str]:
    """Folded names the page credits for other work than the writing: reviewers and fact-checkers ("Reviewed by
    Jane Doe"), and commenters ("Jane Doe says:"). Their name elsewhere on the page is not a byline."""
    others: set[str] = set()
    for text in texts:
        if is_credit_not_authorship(text):
            rest = _CREDIT_LABEL.sub("", text, count=1)
        elif _COMMENTER.search(text):
            rest = _COMMENTER.sub("", text)
        else:
            continue
        others.update(fold(name) for name in parse_byline(rest, site_keys=site_keys).authors)
    return others


# "Written by Jane Doe", "Contributors: Jane Doe" in the page text: the label says the name that follows is the
# author (a bare "Author" needs its colon to be a label). The page text has
# no line breaks, so the name is read as a first and a last name (with a middle initial, if any), never more.
_WRITTEN_BY = re.compile(
    r"(?:\b(?:[Ww]ritten|[Aa]rticle|[Ww]ords) [Bb]y:?|\b(?:Authors?|Contributors?|AUTHORS?|CONTRIBUTORS?):)"
    r"\s+([A-Z][\w'’-]+(?:\s+[A-Z]\.)?\s+[A-Z][\w'’-]+)"
)


def _headline_ends(text: str, title: Any, first: int | None, *, limit: int = 3) -> Iterator[int]:
    """Where the headline ends in the page text: its first appearance (``first``, shared with the date line),
    then up to ``limit - 1`` later ones, for pages that print it in a menu or a list of posts before the
    article's own header."""
    if first is None or not isinstance(title, str):
        return
    yield first
    key = title[:40].casefold()
    folded: str | None = None
    position = first
    for _ in range(limit - 1):
        folded = folded if folded is not None else text.casefold()
        found = folded.find(key, position)
        if found < 0:
            return
        position = found + len(title)
        yield position


# "By Jane Doe" in the article header, just after the headline. The page text has no line breaks, so the name
# is a first and a last name (with initials, if any) after the label, and it must end there: at punctuation, a
# lower-case word, a number, a month ("By Sofia Gonzalez December 2, 2025"), a word that starts the next text
# ("By Jane Doe The council …", "… View In Digital Edition") or a dateline in capitals. A three-word name ("Md
# Aynal Haque") needs a hard end (punctuation, a capitalised dateline, a date, the end of the text): after it,
# a lower-case word may be the article's ("By Jane Doe Apple has …"). Other runs ("By Field Level Media Staff")
# cannot be cut safely: no name.
def _compound_word(word: str) -> bool:
    """ "Hot-swappable", "Co-founder": each part of a double-barrelled name is capitalised ("Martínez-Beltrán"),
    a compound word's are not."""
    return any(part[:1].islower() for part in word.split("-")[1:])


_BY_LABEL = re.compile(r"\b[Bb]y:?\s+(?=[A-Z])")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’-]+|[A-Z]\.)$")
_NAME_END = frozenset(",;:·|•–—()")
_MONTH_OR_DAY = re.compile(
    r"^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|"
    r"fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?,?$",
    re.I,
)
# A word before a lower-case "by" makes it a phrase ("brought to you by …", a menu's "Guidance by Sector"),
# unless the word is one of these labels.
_DATE_LABELS = frozenset({"published", "updated", "posted", "on"})
_BY_LABEL_WORDS = frozenset({"written", "posted", "published", "reported", "words", "article", "story"})


def _bylines_after_headline(text: str, start: int, *, window: int = 300) -> list[str]:
    """The "By Jane Doe" names printed within ``window`` characters of ``start``, the end of the headline; else
    the name a date line gives after a dot or a bar ("Dec 26, 2025 • Jane Doe")."""
    names = []
    for match in _BY_LABEL.finditer(text, start, start + window):
        before = text[max(0, match.start() - 25) : match.start()].split()
        word = before[-1] if before else ""
        if is_credit_not_authorship(f"{word} by"):  # "Photos by …", "Reviewed by …": not the writing
            continue
        # lower-case "by" is a label after the headline itself or with a colon ("… in a Nutshell by: Ziyi Xu")
        label = ":" in match.group(0) or not text[start : match.start()].strip()
        if match.group(0)[0] == "b" and word.isalpha() and word.casefold() not in _BY_LABEL_WORDS and not label:
            continue
        name = _name_run(text[match.end() : match.end() + 80].split())
        if name:
            names.append(name)
    if not names:
        # A header line without "By": "Dec 26, 2025 • Jane Doe in Project News", "2025-12-17 · Jane Doe"
        for match in DATE_THEN_NAME.finditer(text, start, start + window):
            name = _name_run(text[match.end() : match.end() + 80].split())
            if name:
                names.append(name)
                break
    return names


def _name_run(words: list[str]) -> str | None:
    """The first and last name (and initials) ``words`` start with, when the name clearly ends there."""
    name: list[str] = []
    for word in words[:5]:
        core = word.rstrip("".join(_NAME_END))
        if not _NAME_WORD.match(core) or _MONTH_OR_DAY.match(core) or core.casefold() in _DATE_LABELS:
            break
        if name and (
            starts_text(core) or (len(core) > 2 and core.isupper() and not name[0].isupper()) or _compound_word(core)
        ):
            # the article's text ("The …", "Hot-swappable …") or a dateline in capitals ("RAJSHAHI, Dec 20")
            break
        name.append(core)
        if core != word:
            break
    role = next((i for i, word in enumerate(name) if i >= 2 and is_role_word(word)), None)
    if role is not None:  # "By Preetam Jinka Co-founder and Chief Architect": the role ends the name
        name = name[:role]
    if not name or name[-1].endswith(".") or starts_text(name[0]):
        return None
    words_of_name = len(name) - sum(len(word) == 2 and word.endswith(".") for word in name)
    if words_of_name not in (2, 3) and not (words_of_name == 1 and len(name) >= 2):
        return None  # a first and a last name, a three-part name, or initials and a last name ("A. J. Neal")
    if len({word.isupper() for word in name if len(word) > 2}) > 1:
        return None  # "JWU Last updated …": an acronym beside a capitalised word is not a name
    following = words[len(name)] if len(words) > len(name) else ""
    hard_end = role is not None or following == "" or words[len(name) - 1] != name[-1]
    hard_end = hard_end or following[:1] in _NAME_END or bool(_MONTH_OR_DAY.match(following))
    hard_end = hard_end or following.rstrip(":").casefold() in _DATE_LABELS  # "By Daryl Austin Published …"
    hard_end = hard_end or (len(following) > 2 and following.rstrip(",").isupper())  # a dateline: "RAJSHAHI,"
    if hard_end:
        return " ".join(name)  # a role, the end of the text, a punctuation mark, a date or a dateline ends it
    if words_of_name == 3:
        return None
    if not following[:1].isupper() or starts_text(following) or _compound_word(following):
        return " ".join(name)  # a lower-case word, or the first word of the text that follows
    return None


def _written_by_meta(candidates: MetadataCandidates) -> Iterator[str]:
    """The author Yoast-style pages state as a twitter label/data pair ("Written by" / "Jane Doe")."""
    for index in range(1, 5):
        labels = candidates.meta.get(f"twitter:label{index}", ())
        if any(label.strip().casefold() == "written by" for label in labels):
            yield from candidates.meta.get(f"twitter:data{index}", ())


class _NameIndex:
    """The page's byline names by their words, to find a name's shorter readings without comparing every pair
    (a list of posts may hold thousands of bylines)."""

    def __init__(self, names: Iterable[str]) -> None:
        # Per word sequence, the shortest name that spells it, the first in page order among equals.
        self._by_words: dict[tuple[str, ...], tuple[int, int, str]] = {}
        for order, name in enumerate(names):
            words = tuple(name.split())
            entry = (len(name), order, name)
            known = self._by_words.get(words)
            if known is None or entry[:2] < known[:2]:
                self._by_words[words] = entry

    def narrowest(self, names: tuple[str, ...]) -> tuple[str, ...]:
        """Each name as the page's narrowest byline element gives it: a byline block reads "Jim Walsh Cherry
        Hill Courier-Post" or "Celeste Longacre Gardener", while the element inside it holds only "Jim Walsh"."""
        narrowed = []
        for name in names:
            tokens = tuple(name.split())
            prefixes = [entry for size in range(1, len(tokens)) if (entry := self._by_words.get(tokens[:size]))]
            narrowed.append(min(prefixes)[2] if prefixes else name)
        return tuple(dict.fromkeys(narrowed))


# Meta keys by which a publisher declares the article's own dates; the rest of the date keys are generic
# (a crawl, template or file date) and need the date to be shown on the page.
_GENERIC_DATE_META = frozenset(
    {
        "date",
        "dc.date",
        "dcterms.created",
        "article_date_original",
        "og:updated_time",
        "dcterms.modified",
        "last-modified",
        "lastmod",
    }
)
_DECLARED_META = frozenset(_PUBLISHED_META + _MODIFIED_META) - _GENERIC_DATE_META
_KNOWN_DATE_META = frozenset(_PUBLISHED_META + _MODIFIED_META)
_PUBLICATION_KEY = re.compile(r"publish|publication|pub[_.-]?date|date[_.-]?pub|firstpub")
_NOT_PUBLICATION_KEY = re.compile(r"last|expir|modif|updat|principle|robots|type|auto|premium|smart|platform")


class _DateCandidate(NamedTuple):
    value: datetime
    source: str
    #: Declared by the publisher for the article itself (JSON-LD article node, article:published_time):
    #: evidence even when the page does not print it.
    declared: bool
    #: The text a ``<time>`` element shows for it ("Dec 19, 2025", "25.Jun.2019", "a day ago").
    shown_as: str = ""


def _date_candidates(
    candidates: MetadataCandidates, articles: list[dict[str, Any]], keys: Sequence[str], meta_keys: Sequence[str]
) -> Iterator[tuple[Any, str, bool]]:
    for node in articles:
        # A WebPage node's dates are often a CMS template's (every page of the site gets them): not declared.
        declared = bool(_types(node) & _ARTICLE_TYPES)
        for key in keys:
            yield node.get(key), "json-ld", declared
    for key, value in _metas(candidates, meta_keys):
        yield value, "opengraph" if key.startswith(("og:", "article:")) else "meta", key in _DECLARED_META
    if meta_keys is _PUBLISHED_META:
        # Publication keys of other vocabularies ("published", "w-published-date", "cxenseparse:publishtime",
        # "date-pub"): named for the article's publication, so declared like article:published_time.
        for key, values in candidates.meta.items():
            if key not in _KNOWN_DATE_META and _PUBLICATION_KEY.search(key) and not _NOT_PUBLICATION_KEY.search(key):
                for value in values:
                    yield value, "meta", True


class _PageEvidence(NamedTuple):
    """What the page's visible text says about dates, for choosing among the markup's candidates."""

    dates: set[date]  # every day printed on the page
    header: set[date] | None  # days printed around the headline (its date line); None: headline not found
    header_text: str  # the text around the headline, where a <time> shows its date in its own words
    moments: list[datetime]  # dates printed with a time of day, as the page writes them
    zones: Sequence[tzinfo]  # time zones of the page's own stamps


# The article header around the headline, where its date line is printed: a little before it ("Back to blog ·
# Dec 12, 2025 · 4 min read" above the title) and the byline block after it.
_HEADER_BEFORE = 100
_HEADER_AFTER = 300
# Without a known header, the first dates of the page stand for it when matching a stamp's time of day.
_UNPLACED_DATES = 10


def _page_evidence(
    candidates: MetadataCandidates,
    scan: PageDates,
    title: str | None,
    header: int | None,
    time_readings: dict[str, ParsedDate | None],
) -> _PageEvidence:
    text = candidates.visible_text or ""
    around: set[date] | None = None
    around_text = ""
    header_printed: list[PrintedDate] = []
    if header is not None and title:
        around = set()
        for start, end in headline_spans(text, title):
            window = (max(0, start - _HEADER_BEFORE), end + _HEADER_AFTER)
            around |= dates_between(scan, *window)
            around_text += " " + text[window[0] : window[1]]
            header_printed += [p for p in scan.printed if window[0] <= p.start < window[1]]
    labelled = [p for p in scan.printed if p.label == "published"]
    if around is not None:
        # A date the page labels "Published …" is the article's wherever it is printed (often below the article).
        around |= {day for printed in labelled for day in printed.dates}
    else:
        header_printed = list(scan.printed[:_UNPLACED_DATES])
    moments = printed_moments(text, scan, dict.fromkeys(header_printed + labelled))
    return _PageEvidence(scan.dates, around, around_text, moments, _page_zones(time_readings))


def _resolve_dates(
    resolved: Resolved,
    candidates: MetadataCandidates,
    articles: list[dict[str, Any]],
    url: str | None,
    now: datetime,
    header: int | None,
) -> None:
    found: list[_DateCandidate] = []
    future: list[str] = []
    for raw, source, declared in _date_candidates(
        candidates, articles, ("datePublished", "dateCreated"), _PUBLISHED_META
    ):
        parsed = parse_datetime(raw)
        if parsed is None:
            continue
        if parsed.value > now:
            future.append(source)
        elif plausible(parsed.value, now):
            found.append(_DateCandidate(parsed.value, describe(source, parsed), declared))
    modified: list[_DateCandidate] = []
    for raw, source, declared in _date_candidates(candidates, articles, ("dateModified",), _MODIFIED_META):
        parsed = parse_datetime(raw)
        if parsed is not None and plausible(parsed.value, now):
            modified.append(_DateCandidate(parsed.value, describe(source, parsed), declared))
    scan = scan_page_dates(candidates.visible_text) if candidates.visible_text is not None else None
    title = resolved.get("title")
    # Each <time>'s stamp and text, parsed once: for the page's time zones and for the candidates.
    time_readings = {raw: parse_datetime(raw) for stamp, text in candidates.times for raw in (stamp, text)}
    evidence = (
        _page_evidence(candidates, scan, title if isinstance(title, str) else None, header, time_readings)
        if scan is not None
        else None
    )
    updates: list[_DateCandidate] = []
    for stamp, text in candidates.times:
        parsed = _time_stamp(stamp, text, time_readings)
        if parsed is not None and plausible(parsed.value, now):
            # A <time> that reads "Last updated: …" dates a change to the article, not its publication.
            (updates if says_updated(text) else found).append(
                _DateCandidate(parsed.value, describe("time", parsed), False, text)
            )
    from_url = date_from_url(url)
    if from_url is not None and plausible(from_url, now):
        found.append(_DateCandidate(from_url, "url; date only, timezone assumed UTC", True))
    news = any("newsarticle" in kind or kind == "liveblogposting" for node in articles for kind in _types(node))
    chosen = _choose_date(found, evidence)
    if scan is not None and candidates.visible_text is not None and header is not None and isinstance(title, str):
        in_header = header_date(
            scan, headline_spans(candidates.visible_text, title), after=_HEADER_AFTER, before=_HEADER_BEFORE
        )
        if in_header is not None:
            resolved.headline_date, resolved.headline_date_before = in_header
            if chosen is not None and _header_overrules(in_header, chosen, modified):
                source = chosen[1].split(";")[0]
                chosen = (
                    datetime(in_header.day.year, in_header.day.month, in_header.day.day, tzinfo=UTC),
                    "page text (after the headline); date only, timezone assumed UTC; "
                    f"the {source} date is not shown on the page",
                )
    if chosen is not None:
        note = f"; later than fetch time in {', '.join(dict.fromkeys(future))}" if future else ""
        resolved.set("published", chosen[0], chosen[1] + note)
    elif found:
        resolved.provenance["published"] = f"not set: {found[0].source.split(';')[0]} date not shown on the page"
    chosen_modified = _choose_date(modified + updates, evidence)
    if chosen_modified is not None:
        resolved.set("modified", *chosen_modified)
    resolved.news_article = news
    resolved.page_dates = scan.dates if scan is not None else None
    if scan is not None and candidates.visible_text is not None:
        resolved.labelled_date = scan.published
        resolved.labelled_original = any(
            printed.label == "original" and printed.dates == {scan.published} for printed in scan.printed
        )
        resolved.labelled_update = scan.updated


def _header_overrules(in_header: HeaderDate, chosen: tuple[datetime, str], modified: list[_DateCandidate]) -> bool:
    """Whether the date printed under the headline overrules a declared date the page never shows: a CMS
    restamps ``datePublished`` when it migrates or republishes a story, while the article keeps printing its
    first date. Only an earlier date counts, and not one the publisher declares as the modification (an
    update shown without its label)."""
    day = in_header.day
    return (
        chosen[1].endswith("not shown on the page")
        and not in_header.before
        and day < chosen[0].date()
        and all(abs(candidate.value.date() - day) > timedelta(days=1) for candidate in modified)
    )


def _time_stamp(stamp: str, text: str, readings: dict[str, ParsedDate | None]) -> ParsedDate | None:
    """A ``<time>`` element's date: its ``datetime`` attribute (in the zone its text names when the attribute
    gives none: "2023-12-22 05:00:00" shown as "12/22/2023 05:00 AM EST"), else its text. ``readings`` holds
    ``parse_datetime`` of both."""
    parsed = readings[stamp]
    if parsed is None:
        return readings[text]
    if parsed.zone_assumed and not parsed.date_only:
        local = in_stated_zone(parsed.value.replace(tzinfo=None), text)
        if local is not None:
            return ParsedDate(local, False, False)
    return parsed


def _page_zones(time_readings: dict[str, ParsedDate | None]) -> list[tzinfo]:
    """Time zones the page itself writes its times in (``<time datetime="…-05:00">``, "11:00 pm EST"), from
    its ``<time>`` elements' stamps and texts, parsed."""
    zones: dict[timedelta | None, tzinfo] = {}
    for parsed in time_readings.values():
        if parsed is not None and not parsed.zone_assumed and parsed.value.tzinfo is not None:
            zones.setdefault(parsed.value.utcoffset(), parsed.value.tzinfo)
    return list(zones.values())


def _in_shown_zone(value: datetime, page_dates: set[date], zones: Sequence[tzinfo]) -> datetime | None:
    """``value`` in the page's own time zone when that makes its day the one printed on the page (a UTC stamp
    of 04:00 on the 22nd that the page shows as "Dec. 21, 11:00 pm EST")."""
    if value.date() in page_dates:
        return None
    for zone in zones:
        local = value.astimezone(zone)
        if local.date() in page_dates:
            return local
    return None


def _shows_itself(candidate: _DateCandidate) -> bool:
    """A ``<time>`` whose own text shows its day, in a format the page text scan does not read ("12/19 —
    2025")."""
    return bool(candidate.shown_as) and text_shows_day(candidate.shown_as, candidate.value)


def _date_in_header(candidate: _DateCandidate, evidence: _PageEvidence) -> bool:
    """Whether the article header (around the headline) prints ``candidate``, or the header is not known."""
    if evidence.header is None or shown(candidate.value, evidence.header):
        return True
    return len(candidate.shown_as) >= 4 and candidate.shown_as in evidence.header_text


def _choose_date(found: list[_DateCandidate], evidence: _PageEvidence | None) -> tuple[datetime, str] | None:
    """The first candidate readers can see on the page (or that the URL states); else the first date the
    publisher declares for the article in structured data. A markup date that is neither shown nor declared
    (a WebPage template's, a stray ``<time>``) is not evidence of when the article appeared, and one that is
    not declared must be printed in the article's header when the header is known (not in a comment or a
    list of other stories)."""
    if not found:
        return None
    if evidence is None:
        return found[0].value, found[0].source
    for candidate in found:
        if candidate.source.startswith("url"):
            return candidate.value, candidate.source
        if not candidate.declared and not _date_in_header(candidate, evidence):
            continue
        if "date only" not in candidate.source:
            printed = as_printed(candidate.value, evidence.moments)
            if printed is not None:
                return printed, f"{candidate.source}; shown on the page with its time of day, in the page's time zone"
        if not (shown(candidate.value, evidence.dates) or _shows_itself(candidate)):
            continue
        days = evidence.header or evidence.dates
        local = _in_shown_zone(candidate.value, days, evidence.zones)
        if local is not None:
            return local, f"{candidate.source}; shown on the page in the page's time zone"
        return candidate.value, f"{candidate.source}; shown on the page"
    for candidate in found:
        if candidate.declared:
            return candidate.value, f"{candidate.source}; not shown on the page"
    return None


def _resolve_links(
    resolved: Resolved, candidates: MetadataCandidates, articles: list[dict[str, Any]], url: str | None
) -> None:
    options: list[tuple[str | None, str]] = [(candidates.canonical, "link-canonical")]
    options.append((_first_meta(candidates, "og:url"), "opengraph"))
    for node in articles:
        options.append((_url_value(node.get("mainEntityOfPage")) or _url_value(node.get("url")), "json-ld"))
    for raw, source in options:
        canonical = clean_url(raw, base=url)
        if canonical is None:
            continue
        if url and is_homepage(canonical) and not is_homepage(url):
            continue  # a canonical to the front page is a template default, not this article
        if url and not same_site(canonical, url):
            # Syndicated copies point to the original publisher: useful to know, but not this page's address.
            resolved.set("syndication_source", canonical, source)
            continue
        resolved.set("canonical_url", canonical, source)
        break
    image = _first_meta(candidates, "og:image", "og:image:url", "twitter:image", "twitter:image:src")
    if image is None:
        for node in articles:
            image = _url_value(node.get("image"))
            if image:
                break
    resolved.set("image", clean_url(image, base=url), "opengraph")


def complete(
    resolved: Resolved,
    *,
    paragraphs: Sequence[str],
    now: datetime | None = None,
) -> Resolved:
    """Add what the clean text says: dateline and agency, dates it implies, language, counts and hashes."""
    now = now or datetime.now(UTC)
    text = "\n\n".join(paragraphs)
    dateline = find_dateline(paragraphs)
    if dateline is not None:
        resolved.set("dateline", dateline.text, "text")
        resolved.set("dateline_place", dateline.place, "dateline")
        resolved.set("agency", dateline.agency, "dateline")
        _dateline_date(resolved, dateline.month, dateline.day, dateline.year, now)
    html = resolved.fallback_html
    _text_dates(resolved, now)
    update = resolved.labelled_update
    if "modified" not in resolved.values and update is not None:
        update_day = datetime(update.year, update.month, update.day, tzinfo=UTC)
        if plausible(update_day, now):
            resolved.set("modified", update_day, "page text (labelled update); date only, timezone assumed UTC")
    if "published" not in resolved.values and html and "published" not in resolved.provenance:
        _htmldate_fallback(resolved, html, now)
    published, modified = resolved.get("published"), resolved.get("modified")
    if modified is not None and published is not None and modified < published:
        resolved.replace("modified", None, "")
        resolved.provenance["modified"] = "dropped: earlier than published"
    language = resolve_language(resolved.html_lang, text)
    if language is not None:
        resolved.set("language", language.language, language.source)
    for field, value in computed_fields(text).items():
        if value is not None:
            resolved.replace(field, value, "computed")
    return resolved


def _text_dates(resolved: Resolved, now: datetime) -> None:
    """The published date the page text gives when the markup gave none: a date labelled "originally
    published" (a republished story's first date), then the article header's date line, then any date a
    publication label introduces ("Published on …", "Posted", "Date: …")."""
    labelled, header = resolved.labelled_date, resolved.headline_date
    side = "before" if resolved.headline_date_before else "after"
    options = [
        (labelled if resolved.labelled_original else None, "page text (originally published)"),
        (header, f"page text ({side} the headline)"),
        (labelled, "page text (labelled date)"),
    ]
    for day, source in options:
        if day is None or "published" in resolved.values:
            continue
        value = datetime(day.year, day.month, day.day, tzinfo=UTC)
        if plausible(value, now):
            resolved.set("published", value, f"{source}; date only, timezone assumed UTC")


def _dateline_date(resolved: Resolved, month: int | None, day: int | None, year: int | None, now: datetime) -> None:
    if month is None or day is None:
        return
    published: datetime | None = resolved.get("published")
    if year is None and published is not None:
        # The dateline omits the year; the markup's date gives it when the two agree within a day.
        for candidate_year in (published.year, published.year - 1):
            try:
                guess = datetime(candidate_year, month, day, tzinfo=UTC)
            except ValueError:
                continue
            if abs(guess.date() - published.date()) <= timedelta(days=1):
                year = candidate_year
                break
    if year is None:
        resolved.set("dateline_date", f"--{month:02d}-{day:02d}", "dateline; year not stated")
        return
    try:
        value = datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return
    resolved.set("dateline_date", value.date().isoformat(), "dateline")
    if plausible(value, now):
        resolved.set("published", value, "dateline; date only, timezone assumed UTC")


def _htmldate_fallback(resolved: Resolved, html: str, now: datetime) -> None:
    if resolved.page_dates is not None and not resolved.page_dates and not resolved.news_article:
        return  # its date would be used only if the page showed it, and the page shows no date: skip the parse
    try:
        from htmldate import find_date

        found = find_date(
            html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d", max_date=now.strftime("%Y-%m-%d")
        )
    except Exception:  # htmldate raises several undocumented types on odd markup; no date is the honest answer
        return
    parsed = parse_datetime(found) if found else None
    if parsed is None or not plausible(parsed.value, now):
        return
    if resolved.page_dates is None:
        resolved.set("published", parsed.value, describe("htmldate", parsed))
    elif shown(parsed.value, resolved.page_dates):
        resolved.set("published", parsed.value, describe("htmldate", parsed) + "; shown on the page")
    elif resolved.news_article:
        resolved.set("published", parsed.value, describe("htmldate", parsed) + "; not shown on the page")

"""The title: the visible <h1> that the markup's titles confirm, else the best markup title, cleaned."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .._dom import MetadataCandidates
from ._clean import fold
from ._dates import parse_datetime
from ._markup import metas, name_of
from ._resolved import Resolved
from ._title import (
    clean_title,
    is_genre_label,
    media_flag,
    publisher_label,
    site_segment,
    strip_media_tag,
    strip_unknown_site_suffix,
)


def resolve_title(
    resolved: Resolved,
    candidates: MetadataCandidates,
    articles: list[dict[str, Any]],
    site_names: Sequence[str],
    host: str | None,
    url_sections: Sequence[str] = (),
) -> None:
    """``url_sections``: the folders of the page's URL path ("district" in /district/343604)."""
    raw: list[tuple[str, str]] = []
    for node in articles:
        headline = name_of(node.get("headline")) or name_of(node.get("name"))
        if headline:
            raw.append((headline, "json-ld"))
    for key, value in metas(candidates, ("og:title", "twitter:title", "dc.title", "parsely-title")):
        raw.append((value, "opengraph" if key.startswith("og:") else "meta"))
    if candidates.title_tag:
        raw.append((candidates.title_tag, "title-tag"))
    named_sections = list(candidates.meta.get("article:section", ()))
    named_sections += [section for node in articles if isinstance(section := name_of(node.get("articleSection")), str)]
    named_sections += url_sections
    label = publisher_label([value for value, _ in raw], candidates.h1[:8])
    _set_title(resolved, candidates, raw, named_sections, site_names, host, label)
    for value in [value for value, _ in raw] + candidates.h1[:8]:
        if ")" not in value and "]" not in value:
            continue  # no tag: most titles, spared a second cleaning
        tagged = clean_title(
            value, site_names=site_names, host=host, sections=named_sections, kept_label=label, keep_media_tag=True
        )
        flag = media_flag(tagged) if tagged else None
        if flag and tagged:
            resolved.tagged_headlines.append((flag, fold(strip_media_tag(tagged))))


def flag_media_tags(resolved: Resolved) -> None:
    """Flag what a media tag said ("… (video)" → "video") when the headline it followed is the final title (after
    the text cleaner took any "UPDATED:" off it): the tag left the title, what it says comes with the story stays,
    as an "UPDATED:" marker's does."""
    title = resolved.get("title")
    if title is None:
        return
    key = fold(title)
    for flag, headline in resolved.tagged_headlines:
        if headline == key and flag not in resolved.flags:
            resolved.flags.append(flag)


def _set_title(
    resolved: Resolved,
    candidates: MetadataCandidates,
    raw: list[tuple[str, str]],
    named_sections: list[str],
    site_names: Sequence[str],
    host: str | None,
    label: str,
) -> None:
    cleaned = [
        (title, source)
        for value, source in raw
        if (title := clean_title(value, site_names=site_names, host=host, sections=named_sections, kept_label=label))
    ]
    sections = {fold(section) for section in named_sections}
    headline = _visible_headline(
        candidates.h1, candidates.h1_joined, [t for t, _ in cleaned], sections - {""}, site_names, host, label
    )
    if headline is not None:
        # The headline readers see, when the markup's titles confirm it is the article's.
        resolved.set("title", headline, "h1")
        return
    # A template's placeholder names no article. A headline that says "Home" is confirmed by the <h1> above.
    cleaned = [(title, source) for title, source in cleaned if fold(title) not in PLACEHOLDER_TITLES]
    if not cleaned:
        return
    texts = [title for title, _ in cleaned]
    # A headline that two independent sources agree on wins; otherwise the first by source priority. The sources
    # of each folded title, in order, are gathered once: a page may carry thousands of JSON-LD headlines.
    keys = [fold(title) for title, _ in cleaned]
    sources_by_key: dict[str, list[str]] = {}
    for key, (_, source) in zip(keys, cleaned, strict=True):
        sources = sources_by_key.setdefault(key, [])
        if source not in sources:
            sources.append(source)
    for key, (title, source) in zip(keys, cleaned, strict=True):
        agreeing = next((other for other in sources_by_key[key] if other != source), None)
        if agreeing is not None:
            resolved.set("title", title, f"{source} (agrees with {agreeing})")
            return
    title, source = cleaned[0]
    if source == "title-tag" or len(cleaned) > 1:
        title = strip_unknown_site_suffix(title, [t for t in texts if t != title])
    segment = site_segment(title)
    if segment is not None and any(fold(h1) == segment[1] for h1 in candidates.h1):
        title = segment[0]  # the logo's <h1> names the site: "… | City News" under <h1>City News</h1>
    resolved.set("title", title, source)


#: Titles that templates and editors leave in place of one, which name no article (folded: "(No title)" and "no
#: title", "HomePage" and "Home page" are one).
PLACEHOLDER_TITLES = frozenset(
    fold(title)
    for title in (
        "Untitled",
        "Untitled document",
        "Untitled page",
        "New document",
        "New page",
        "Document",
        "Home",
        "Home page",
        "Index",
        "Default",
        "Page title",
        "Title",
        "No title",
    )
)


# Words that say nothing about what a headline is about, left out when ranking <h1>s by the words they share.
_FUNCTION_WORDS = frozenset(
    "a an the and or but of to in on at for from with by as is are was be your our my its their this that".split()  # noqa: SIM905 - a word list reads better as text
)
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
    kept_label: str = "",
) -> str | None:
    """The ``<h1>`` that shares most of its words with the markup's titles (og:title, JSON-LD, <title>).
    ``kept_label``: the genre label the publisher makes part of the headline (``publisher_label``)."""
    title_words = set().union(*(_words(t) for t in titles)) if titles else set()
    # A logo's <h1> ("City News") is a title's site-name segment, when the site's name is not known otherwise.
    site_segments = {segment[1] for title in titles if (segment := site_segment(title))}
    title_stems = set().union(*(_stems(t) for t in titles)) if titles else set()
    best: tuple[tuple[bool, float, float, int], str] | None = None
    for index, raw in enumerate(h1s[:8]):
        readings = [raw]
        if index < len(h1s_joined) and h1s_joined[index] != raw:
            readings.append(h1s_joined[index])
        scored: list[tuple[int, int, float, str]] = []
        for reading in readings:
            h1 = clean_title(reading, site_names=site_names, host=host, sections=sections, kept_label=kept_label)
            if h1 is None or len(h1) > 300 or fold(h1) in site_segments:
                continue
            stems = _stems(h1)
            if stems:
                shared = len(stems & title_stems)
                scored.append((len(_words(h1) & title_words), shared, shared / len(stems), h1))
        if not scored:
            continue
        # The joined reading only when it matches more title words exactly ("Kotaku's", not "Kotaku 's").
        _, shared, overlap, h1 = max(scored, key=lambda item: item[0])
        content = _stems(h1) - _FUNCTION_WORDS
        content_share = len(content & title_stems) / len(content) if content else 0.0
        # Of the <h1>s the titles confirm, the one sharing more of its content words with them: "in", "to" and the
        # city make a teaser for the next story ("Next in Your Guide to Being Outside in Houston") look as close as
        # the headline. Then the one that covers more of the title (the headline, not a blog name above it).
        rank = (overlap >= _HEADLINE_OVERLAP, content_share, overlap, shared)
        if best is None or rank > best[0]:
            best = (rank, h1)
    if best is None:
        return None
    (_, _, overlap, _), h1 = best
    if overlap >= _HEADLINE_OVERLAP:
        return _label_set_off(_without_kicker(h1, titles, sections, kept_label), titles)
    if not titles:
        # No other title survived (all were the site's name): the first real <h1> is the headline.
        cleaned = (
            clean_title(raw, site_names=site_names, host=host, sections=sections, kept_label=kept_label)
            for raw in h1s[:8]
        )
        return next((h for h in cleaned if h), None)
    return None


_KICKER_WORDS = 4
_BRACKETED_TAIL = re.compile(r"\s*[\[(][^\[\]()]{1,30}[\])]$")
_KICKER_SEPARATOR = re.compile(r"^(?P<kicker>.+?)\s*\|\s+")


# A markup title opening with a short label set off by a colon, bar or dash: "LIVE: Election results 2024".
_SET_OFF_LABEL = re.compile(r"^(?P<label>\S.{0,29}?)(?P<separator>\s*(?:[:|–—]|\s-))\s+\S")


def _label_set_off(h1: str, titles: Sequence[str]) -> str:
    """The ``<h1>`` with a leading label set off as a markup title of the same words sets it off: a badge element
    ("<span class=badge>LIVE</span> Election results") reads "LIVE Election results", and only "LIVE: …" is a
    marker the banner rules take off the title (and keep as a flag)."""
    if _SET_OFF_LABEL.match(h1):
        return h1  # set off already
    words = h1.split()
    for title in titles:
        match = _SET_OFF_LABEL.match(title)
        if match is None or fold(title) != fold(h1):
            continue
        label = fold(match.group("label"))
        for cut in range(1, min(len(words) - 1, 3) + 1):
            if fold(" ".join(words[:cut])) == label:
                return f"{' '.join(words[:cut])}{match.group('separator')} {' '.join(words[cut:])}"
    return h1


def _without_kicker(h1: str, titles: Sequence[str], sections: set[str], kept_label: str = "") -> str:
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
            or (is_genre_label(label) and fold(label) != kept_label)
            or parse_datetime(label) is not None
            or _KICKER_SEPARATOR.match(h1)
        ):
            return rest
    tail = _BRACKETED_TAIL.search(h1)
    if tail and fold(h1[: tail.start()]) in keys:
        return h1[: tail.start()].rstrip()
    return h1

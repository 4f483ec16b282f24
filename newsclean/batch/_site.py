"""Site boilerplate: paragraphs repeated across many pages of one site (a site-wide appeal, a footer line).

A first pass ``observe``s every cleaned Article and counts, per site, on how many distinct pages each paragraph
appears; ``apply`` then removes the paragraphs that are frequent enough and records each as a
``Removal(stage="site")``. Sites are hostnames (serving prefixes such as ``www.``, ``m.``, ``amp.`` dropped,
punycode decoded) of the article's canonical URL or URL; an article without a URL is never changed. Exact
duplicate pages (the same page scraped twice) count once, so a duplicated article is not mistaken for boilerplate.

Memory: one 8-byte fingerprint per distinct paragraph of each distinct page, in one flat array, plus a set entry
per distinct page (about 100 bytes) for telling duplicate pages.
"""

from __future__ import annotations

import hashlib
import math
from array import array
from collections import Counter
from collections.abc import Sequence
from typing import Any

import msgspec
import numpy as np

from .._models import Article, Removal
from ..metadata._computed import computed_fields
from ..metadata._site import readable_domain

RULE_ID = "site.repeated_paragraph"
CATEGORY = "site_boilerplate"


class SiteOptions(msgspec.Struct, frozen=True, kw_only=True):
    """When a paragraph counts as site boilerplate: on at least ``min_pages`` distinct pages of its site *and*
    on at least ``min_share`` of them, for sites with at least ``min_site_pages`` pages.

    The defaults are conservative: a real article paragraph repeats on a handful of pages at most (a quote
    reused in follow-ups, a standard correction notice), while a site-wide appeal or footer sits on nearly
    every page; requiring 5 pages and a fifth of the site keeps quotes and wire-story duplicates.
    """

    min_pages: int = 5
    min_share: float = 0.2
    min_site_pages: int = 10


def site_of(article: Article) -> str | None:
    """The host of the canonical URL, else of the URL, as ``readable_domain`` gives it; None when neither names
    one."""
    return readable_domain(article.canonical_url) or readable_domain(article.url)


def _fingerprint(site: str, paragraph: str) -> int:
    normalized = " ".join(paragraph.casefold().split())
    digest = hashlib.blake2b(f"{site}\x00{normalized}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


class SiteBoilerplate:
    def __init__(self, options: SiteOptions | None = None) -> None:
        self.options = options or SiteOptions()
        self._pages: Counter[str] = Counter()
        self._seen_pages: set[int] = set()
        # Each distinct page's distinct paragraph fingerprints, in one flat array: a paragraph is on as many pages
        # as its fingerprint occurs, which a sorted view of the array answers by binary search. A dict of counts
        # took about 105 bytes a paragraph; this takes 8, and sorting in place needs no second copy.
        self._observed = array("Q")
        self._sorted: np.ndarray | None = None

    def observe(self, article: Article) -> None:
        site = site_of(article)
        if site is None or not article.paragraphs:
            return
        fingerprints = {_fingerprint(site, paragraph) for paragraph in article.paragraphs}
        page = _fingerprint(site, "\x01".join(article.paragraphs))
        if page in self._seen_pages:
            return
        self._seen_pages.add(page)
        self._pages[site] += 1
        self._sorted = None  # the view pins the array's memory: an array that is viewed cannot grow
        self._observed.extend(fingerprints)

    def _pages_with(self, fingerprints: Sequence[int]) -> Any:
        """On how many distinct pages each fingerprint was observed."""
        if self._sorted is None:
            self._sorted = np.frombuffer(self._observed, dtype=np.uint64) if self._observed else np.empty(0, np.uint64)
            self._sorted.sort()
        wanted = np.fromiter(fingerprints, dtype=np.uint64, count=len(fingerprints))
        return np.searchsorted(self._sorted, wanted, "right") - np.searchsorted(self._sorted, wanted, "left")

    def _site_threshold(self, site: str) -> int | None:
        pages = self._pages[site]
        if pages < self.options.min_site_pages:
            return None
        return max(self.options.min_pages, math.ceil(self.options.min_share * pages))

    def apply(self, article: Article) -> Article:
        site = site_of(article)
        if site is None:
            return article
        threshold = self._site_threshold(site)
        if threshold is None:
            return article
        kept: list[str] = []
        removed: list[Removal] = []
        pages = self._pages_with([_fingerprint(site, paragraph) for paragraph in article.paragraphs])
        for index, (paragraph, count) in enumerate(zip(article.paragraphs, pages.tolist(), strict=True)):
            if count >= threshold:
                removed.append(Removal(rule=RULE_ID, category=CATEGORY, stage="site", text=paragraph, paragraph=index))
            else:
                kept.append(paragraph)
        if not removed:
            return article
        text = "\n\n".join(kept)
        return msgspec.structs.replace(
            article,
            text=text,
            paragraphs=tuple(kept),
            status="ok" if kept else "no_content",
            removed=(*article.removed, *removed),
            **computed_fields(text),
        )

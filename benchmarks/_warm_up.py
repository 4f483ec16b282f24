"""Untimed first calls, so that a run's times are the steady cost of each page.

An extractor's first page pays for imports, lazily built objects (newsclean's rules, trafilatura's, a language
model) and the allocator's first pages: 0.5 s of CPU for newsclean's first page against about 0.01 s for later
ones, which over 181 pages is a tenth of its time. jusText's stoplists (all languages, about a second to build)
are loaded by the first page that falls back to it, which would otherwise charge that second to whichever
extractor meets such a page first.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Sequence

from ._data import Page

WARM_UP_PAGES = 3


def warm_up(runners: Iterable[Callable[[str, str | None], object]], pages: Sequence[Page]) -> None:
    """Call each runner on ``pages``, untimed; a failure is no result here (the timed run records its own)."""
    with contextlib.suppress(Exception):
        from trafilatura.external import jt_stoplist_init

        jt_stoplist_init()
    for runner in runners:
        for page in pages:
            with contextlib.suppress(Exception):
                runner(page.html, page.url)

"""Fetching article pages politely and robustly, straight into clean Articles.

>>> import newsclean
>>> article = newsclean.fetch("https://example.org/news/1")  # doctest: +SKIP
>>> for record in newsclean.fetch_many(urls, per_host_concurrency=1):  # doctest: +SKIP
...     ...

Records come back in input order: an ``Article`` per page, or a ``Failure`` with ``stage="fetch"`` and
``error`` set to the reason code (``timeout``, ``connection``, ``dns``, ``status``, ``too_large``,
``content_type``, ``encoding``, ``challenge``, ``consent``, ``robots``, ``private_address``, ``scheme``,
``invalid_url``, ``redirects``). See ``docs/fetch.md``.
"""

from __future__ import annotations

from ._async import AsyncFetcher, afetch_many
from ._discover import discover_urls, parse_feed, parse_sitemap
from ._options import DEFAULT_USER_AGENT, FetchOptions
from ._result import FetchResult
from ._sync import Fetcher, fetch, fetch_many
from ._warc import WarcArchive, iter_warc

__all__ = [
    "DEFAULT_USER_AGENT",
    "AsyncFetcher",
    "FetchOptions",
    "FetchResult",
    "Fetcher",
    "WarcArchive",
    "afetch_many",
    "discover_urls",
    "fetch",
    "fetch_many",
    "iter_warc",
    "parse_feed",
    "parse_sitemap",
]

"""``FetchResult``: everything about one fetched page that a user may need besides the cleaned article."""

from __future__ import annotations

from datetime import datetime

import msgspec

from ._content import media_type


class FetchResult(msgspec.Struct, frozen=True, kw_only=True):
    """One page as the fetcher received it, before cleaning: ``Fetcher.get`` returns it, ``iter_warc`` reads it
    back from an archive. ``clean_html(result.content, url=result.final_url, headers=result.headers,
    source_id=result.url, fetched_at=result.fetched_at)`` gives the Article ``Fetcher.fetch`` would."""

    #: The URL that was asked for.
    url: str
    #: The URL the page was finally served from, after redirects.
    final_url: str
    status_code: int
    #: Response headers of the final response, names lower-cased, repeated headers joined with ", ".
    headers: dict[str, str]
    #: The body, decompressed, as bytes: decoding to text is the core decoder's job (BOM, header, <meta>).
    content: bytes
    #: Every URL that answered with a redirect, in order (empty when there was none).
    redirects: tuple[str, ...] = ()
    http_version: str = "HTTP/1.1"
    #: Bytes received on the wire for the final body (before decompression).
    wire_bytes: int = 0
    #: Seconds: ``wait`` for politeness (per-host slot, delays), ``robots``, ``request`` (redirects, headers
    #: and body of the successful attempt), ``total`` (from the first attempt to the end, retries included).
    timings: dict[str, float] = msgspec.field(default_factory=dict)
    attempts: int = 1
    #: True when the body came from the on-disk cache after a ``304 Not Modified``.
    from_cache: bool = False
    #: When the response arrived (UTC; for a WARC read back, its ``WARC-Date``): the cleaner believes no date
    #: after it.
    fetched_at: datetime | None = None

    @property
    def content_type(self) -> str | None:
        return media_type(self.headers)


def flatten_headers(headers: object) -> dict[str, str]:
    """httpx ``Headers`` to a plain dict, lower-cased names, repeats joined (Set-Cookie lines with "\\n")."""
    import httpx

    assert isinstance(headers, httpx.Headers)
    flat: dict[str, str] = {}
    for name, value in headers.multi_items():
        key = name.lower()
        if key in flat:
            flat[key] += ("\n" if key == "set-cookie" else ", ") + value
        else:
            flat[key] = value
    return flat

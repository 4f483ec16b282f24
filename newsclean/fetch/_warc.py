"""WARC archiving with warcio, so a fetch can be re-cleaned later and benchmarks can replay identical bytes.

Payloads are stored decompressed, as Common Crawl does: the original ``Content-Encoding``,
``Transfer-Encoding`` and ``Content-Length`` headers are kept under ``X-Crawler-*`` names and a correct
``Content-Length`` is written, so any WARC reader gets the page bytes back without decoding them again.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from types import TracebackType

import httpx
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .._fetch_time import parse_fetch_time
from ._flow import meta_refresh_url
from ._result import FetchResult

_RENAMED = {"content-encoding", "transfer-encoding", "content-length"}


def _http_headers(status: int, headers: dict[str, str], body_length: int, http_version: str) -> StatusAndHeaders:
    pairs: list[tuple[str, str]] = []
    for name, value in headers.items():
        if name in _RENAMED:
            pairs.append((f"X-Crawler-{name.title()}", value))
        elif name == "set-cookie":
            pairs.extend((name, line) for line in value.split("\n"))
        else:
            pairs.append((name, value))
    pairs.append(("Content-Length", str(body_length)))
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    return StatusAndHeaders(f"{status} {phrase}".strip(), pairs, protocol=http_version or "HTTP/1.1")


class WarcArchive:
    """Appends one ``response`` record per response. Safe to share between threads."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._file = self.path.open("ab")
        self._writer = WARCWriter(self._file, gzip=self.path.suffix == ".gz" or self.path.name.endswith(".warc.gz"))
        self._lock = threading.Lock()

    def write(
        self,
        *,
        url: str,
        status: int,
        headers: dict[str, str],
        body: bytes,
        http_version: str,
        fetched_at: datetime,
        revalidated: bool = False,
    ) -> None:
        """One ``response`` record; ``revalidated`` when the page came from the cache after a ``304 Not Modified``
        (the record then carries ``X-Newsclean-Revalidated: 304``)."""
        warc_headers = {"WARC-Date": fetched_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
        if revalidated:
            warc_headers["X-Newsclean-Revalidated"] = "304"
        record = self._writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=_http_headers(status, headers, len(body), http_version),
            warc_headers_dict=warc_headers,
        )
        with self._lock:
            self._writer.write_record(record)
            self._file.flush()

    def close(self) -> None:
        with self._lock:
            self._file.close()

    def __enter__(self) -> WarcArchive:
        return self

    def __exit__(self, *exc: object | TracebackType) -> None:
        self.close()


def iter_warc(path: Path | str, *, include_redirects: bool = False) -> Iterator[FetchResult]:
    """Read back the responses of a WARC (ours or another crawler's) as ``FetchResult``s, in file order.

    Redirect hops, and the meta refresh stubs a fetcher follows (``_flow.meta_refresh_url``), are skipped unless
    ``include_redirects``. Feed ``result.content`` and ``result.headers`` to ``Pipeline.clean_html`` to re-clean a
    page exactly as it was fetched.
    """
    with Path(path).open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            status = int(record.http_headers.get_statuscode() or 0)
            if 300 <= status < 400 and not include_redirects:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            headers: dict[str, str] = {}
            for name, value in record.http_headers.headers:
                key = name.lower()
                headers[key] = f"{headers[key]}, {value}" if key in headers else value
            # content_stream() undoes chunking and any Content-Encoding still declared (other crawlers' WARCs).
            body = record.content_stream().read()
            if not include_redirects and is_refresh_stub(body, url):
                continue  # a hop the fetcher followed, like a redirect's
            yield FetchResult(
                fetched_at=_warc_date(record.rec_headers.get_header("WARC-Date")),
                url=url,
                final_url=url,
                status_code=status,
                headers=headers,
                content=body,
                http_version=record.http_headers.protocol or "HTTP/1.1",
                wire_bytes=len(body),
            )


def is_refresh_stub(body: bytes, url: str) -> bool:
    """Whether the page is a meta refresh stub a browser leaves at once ("If you are not redirected, click here"):
    a redirect hop, not a page."""
    try:
        return meta_refresh_url(body, httpx.URL(url)) is not None
    except (httpx.InvalidURL, ValueError):
        return False


def _warc_date(value: str | None) -> datetime | None:
    """A record's ``WARC-Date``, or None when it is absent or unreadable (the page is still worth reading)."""
    try:
        return parse_fetch_time(value) if value else None
    except ValueError:
        return None

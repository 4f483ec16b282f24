"""An on-disk response cache that revalidates: a cached page is asked for again with ``If-None-Match`` /
``If-Modified-Since``, and a ``304 Not Modified`` answer reuses the stored bytes.

Only responses with a validator (``ETag`` or ``Last-Modified``) that can be sent back (ASCII) and without
``Cache-Control: no-store`` are stored. Entries are keyed by the requested URL; writes are atomic (temp file, then
rename), so concurrent fetchers and a crash never leave a torn entry.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import msgspec

from ._result import FetchResult


class CacheEntry(msgspec.Struct, frozen=True, kw_only=True):
    url: str
    final_url: str
    status_code: int
    headers: dict[str, str]
    http_version: str
    etag: str | None = None
    last_modified: str | None = None


class ResponseCache:
    def __init__(self, directory: Path | str) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)

    def _paths(self, url: str) -> tuple[Path, Path]:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        folder = self.directory / digest[:2]
        return folder / f"{digest}.json", folder / f"{digest}.body"

    def load(self, url: str) -> tuple[CacheEntry, Path] | None:
        meta_path, body_path = self._paths(url)
        try:
            entry = msgspec.json.decode(meta_path.read_bytes(), type=CacheEntry)
        except (OSError, msgspec.DecodeError, msgspec.ValidationError):
            return None
        if entry.url != url or not body_path.exists():
            return None
        return entry, body_path

    def conditional_headers(self, entry: CacheEntry) -> dict[str, str]:
        headers = {}
        # Entries stored before validators were checked may hold one that cannot be sent.
        if etag := _sendable(entry.etag):
            headers["If-None-Match"] = etag
        if last_modified := _sendable(entry.last_modified):
            headers["If-Modified-Since"] = last_modified
        return headers

    def store(self, result: FetchResult) -> None:
        etag = _sendable(result.headers.get("etag"))
        last_modified = _sendable(result.headers.get("last-modified"))
        if result.status_code != 200 or not (etag or last_modified):
            return
        if "no-store" in result.headers.get("cache-control", "").lower():
            return
        entry = CacheEntry(
            url=result.url,
            final_url=result.final_url,
            status_code=result.status_code,
            headers=result.headers,
            http_version=result.http_version,
            etag=etag,
            last_modified=last_modified,
        )
        meta_path, body_path = self._paths(result.url)
        meta_path.parent.mkdir(parents=True, exist_ok=True)
        # Body first: a metadata file always points at a complete body.
        _atomic_write(body_path, result.content)
        _atomic_write(meta_path, msgspec.json.encode(entry))


def _sendable(validator: str | None) -> str | None:
    """``validator`` when it can be sent back as a request header, else None. httpx sends ASCII header values only,
    and a server may put other bytes in an ETag (``"café"`` in UTF-8); such a page is not revalidated, rather than
    failing every later request for it."""
    return validator if validator and validator.isascii() else None


def _atomic_write(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

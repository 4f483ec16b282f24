"""Reading a response body: streamed, decompressed incrementally, and stopped the moment it passes the limit.

httpx would decompress for us, but one 64 KB gzip chunk can inflate to 64 MB in a single call; here every
decoder is asked for at most what the limit still allows, so a bomb costs no more memory than the limit.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

import brotli
import zstandard

from .._exceptions import FetchError

ACCEPT_ENCODING = "gzip, deflate, br, zstd"
# zstd's decompressobj has no output cap; the worst expansion is one 128 KB block per ~4 input bytes, so
# feeding small slices bounds what a single call can produce (here to a few MB).
_ZSTD_SLICE = 128
_OUTPUT_STEP = 64 * 1024


class _Decoder:
    """Decompresses one content-coding; ``feed`` returns at most ``budget`` bytes more than it must hold."""

    def feed(self, data: bytes, budget: int) -> bytes:  # pragma: no cover - interface
        raise NotImplementedError

    def flush(self, budget: int) -> bytes:
        return b""

    @property
    def complete(self) -> bool:
        """Whether the compressed stream has ended where its format says it ends (not cut short)."""
        return True


class _Identity(_Decoder):
    def feed(self, data: bytes, budget: int) -> bytes:
        return data


class _Zlib(_Decoder):
    def __init__(self, wbits: int) -> None:
        self._wbits = wbits
        self._object = zlib.decompressobj(wbits)
        self._first = True

    @property
    def complete(self) -> bool:
        return self._object.eof

    def feed(self, data: bytes, budget: int) -> bytes:
        if self._first and self._wbits == zlib.MAX_WBITS and data:
            self._first = False
            # "deflate" is meant to be zlib-wrapped, but many servers send raw deflate: accept both.
            if (data[0] & 0x0F) != 8:
                self._object = zlib.decompressobj(-zlib.MAX_WBITS)
        out = bytearray()
        pending = data
        while True:
            limit = max(1, min(_OUTPUT_STEP, budget - len(out) + 1))
            out += self._object.decompress(pending, limit)
            pending = self._object.unconsumed_tail
            if len(out) > budget or not pending:
                break
        if self._object.eof and self._object.unused_data and self._wbits == 16 + zlib.MAX_WBITS:
            # Concatenated gzip members are one body (RFC 1952): start the next member.
            rest = self._object.unused_data
            self._object = zlib.decompressobj(self._wbits)
            if len(out) <= budget:
                out += self.feed(rest, budget - len(out))
        return bytes(out)


class _Brotli(_Decoder):
    def __init__(self) -> None:
        self._object = brotli.Decompressor()

    @property
    def complete(self) -> bool:
        return bool(self._object.is_finished())

    def feed(self, data: bytes, budget: int) -> bytes:
        out = bytearray()
        out += self._object.process(data, output_buffer_limit=min(_OUTPUT_STEP, budget + 1))
        while not self._object.can_accept_more_data() and len(out) <= budget:
            out += self._object.process(b"", output_buffer_limit=min(_OUTPUT_STEP, budget - len(out) + 1))
        return bytes(out)


class _Zstd(_Decoder):
    def __init__(self) -> None:
        self._object = zstandard.ZstdDecompressor().decompressobj()

    @property
    def complete(self) -> bool:
        return bool(self._object.eof)

    def feed(self, data: bytes, budget: int) -> bytes:
        out = bytearray()
        view = memoryview(data)
        for start in range(0, len(view), _ZSTD_SLICE):
            out += self._object.decompress(view[start : start + _ZSTD_SLICE])
            if len(out) > budget:
                break
        return bytes(out)


_DECODERS: dict[str, Callable[[], _Decoder]] = {
    "identity": _Identity,
    "gzip": lambda: _Zlib(16 + zlib.MAX_WBITS),
    "x-gzip": lambda: _Zlib(16 + zlib.MAX_WBITS),
    "deflate": lambda: _Zlib(zlib.MAX_WBITS),
    "br": _Brotli,
    "zstd": _Zstd,
}


class BodyReader:
    """Accumulates raw chunks, decodes them, and raises ``FetchError("too_large")`` past ``max_bytes``."""

    def __init__(self, content_encoding: str | None, *, max_bytes: int, url: str) -> None:
        self.max_bytes = max_bytes
        self.url = url
        self.raw_bytes = 0
        self._body = bytearray()
        codings = [part.strip().lower() for part in (content_encoding or "").split(",") if part.strip()]
        self._decoders: list[_Decoder] = []
        # Codings are listed in the order they were applied, so they are undone in reverse.
        for coding in reversed(codings):
            factory = _DECODERS.get(coding)
            if factory is None:
                raise FetchError(f"unsupported Content-Encoding {coding!r}", url=url, reason="encoding")
            self._decoders.append(factory())

    def feed(self, chunk: bytes) -> None:
        self.raw_bytes += len(chunk)
        if self.raw_bytes > self.max_bytes:
            raise self._too_large("on the wire")
        data = chunk
        try:
            for decoder in self._decoders:
                data = decoder.feed(data, self.max_bytes - len(self._body))
        except (zlib.error, brotli.error, zstandard.ZstdError) as exc:
            raise FetchError(f"body could not be decompressed: {exc}", url=self.url, reason="encoding") from exc
        self._body += data
        if len(self._body) > self.max_bytes:
            raise self._too_large("decompressed")

    @property
    def complete(self) -> bool:
        """Whether every content coding's stream ended where its format says (a body cut short is not)."""
        return all(decoder.complete for decoder in self._decoders)

    def finish(self) -> bytes:
        """The decoded body; cut at ``max_bytes`` (what a caller that tolerates a too_large error keeps)."""
        return bytes(self._body[: self.max_bytes])

    def _too_large(self, where: str) -> FetchError:
        return FetchError(
            f"body exceeds max_bytes={self.max_bytes:,} ({where}); reading stopped", url=self.url, reason="too_large"
        )

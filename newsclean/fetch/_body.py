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
_GZIP_MAGIC = b"\x1f\x8b"


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
        self._held = b""  # the start of what may be a next gzip member's magic, cut by a chunk boundary
        self._trailing = False  # past the last gzip member: what follows is padding, not the page

    @property
    def complete(self) -> bool:
        return self._object.eof

    def feed(self, data: bytes, budget: int) -> bytes:
        if self._trailing:
            return b""
        if self._object.eof:
            return self._after_member(data, budget)
        if self._first and self._wbits == zlib.MAX_WBITS and data:
            self._first = False
            # "deflate" is meant to be zlib-wrapped, but many servers send raw deflate: accept both.
            if (data[0] & 0x0F) != 8:
                self._object = zlib.decompressobj(-zlib.MAX_WBITS)
        out = bytearray()
        pending = data
        while True:
            limit = max(1, min(_OUTPUT_STEP, budget - len(out) + 1))
            produced = self._object.decompress(pending, limit)
            out += produced
            pending = self._object.unconsumed_tail
            # A step that filled its limit may leave output inside zlib even with no input left (the end of a
            # page was lost that way): ask again until a step comes back short.
            if len(out) > budget or (not pending and len(produced) < limit):
                break
        if self._object.eof and len(out) <= budget:
            out += self._after_member(self._object.unused_data, budget - len(out))
        return bytes(out)

    def _after_member(self, data: bytes, budget: int) -> bytes:
        """What follows a complete stream: for gzip another member (RFC 1952 concatenation) or padding (zero bytes
        some servers append), which browsers and httpx ignore, and so do we; for deflate, nothing that counts."""
        if self._wbits != 16 + zlib.MAX_WBITS:
            return b""
        rest = self._held + data
        self._held = b""
        if rest.startswith(_GZIP_MAGIC):
            self._object = zlib.decompressobj(self._wbits)
            return self.feed(rest, budget)
        if _GZIP_MAGIC.startswith(rest):
            self._held = rest  # nothing yet, or a magic cut by a chunk boundary: the next chunk tells
        else:
            self._trailing = True
        return b""


class _Brotli(_Decoder):
    def __init__(self) -> None:
        self._object = brotli.Decompressor()

    @property
    def complete(self) -> bool:
        return bool(self._object.is_finished())

    def feed(self, data: bytes, budget: int) -> bytes:
        out = bytearray()
        out += self._object.process(data, output_buffer_limit=min(_OUTPUT_STEP, budget + 1))
        # Drain until a call gives nothing, not until ``can_accept_more_data()``: brotli 1.2 reports True while
        # output is still held inside once a limit was hit, and the next input then dropped it (a br page of a few
        # hundred KB failed as "cut short", however the network cut its chunks).
        while len(out) <= budget:
            more = self._object.process(b"", output_buffer_limit=min(_OUTPUT_STEP, budget - len(out) + 1))
            if not more:
                break
            out += more
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
            out += self._decompress(view[start : start + _ZSTD_SLICE], budget - len(out))
            if len(out) > budget:
                break
        return bytes(out)

    def _decompress(self, piece: bytes | memoryview, budget: int) -> bytes:
        # A body may hold several frames (a server compressing as it streams); one decompressobj reads only one,
        # and refuses more input after it. (``read_across_frames`` would hide where a cut-short body ends.)
        if self._object.eof:
            self._object = zstandard.ZstdDecompressor().decompressobj()
        out = self._object.decompress(piece)
        rest = self._object.unused_data if self._object.eof else b""
        if rest and len(out) <= budget:
            out += self._decompress(rest, budget - len(out))
        return out


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

    def finish(self, *, partial: bool = False) -> bytes:
        """The decoded body. Raises ``FetchError("encoding")`` when a compressed stream was cut short (a body that
        ends mid-stream is not the page), unless ``partial``: then it is what could be read, cut at ``max_bytes``
        (what a caller that tolerates a too_large or encoding error keeps)."""
        if not partial and self.raw_bytes and not self.complete:
            raise FetchError(
                "body could not be decompressed: the compressed stream was cut short", url=self.url, reason="encoding"
            )
        return bytes(self._body[: self.max_bytes])

    def _too_large(self, where: str) -> FetchError:
        return FetchError(
            f"body exceeds max_bytes={self.max_bytes:,} ({where}); reading stopped", url=self.url, reason="too_large"
        )

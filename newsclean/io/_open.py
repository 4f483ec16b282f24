"""Opening plain, gzip and zstd files as binary streams, chosen by extension."""

from __future__ import annotations

import codecs
import gzip
import io
from pathlib import Path
from typing import IO, Any


def compression_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in {".gz", ".gzip"}:
        return "gzip"
    if suffix in {".zst", ".zstd"}:
        return "zstd"
    return None


def open_binary(path: Path) -> IO[bytes]:
    """A buffered binary reader over ``path``, decompressing ``.gz`` and ``.zst`` on the fly."""
    compression = compression_of(path)
    if compression == "gzip":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if compression == "zstd":
        return io.BufferedReader(_ZstdReader(path.open("rb")), buffer_size=1 << 16)
    return path.open("rb")


# Longest first: UTF-32-LE's BOM starts with UTF-16-LE's.
_UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def open_utf8(path: Path) -> IO[bytes]:
    """``open_binary``, read as UTF-8 text whatever Unicode form its byte order mark names: a UTF-8 BOM (Notepad,
    PowerShell's ``-Encoding utf8``) is skipped, UTF-16 or UTF-32 (PowerShell 5's ``>``) is transcoded as it is
    read. A BOM would otherwise be the first record's first bytes, or make every line of the file unreadable."""
    stream = open_binary(path)
    head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    for bom, codec in _UNICODE_BOMS:
        if head.startswith(bom):
            stream.read(len(bom))
            if codec == "utf-8":
                return stream
            return io.BufferedReader(_Utf8Transcoder(stream, codec), buffer_size=1 << 16)
    return stream


class _Utf8Transcoder(io.RawIOBase):
    """A stream in another Unicode encoding form, read as UTF-8. Bytes that are not valid in it raise
    ``UnicodeDecodeError`` (a ``ValueError``, as corrupt compressed data is one for the readers)."""

    def __init__(self, raw: IO[bytes], codec: str) -> None:
        self._raw = raw
        self._decoder = codecs.getincrementaldecoder(codec)()
        self._pending = b""
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending and not self._done:
            chunk = self._raw.read(1 << 16)
            self._done = not chunk
            self._pending = self._decoder.decode(chunk, final=self._done).encode("utf-8", "surrogatepass")
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def close(self) -> None:
        self._raw.close()
        super().close()


class _ZstdReader(io.RawIOBase):
    """zstd frames, one after another, decompressed as a stream. Unlike zstandard's own stream reader, a file
    that ends inside a frame raises EOFError (as gzip does), so a truncated dump cannot pass for a short one;
    corrupt data raises OSError (as gzip's BadGzipFile is)."""

    def __init__(self, raw: IO[bytes]) -> None:
        import zstandard

        self._zstandard = zstandard
        self._raw = raw
        self._decompressor = zstandard.ZstdDecompressor().decompressobj()
        self._in_frame = False
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = self._raw.read(1 << 16)
            if not chunk:
                if self._in_frame:
                    raise EOFError("zstd stream ended before the end of its last frame (truncated file?)")
                return 0
            self._pending = self._feed(chunk)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def _feed(self, chunk: bytes) -> bytes:
        output = []
        while chunk:
            self._in_frame = True
            try:
                output.append(self._decompressor.decompress(chunk))
            except self._zstandard.ZstdError as exc:
                # zstandard's error derives from Exception alone; an OSError is what gzip raises for bad data.
                raise OSError(f"zstd data is corrupt: {exc}") from exc
            if not self._decompressor.eof:
                break
            self._in_frame = False
            chunk = self._decompressor.unused_data
            self._decompressor = self._zstandard.ZstdDecompressor().decompressobj()
        return b"".join(output)

    def close(self) -> None:
        self._raw.close()
        super().close()


def base_suffix(path: Path) -> str:
    """The format suffix under any compression suffix: ``dump.jsonl.gz`` → ``.jsonl``."""
    if compression_of(path) is not None:
        return Path(path.stem).suffix.lower()
    return path.suffix.lower()

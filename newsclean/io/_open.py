"""Opening plain, gzip and zstd files as binary streams, chosen by extension."""

from __future__ import annotations

import codecs
import io
import zlib
from pathlib import Path
from typing import IO, Any

from .._decode import UNICODE_BOMS


def compression_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in {".gz", ".gzip"}:
        return "gzip"
    if suffix in {".zst", ".zstd"}:
        return "zstd"
    return None


def open_binary(path: Path) -> io.BufferedReader:
    """A buffered binary reader over ``path``, decompressing ``.gz`` and ``.zst`` on the fly."""
    compression = compression_of(path)
    if compression == "gzip":
        return io.BufferedReader(_GzipReader(path.open("rb")), buffer_size=1 << 16)
    if compression == "zstd":
        return io.BufferedReader(_ZstdReader(path.open("rb")), buffer_size=1 << 16)
    return path.open("rb")


def open_utf8(path: Path) -> io.BufferedReader:
    """``open_binary``, read as UTF-8 text whatever Unicode form its byte order mark names: a UTF-8 BOM (Notepad,
    PowerShell's ``-Encoding utf8``) is skipped, UTF-16 or UTF-32 (PowerShell 5's ``>``) is transcoded as it is
    read. A BOM would otherwise be the first record's first bytes, or make every line of the file unreadable.
    Nothing is read until the caller reads: a corrupt file fails there, as it would without the BOM check."""
    return io.BufferedReader(_Utf8Reader(open_binary(path)), buffer_size=1 << 16)


class _Utf8Reader(io.RawIOBase):
    """A stream read as UTF-8: its byte order mark, if any, read first and dropped, and the rest passed through
    (UTF-8, or no BOM) or transcoded (UTF-16, UTF-32). Bytes that are not valid in a transcoded form raise
    ``UnicodeDecodeError`` (a ``ValueError``, as corrupt compressed data is one for the readers)."""

    def __init__(self, raw: io.BufferedReader) -> None:
        self._raw = raw
        self._decoder: codecs.IncrementalDecoder | None = None
        self._started = self._done = False
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self._started:
            self._started = True
            self._pending = self._after_bom()
        while not self._pending and not self._done:
            # One read of the stream below, not read(): a buffered read that fills its size with several reads
            # drops what the earlier ones returned when a later one raises (a truncated .gz), and the lines
            # decompressed before the damage are to be read.
            chunk = self._raw.read1(1 << 16)
            self._done = not chunk
            self._pending = self._transcode(chunk)
        size, self._pending = _handed_out(self._pending, buffer)
        return size

    def _after_bom(self) -> bytes:
        head = b""
        while len(head) < 4 and (more := self._raw.read(4 - len(head))):
            head += more
        for bom, codec in UNICODE_BOMS:
            if head.startswith(bom):
                if codec != "utf-8":
                    self._decoder = codecs.getincrementaldecoder(codec)()
                return self._transcode(head[len(bom) :])
        return head

    def _transcode(self, chunk: bytes) -> bytes:
        if self._decoder is None:
            return chunk
        return self._decoder.decode(chunk, final=self._done).encode("utf-8", "surrogatepass")

    def close(self) -> None:
        self._raw.close()
        super().close()


class _GzipReader(io.RawIOBase):
    """gzip members, one after another, decompressed as a stream with zlib. Everything that decompresses is
    returned before the damage is raised: a file that ends inside a member raises EOFError, corrupt data (or
    bytes after a member that start no other) raises OSError, each naming the compressed byte it happened at,
    and only once the data before it has been read. (``gzip.open`` behind a buffered reader lost the lines
    decompressed in the read that failed, and raised ``zlib.error``, which derives from Exception alone.)"""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._decompressor = _gzip_member()
        self._in_member = False
        self._members = 0  # members begun, the current one counted
        self._consumed = 0  # compressed bytes fed to zlib
        self._pending = b""
        self._error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            if self._error is not None:
                raise self._error
            chunk = self._raw.read(1 << 16)
            if not chunk:
                if self._in_member:
                    self._error = EOFError(
                        f"gzip stream ends inside member {self._members} at compressed byte {self._consumed:,}"
                        " (truncated file?)"
                    )
                    continue
                return 0
            self._pending = self._feed(chunk)
        size, self._pending = _handed_out(self._pending, buffer)
        return size

    def _feed(self, chunk: bytes) -> bytes:
        output: list[bytes] = []
        while chunk:
            if not self._in_member:
                self._in_member = True
                self._members += 1
            saved = self._decompressor.copy()
            try:
                output.append(self._decompressor.decompress(chunk))
            except zlib.error as exc:
                output.append(self._salvage(saved, chunk, exc))
                return b"".join(output)
            if not self._decompressor.eof:
                self._consumed += len(chunk)
                break
            unused = self._decompressor.unused_data
            self._consumed += len(chunk) - len(unused)
            self._in_member = False
            self._decompressor = _gzip_member()
            chunk = unused
        return b"".join(output)

    def _salvage(self, saved: Any, chunk: bytes, exc: zlib.error) -> bytes:
        """What ``chunk`` decompresses to before its corrupt byte, fed again a few bytes at a time from the state
        ``saved`` before it; the error is kept, to be raised once that is read."""
        output: list[bytes] = []
        for start in range(0, len(chunk), 64):
            try:
                output.append(saved.decompress(chunk[start : start + 64]))
            except zlib.error:
                where = self._consumed + start
                break
        else:  # not corrupt in small pieces: the failure was the chunk's as a whole
            where = self._consumed
        self._error = OSError(f"gzip data is corrupt in member {self._members} at compressed byte {where:,}: {exc}")
        self._in_member = False
        return b"".join(output)

    def close(self) -> None:
        self._raw.close()
        super().close()


def _handed_out(pending: bytes, buffer: Any) -> tuple[int, bytes]:
    """Copy what fits of ``pending`` into ``buffer``: how much, and what is left."""
    size = min(len(buffer), len(pending))
    buffer[:size] = pending[:size]
    return size, pending[size:]


def _gzip_member() -> Any:
    """A decompressor for one gzip member (its header and trailer checked by zlib, as ``wbits=31`` asks)."""
    return zlib.decompressobj(wbits=31)


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
        size, self._pending = _handed_out(self._pending, buffer)
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

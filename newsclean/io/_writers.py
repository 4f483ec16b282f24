"""Writers: JSON Lines (plain or ``.gz``) and Parquet, built so that a crash never leaves a truncated record.

A writer buffers records and makes them durable on ``commit()``, which returns a checkpoint: the byte length of a
JSONL file, or the number of Parquet parts. A run that was killed is resumed by reopening the writer at its last
checkpoint (``resume_at``), which cuts off anything written after it.

- JSONL: each commit is one ``write(2)`` of whole lines (for ``.gz``, one complete gzip member with a fixed
  mtime, so the bytes are deterministic; for ``.zst``, one zstd frame), followed by ``fsync``. Concatenated gzip
  members are a valid gzip file, as concatenated zstd frames are a zstd stream.
- Parquet: each commit writes one part file under ``OUTPUT.parts/`` atomically (temporary name, then rename);
  ``close()`` joins the parts into ``OUTPUT`` (again through a rename) and removes them. A Parquet file is only
  readable once its footer is written, so the final file appears only when the run is complete.
"""

from __future__ import annotations

import gzip
import importlib.util
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import msgspec

from .._exceptions import InputError
from .._models import Article
from ._open import base_suffix, compression_of


class RecordWriter(Protocol):
    path: Path

    def write(self, record: bytes) -> None:
        """Buffer one record, given as its JSON encoding (``newsclean.to_json``)."""

    def commit(self) -> int:
        """Make every buffered record durable; return the checkpoint to resume from."""

    def close(self) -> None:
        """Commit and finish the output."""


@contextmanager
def naming_failures(path: str | Path) -> Iterator[None]:
    """An error of the OS while writing ``path`` names it: ``write(2)`` and ``fsync`` report none ("No space left
    on device" without a file, when OUTPUT, the rejects file and the checkpoint are written in one run)."""
    try:
        yield
    except OSError as exc:
        if exc.filename is None:
            exc.filename = str(path)
        raise


def _shorter_than_checkpoint(path: Path, holds: str, recorded: str) -> InputError:
    return InputError(
        f"{path} holds {holds}, less than the {recorded} its checkpoint recorded: it was changed or replaced since"
        " the interrupted run; rerun without --resume to start over",
        stage="resume",
    )


class JsonlWriter:
    """JSON Lines, compressed when the path ends in ``.gz`` (gzip) or ``.zst`` (zstd)."""

    def __init__(self, path: str | Path, *, resume_at: int | None = None, fsync: bool = True) -> None:
        self.path = Path(path)
        self.compression = compression_of(self.path)
        self.fsync = fsync
        self._buffer: list[bytes] = []
        self.path.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT
        self._fd = os.open(self.path, flags | (0 if resume_at is not None else os.O_TRUNC), 0o644)
        if resume_at is not None:
            size = os.fstat(self._fd).st_size
            if size < resume_at:  # truncating "up" would fill the gap with NUL bytes
                os.close(self._fd)
                raise _shorter_than_checkpoint(self.path, f"{size:,} bytes", f"{resume_at:,}")
            os.ftruncate(self._fd, resume_at)
        self._offset = os.lseek(self._fd, 0, os.SEEK_END)

    def write(self, record: bytes) -> None:
        self._buffer.append(record)
        self._buffer.append(b"\n")

    def commit(self) -> int:
        if self._buffer:
            data = b"".join(self._buffer)
            self._buffer.clear()
            if self.compression == "gzip":
                data = gzip.compress(data, mtime=0)
            elif self.compression == "zstd":  # one frame per commit: concatenated frames are one zstd stream
                import zstandard

                # With its checksum, as the zstd tool writes frames: damage to a stored (incompressible) block
                # would otherwise decompress to other bytes without an error.
                data = zstandard.ZstdCompressor(level=3, write_checksum=True).compress(data)
            view = memoryview(data)
            with naming_failures(self.path):
                while view:
                    written = os.write(self._fd, view)
                    view = view[written:]
                if self.fsync:
                    os.fsync(self._fd)
            self._offset += len(data)
        return self._offset

    def close(self) -> None:
        if self._fd < 0:
            return
        self.commit()
        os.close(self._fd)
        self._fd = -1


class ParquetWriter:
    """Apache Parquet (needs the ``parquet`` extra: pyarrow), one row per Article, in write order.

    Datetimes are stored as ISO 8601 strings (offsets kept as written); ``removed`` is a list of structs and
    ``provenance`` a map, so the file round-trips every Article field.
    """

    def __init__(self, path: str | Path, *, resume_at: int | None = None, row_group_size: int = 10_000) -> None:
        require_writer_packages(path)
        self.path = Path(path)
        self.parts_dir = self.path.with_name(self.path.name + ".parts")
        self.row_group_size = row_group_size
        self._rows: list[dict[str, Any]] = []
        self._decoder = msgspec.json.Decoder(Article)
        if resume_at is None:
            shutil.rmtree(self.parts_dir, ignore_errors=True)
            self.path.unlink(missing_ok=True)
        self.parts_dir.mkdir(parents=True, exist_ok=True)
        self._parts = resume_at or 0
        wanted = {f"part-{index:06d}.parquet" for index in range(self._parts)}
        kept = 0
        for stale in self.parts_dir.iterdir():
            # Anything but a part before the checkpoint is stale (a part being written, a copy): the folder is this
            # writer's, removed whole once OUTPUT is joined. A name of another form raised IndexError on resuming.
            if stale.name in wanted and stale.is_file():
                kept += 1
            else:
                _remove(stale)
        if kept < self._parts:
            raise _shorter_than_checkpoint(self.parts_dir, f"{kept} parts", f"{self._parts}")

    def write(self, record: bytes) -> None:
        self._rows.append(article_row(self._decoder.decode(record)))

    def commit(self) -> int:
        if self._rows:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pylist(self._rows, schema=article_schema())
            self._rows.clear()
            final = self.parts_dir / f"part-{self._parts:06d}.parquet"
            temporary = final.with_suffix(".tmp")
            with naming_failures(temporary):
                pq.write_table(table, temporary, write_page_checksum=True)
                # Durable before the checkpoint says so, as a JSONL commit is: after a power loss, a part renamed
                # but never flushed held no rows, and joining the parts on resuming failed.
                _fsync(temporary)
            temporary.replace(final)
            _fsync(self.parts_dir)
            self._parts += 1
        return self._parts

    def close(self) -> None:
        import pyarrow.parquet as pq

        self.commit()
        temporary = self.path.with_name(self.path.name + ".tmp")
        # Page checksums (CRC-32), which readers that check them (newsclean's does) test: damage to a page whose
        # bytes are stored as they are (incompressible text, a literal run of snappy) otherwise reads as other text.
        with (
            naming_failures(temporary),
            pq.ParquetWriter(temporary, article_schema(), write_page_checksum=True) as writer,
        ):
            for index in range(self._parts):
                writer.write_table(self._part(index), row_group_size=self.row_group_size)
        with naming_failures(temporary):
            _fsync(temporary)
        temporary.replace(self.path)
        shutil.rmtree(self.parts_dir, ignore_errors=True)

    def _part(self, index: int) -> Any:
        import pyarrow as pa
        import pyarrow.parquet as pq

        part = self.parts_dir / f"part-{index:06d}.parquet"
        try:
            return pq.read_table(part)
        except (pa.ArrowException, ValueError) as exc:  # a pyarrow error that named no file
            raise InputError(
                f"{part}, a part of the interrupted run's output, is damaged ({exc}); rerun without --resume to start"
                " over",
                stage="resume",
            ) from exc


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def article_row(article: Article) -> dict[str, Any]:
    """One Article as a plain dict matching ``article_schema()``: every field present, datetimes as ISO text."""
    row = msgspec.structs.asdict(article)
    for name, value in row.items():
        if isinstance(value, datetime):
            row[name] = value.isoformat()
        elif isinstance(value, tuple):
            row[name] = [msgspec.structs.asdict(item) if isinstance(item, msgspec.Struct) else item for item in value]
    row["provenance"] = sorted(article.provenance.items())
    return row


_SCHEMA: Any = None


def article_schema() -> Any:
    """The pyarrow schema of an Article row, derived from the Article struct so the two never drift apart."""
    global _SCHEMA
    if _SCHEMA is None:
        import pyarrow as pa

        info = msgspec.inspect.type_info(Article)
        assert isinstance(info, msgspec.inspect.StructType)
        _SCHEMA = pa.schema([(field.name, _arrow_type(field.type)) for field in info.fields])
    return _SCHEMA


def _arrow_type(info: msgspec.inspect.Type) -> Any:
    import pyarrow as pa

    inspect = msgspec.inspect
    if isinstance(info, inspect.UnionType):
        kinds = [kind for kind in info.types if not isinstance(kind, inspect.NoneType)]
        return _arrow_type(kinds[0]) if len(kinds) == 1 else pa.string()
    if isinstance(info, inspect.IntType):
        return pa.int64()
    if isinstance(info, inspect.FloatType):
        return pa.float64()
    if isinstance(info, inspect.BoolType):
        return pa.bool_()
    if isinstance(info, inspect.VarTupleType | inspect.ListType):
        return pa.list_(_arrow_type(info.item_type))
    if isinstance(info, inspect.DictType):
        return pa.map_(_arrow_type(info.key_type), _arrow_type(info.value_type))
    if isinstance(info, inspect.StructType):
        return pa.struct([(field.name, _arrow_type(field.type)) for field in info.fields])
    return pa.string()  # str, Literal, datetime (as ISO text)


def open_writer(path: str | Path, *, resume_at: int | None = None) -> RecordWriter:
    """A Parquet writer for ``.parquet`` paths, a JSONL writer (``.gz`` compressed) for anything else. Raises
    ValueError for a compression no writer writes (``check_output_path``), before any file is made."""
    check_output_path(path)
    if _is_parquet(path):
        return ParquetWriter(path, resume_at=resume_at)
    return JsonlWriter(path, resume_at=resume_at)


def require_writer_packages(path: str | Path) -> None:
    """Raise ImportError, naming the extra to install, when the writer ``open_writer`` would pick for ``path``
    needs a package that is missing (pyarrow for Parquet): callers can ask before creating any file."""
    if _is_parquet(path) and importlib.util.find_spec("pyarrow") is None:
        raise ImportError("Parquet output needs pyarrow: pip install 'newsclean[parquet]'")


#: Compressions known by their suffix that no writer writes: under such a name the writers wrote plain JSON Lines
#: (``x.jsonl.xz``), which the name then misdescribed to every tool that reads it.
_UNWRITTEN_COMPRESSIONS = {
    ".bz2": "bzip2",
    ".xz": "xz",
    ".lzma": "lzma",
    ".lz4": "LZ4",
    ".lz": "lzip",
    ".br": "Brotli",
    ".zip": "zip",
    ".7z": "7-Zip",
}
_WRITTEN = "JSON Lines plain, .gz (gzip) or .zst (zstd) compressed, or .parquet (which compresses its own columns)"


def check_output_path(path: str | Path, *, role: str = "the output") -> None:
    """Raise ValueError for a file to write whose name asks for a compression the writers do not write: bzip2, xz
    and the like (which went out as plain JSON Lines under that name), or a Parquet file under ``.gz`` / ``.zst``
    (which went out as Parquet, uncompressed, under a name that promised gzip)."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix in _UNWRITTEN_COMPRESSIONS:
        raise ValueError(
            f"{path}: {role} cannot be written {_UNWRITTEN_COMPRESSIONS[suffix]}-compressed; newsclean writes"
            f" {_WRITTEN}"
        )
    if compression_of(target) is not None and base_suffix(target) == ".parquet":
        raise ValueError(f"{path}: a Parquet file is not compressed whole; name it .parquet ({_WRITTEN})")


def check_rejects_path(path: str | Path) -> None:
    """Raise ValueError for a rejects file named as Parquet: failure records are JSON Lines (they have no article's
    columns), which went under that name, or crashed a Parquet writer on the first failure; and for a compression
    the writers do not write (``check_output_path``)."""
    if _is_parquet(path):
        raise ValueError(f"{path}: the rejects file is JSON Lines; give it a .jsonl name (.jsonl.gz, .jsonl.zst)")
    check_output_path(path, role="the rejects file")


def _is_parquet(path: str | Path) -> bool:
    return ".parquet" in (base_suffix(Path(path)), Path(path).suffix.lower())

"""File-to-file batch runs: inputs → OUTPUT (+ rejects), resumable, with stats and an optional site pass.

Checkpoints are taken every ``checkpoint_every`` documents *in input order*, so a resumed run cuts its outputs
back to exactly the state an uninterrupted run had at that point and continues from there: the result is
byte-for-byte the same, at any worker count.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import itertools
import json
import math
import os
import stat
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, get_args

import msgspec

from .._exceptions import InputError
from .._limits import Limits
from .._models import Article, Failure, to_json
from .._rules import check_rules_arg, checked_rules
from ..io import InputFormat, JsonlWriter, KeyMap, open_reader, open_writer
from ..io._open import open_binary
from ..io._readers import FolderReader, Reader, count_items
from ..io._writers import check_output_path, check_rejects_path, naming_failures
from ._pool import ProcessPool, Task, run_in_process
from ._progress import Progress
from ._site import SiteBoilerplate, SiteOptions, site_of
from ._stats import BatchStats
from ._worker import Outcome, PipelineSettings, article_outcome


class Checkpoint(msgspec.Struct, kw_only=True):
    fingerprint: str
    phase: str  # "clean" (documents are being cleaned) or "site" (the second, site-boilerplate pass)
    next_index: int
    output: int
    rejects: int
    spool: int = 0
    stats: dict[str, Any] = msgspec.field(default_factory=dict)


#: Worker processes a run may start: this many a core, and never fewer than ``MIN_MAX_WORKERS``. Each is started
#: before the first document, so a mistyped 100000 forked until the machine gave out.
WORKERS_PER_CORE = 4
MIN_MAX_WORKERS = 64


def max_workers() -> int:
    return max(MIN_MAX_WORKERS, WORKERS_PER_CORE * (os.cpu_count() or 1))


class BatchConfig(msgspec.Struct, frozen=True, kw_only=True):
    """Every option of a batch run (see ``run_batch``)."""

    workers: int | None = None
    keys: KeyMap = msgspec.field(default_factory=KeyMap)
    input_format: InputFormat = "auto"
    text: bool | None = None
    rules: Any = None
    limits: Limits = msgspec.field(default_factory=Limits)
    require_content: bool = False
    site: SiteOptions | None = None
    chunk_size: int = 16
    checkpoint_every: int = 256
    hard_timeout: float | None = None
    extractor: Any = None
    #: ``Pipeline(read_app_state=…)``: continue a cut article from its page's app state.
    read_app_state: bool = True

    def __post_init__(self) -> None:
        # Checked here, as the batch is set up: a wrong type would otherwise surface as an error from deep in the
        # run (a raw "'<' not supported"), in the first worker, or after the first documents.
        self._check_types()
        if self.workers is not None and self.workers < 0:
            raise ValueError(f"workers must be 0 (this process) or more, got {self.workers!r}")
        if self.workers is not None and self.workers > max_workers():
            raise ValueError(
                f"workers={self.workers} is more than this machine can use (at most {max_workers()}: "
                f"{WORKERS_PER_CORE} a core, {MIN_MAX_WORKERS} at least); cleaning is CPU-bound, and each worker "
                "holds a pipeline in memory"
            )
        for name in ("chunk_size", "checkpoint_every"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)!r}")
        if self.hard_timeout is not None and not 0 < self.hard_timeout < math.inf:
            raise ValueError(f"hard_timeout must be positive or None, got {self.hard_timeout!r}")

    def _check_types(self) -> None:
        def wrong(name: str, expected: str) -> TypeError:
            return TypeError(f"{name} must be {expected}, got {type(getattr(self, name)).__name__}")

        for name, optional in (("workers", True), ("chunk_size", False), ("checkpoint_every", False)):
            value = getattr(self, name)
            if not (isinstance(value, int) and not isinstance(value, bool)) and not (optional and value is None):
                raise wrong(name, "an int or None" if optional else "an int")
        timeout = self.hard_timeout
        if timeout is not None and (not isinstance(timeout, int | float) or isinstance(timeout, bool)):
            raise wrong("hard_timeout", "a number of seconds or None")
        for name in ("require_content", "read_app_state"):
            if not isinstance(getattr(self, name), bool):
                raise wrong(name, "a bool")
        if self.text is not None and not isinstance(self.text, bool):
            raise wrong("text", "a bool or None")
        if not isinstance(self.keys, KeyMap):
            raise wrong("keys", "a newsclean.io.KeyMap")
        if not isinstance(self.limits, Limits):
            raise wrong("limits", "a newsclean.Limits")
        if self.site is not None and not isinstance(self.site, SiteOptions):
            raise wrong("site", "a SiteOptions or None")
        if self.input_format not in get_args(InputFormat):
            raise ValueError(
                f"input_format must be one of {', '.join(get_args(InputFormat))}, got {self.input_format!r}"
            )
        if self.extractor is not None and not callable(getattr(self.extractor, "extract", None)):
            raise wrong("extractor", "an object with an extract(html, url=...) method")
        check_rules_arg(self.rules)

    def pipeline_settings(self) -> PipelineSettings:
        return PipelineSettings(
            rules=self.rules,
            limits=self.limits,
            require_content=self.require_content,
            extractor=self.extractor,
            read_app_state=self.read_app_state,
        )

    def resolved_workers(self) -> int:
        return self.workers if self.workers is not None else (os.cpu_count() or 1)

    def resolved_hard_timeout(self) -> float | None:
        if self.hard_timeout is not None:
            return self.hard_timeout
        return self.limits.timeout * 2 + 30 if self.limits.timeout else None


def outcomes(items: Iterator[Task], config: BatchConfig, stats: BatchStats | None = None) -> Iterator[Outcome]:
    """Outcomes in input order, on worker processes (or in this process when ``workers == 0``)."""
    workers = config.resolved_workers()
    if workers == 0:
        yield from run_in_process(config.pipeline_settings(), items)
        return
    pool = ProcessPool(
        config.pipeline_settings(),
        workers=workers,
        chunk_size=config.chunk_size,
        hard_timeout=config.resolved_hard_timeout(),
    )
    try:
        yield from pool.run(items)
    finally:
        if stats is not None:
            stats.workers_replaced += pool.replaced


def checkpoint_path(output: Path) -> Path:
    return output.with_name(output.name + ".checkpoint.json")


def spool_path(output: Path) -> Path:
    return output.with_name(output.name + ".site-pass1.jsonl")


def default_rejects_path(output: Path) -> Path:
    """``clean.jsonl.gz`` → ``clean.rejects.jsonl``. Suffixes are matched in any case, as the writers match them
    (``UP.JSONL.GZ`` is gzipped): its rejects went to ``UP.JSONL.GZ.rejects.jsonl``."""
    name = output.name
    for suffix in (".gz", ".gzip", ".zst", ".zstd", ".parquet", ".jsonl", ".ndjson", ".json"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return output.with_name(name + ".rejects.jsonl")


def lock_path(output: Path) -> Path:
    return output.with_name(output.name + ".lock")


class OutputLockedError(RuntimeError):
    """Another run is writing the same output: two writers on one file interleave and corrupt it."""


def check_written_apart(inputs: Sequence[str], written: Sequence[tuple[str, str | Path | None]]) -> None:
    """Raise ValueError when two of the files to write (``(label, path)`` pairs; None is unused) are one file, or
    one of them is an input or lies inside an input folder: the writers truncate their files before the first
    input is read, so the input would be lost, two writers on one file corrupt it, and a file written into an input
    folder is read back as an input by the next run (or truncates a page of it now).

    Files are told apart by device and inode where they exist, so a hard link (another name, one file) or a symbolic
    link is caught, and by resolved path where they do not yet."""
    seen: dict[object, str] = {}
    folders: list[tuple[str, str]] = []
    for name in inputs:
        if name == "-":
            # Standard input redirected from a file (``< out.jsonl``) is that file: emptied before it was read.
            with contextlib.suppress(OSError, ValueError, AttributeError):
                status = os.fstat(sys.stdin.fileno())
                if stat.S_ISREG(status.st_mode):
                    seen[(status.st_dev, status.st_ino)] = "input - (standard input)"
            continue
        for key in _file_keys(name):
            seen[key] = f"input {name}"
        if Path(name).is_dir():
            folders.append((os.path.realpath(name), name))
    for label, path in written:
        if path is None:
            continue
        keys = _file_keys(path)
        for key in keys:
            if key in seen:
                raise ValueError(f"{label} {path} is also {seen[key]}: it would be overwritten")
        resolved = os.path.realpath(path)
        for folder, name in folders:
            if os.path.commonpath([folder, resolved]) == folder:
                raise ValueError(
                    f"{label} {path} is inside the input folder {name}: it would overwrite a page of it, or be read"
                    " as an input by the next run; write it outside the folder"
                )
        for key in keys:
            seen[key] = label


def _file_keys(path: str | Path) -> list[object]:
    """What names a file: its resolved path, and its (device, inode) when it exists."""
    keys: list[object] = [os.path.realpath(path)]
    with contextlib.suppress(OSError):
        status = Path(path).stat()
        keys.append((status.st_dev, status.st_ino))
    return keys


def check_resumable_inputs(inputs: Sequence[str]) -> None:
    """Raise InputError when an input of a resumed run is a stream (``-``, a pipe, a device): a checkpoint records
    what its inputs were by their size and mtime, which a stream does not have, so a different stream was taken for
    the same one and the run finished with half of each."""
    for name in inputs:
        if name == "-":
            kind = "standard input"
        else:
            try:
                mode = Path(name).stat().st_mode
            except OSError:
                continue  # read, and rejected, as such: it is no stream
            if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
                continue
            kind = "a pipe" if stat.S_ISFIFO(mode) else "not a regular file or folder"
        raise InputError(
            f"--resume cannot continue a run that reads {name} ({kind}): a stream cannot be checked to be the same"
            " one the interrupted run read; save it to a file and clean that, or run without --resume",
            stage="resume",
        )


@contextlib.contextmanager
def _output_lock(output: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``OUTPUT.lock`` for the run: a second run on the same output fails at once
    (``OutputLockedError``) rather than interleave its writes with this one's. ``flock`` locks go with the process,
    so a run killed with SIGKILL leaves a file no one holds, and the next run takes it.

    The file is removed at the end while the lock is held; a run that opened it just before then holds a lock on
    a file no longer at that path, so after taking the lock each run checks that the path still names the file it
    locked, and starts over if not: otherwise two runs could each hold a lock, on two files."""
    path = lock_path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        with naming_failures(path):
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)  # not inherited by the workers (PEP 446)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputLockedError(
                f"{output} is being written by another run (it holds {path}); wait for it to finish, or write"
                " to another output"
            ) from None
        except BaseException:
            os.close(fd)
            raise
        held = os.fstat(fd)
        try:
            current = path.stat()
        except FileNotFoundError:
            current = None
        if current is not None and (current.st_dev, current.st_ino) == (held.st_dev, held.st_ino):
            break
        os.close(fd)  # removed (or replaced) by the run that held it: lock the file at the path now
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            path.unlink()  # while held: a run that opens it now finds another file at the path, or none
        os.close(fd)


def _fingerprint(
    inputs: Sequence[str], readers: Sequence[Reader], output: Path, rejects: Path, config: BatchConfig
) -> str:
    described: list[Any] = []
    for name, reader in zip(inputs, readers, strict=True):
        try:
            status = Path(name).stat()
            described.append([name, status.st_size, status.st_mtime_ns])
        except OSError:
            described.append([name, None, None])
        if isinstance(reader, FolderReader):
            # A folder's own size and mtime change only when an entry right in it is added or removed: a page
            # edited, added or deleted below it would go unnoticed, and a resume would mix two states of it.
            described[-1].append(_folder_listing(reader))
    rules_version = checked_rules(config.rules).version  # here, not in each worker: a RuleError, not dead workers
    settings = msgspec.to_builtins(
        msgspec.structs.replace(config, workers=None, rules=None, hard_timeout=None, extractor=None)
    )
    settings["extractor"] = type(config.extractor).__qualname__ if config.extractor else None
    blob = json.dumps([described, str(output), str(rejects), rules_version, settings], sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def _folder_listing(reader: FolderReader) -> str | None:
    """A digest of the files the reader will read, as it lists them (the listing it then reads from): each one's
    relative path, size and mtime. None when the folder cannot be listed (its reader yields that failure)."""
    digest = hashlib.sha256()
    try:
        files = reader.files()
    except OSError:
        return None
    for file in files:
        try:
            status = file.stat()
            sized: list[Any] = [status.st_size, status.st_mtime_ns]
        except OSError:  # a link to nothing: read, and rejected, as such
            sized = [None, None]
        relative = os.fsencode(file.relative_to(reader.path))
        digest.update(json.dumps([relative.hex(), *sized]).encode() + b"\n")
    return digest.hexdigest()


def _save(path: Path, checkpoint: Checkpoint) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with naming_failures(temporary):
        temporary.write_bytes(msgspec.json.encode(checkpoint))
    temporary.replace(path)


def run_batch(
    inputs: Sequence[str],
    output: str | Path,
    *,
    rejects: str | Path | None = None,
    config: BatchConfig | None = None,
    resume: bool = False,
    progress: bool = False,
    stats_path: str | Path | None = None,
    on_reject: Callable[[Failure], None] | None = None,
) -> BatchStats:
    """Clean every document of ``inputs`` into ``output`` (JSONL, ``.jsonl.gz`` or ``.parquet``).

    Documents that cannot be read or cleaned go to ``rejects`` (default: ``<output>.rejects.jsonl``), so each
    input document ends in exactly one of the two; ``on_reject`` is called with each as it is written (the command
    prints them). ``stats_path``: where to write the summary as JSON, before the checkpoint is removed, so that a
    run stopped before its stats are written is still resumable.

    Raises ``InputError`` when ``resume`` is asked with a checkpoint of other inputs or options, or without a
    checkpoint while the output or rejects file holds something (a finished run: nothing to resume), and when an
    interrupted run's checkpoint exists and ``resume`` is not asked. ``resume`` with no checkpoint and nothing
    written yet (a run stopped before its first checkpoint) starts from the beginning, and ``resume`` with an input
    that is a stream (``-``, a pipe) is refused: it cannot be checked to be the same. Raises ``ValueError`` for a
    rejects file named ``.parquet`` (failures are written as JSON Lines), for a compression no writer writes
    (``.xz``, ``.parquet.gz``), and when two of ``output``, ``rejects`` and ``stats_path`` are one file, or one is
    an input or inside an input folder; all before any file is touched. Raises ``OutputLockedError`` when another
    run is writing ``output`` (it holds ``OUTPUT.lock``).
    """
    config = config or BatchConfig()
    output = Path(output)
    rejects = Path(rejects) if rejects is not None else default_rejects_path(output)
    check_output_path(output)
    check_rejects_path(rejects)
    check_written_apart(inputs, [("output", output), ("rejects", rejects), ("stats_path", stats_path)])
    if resume:
        check_resumable_inputs(inputs)
    with _output_lock(output):
        return _run_locked(inputs, output, rejects, config, resume, progress, stats_path, on_reject)


def _run_locked(
    inputs: Sequence[str],
    output: Path,
    rejects: Path,
    config: BatchConfig,
    resume: bool,
    progress: bool,
    stats_path: str | Path | None,
    on_reject: Callable[[Failure], None] | None,
) -> BatchStats:
    """``run_batch``'s run, once its arguments are checked and it holds the output's lock."""
    marker = checkpoint_path(output)
    readers = [
        open_reader(path, keys=config.keys, input_format=config.input_format, text=config.text) for path in inputs
    ]
    fingerprint = _fingerprint(inputs, readers, output, rejects, config)
    state: Checkpoint | None = None
    if resume and marker.exists():
        state = msgspec.json.decode(marker.read_bytes(), type=Checkpoint)
        if state.fingerprint != fingerprint:
            raise InputError(
                f"{marker} belongs to a run with other inputs or options, or inputs that changed since (a file"
                " edited, added or removed, in a folder too): resume it with the inputs and options it was started"
                " with, or delete the checkpoint to start over",
                stage="resume",
            )
    elif resume and (holding := _holds_records(output, rejects)) is not None:
        # The checkpoint goes once the run is complete: resuming then truncated the outputs and cleaned
        # everything again, silently.
        raise InputError(
            f"{output} looks like the output of a finished run: {holding} holds records and there is no checkpoint"
            f" ({marker.name}), so there is nothing to resume; to clean the inputs again from the start, run the"
            f" same command without --resume (it overwrites {output} and {rejects})",
            stage="resume",
        )
    elif marker.exists():
        raise InputError(
            f"{output} is the output of an interrupted run ({marker} exists): "
            "pass --resume to continue it, or delete the checkpoint to start over",
            stage="resume",
        )
    stats = BatchStats.from_dict(state.stats) if state else BatchStats()
    started = time.monotonic()
    prior_seconds = stats.seconds
    phase = state.phase if state else "clean"
    total = count_items(readers)
    # Documents counted before the interruption were not cleaned by this process: the rate starts from them.
    bar = Progress(total, enabled=progress, done_before=stats.documents_in)

    def elapsed() -> float:
        return prior_seconds + time.monotonic() - started

    failure = msgspec.json.Decoder(Failure)
    rejected = JsonlWriter(rejects, resume_at=state.rejects if state else None)

    def reject(record: bytes) -> None:
        rejected.write(record)
        if on_reject is not None:
            bar.clear()  # or the caller's line would run on from the progress line
            on_reject(failure.decode(record))

    try:
        if phase == "clean":
            target = spool_path(output) if config.site else output
            writer = (
                JsonlWriter(target, resume_at=state.spool if state else None)
                if config.site
                else open_writer(target, resume_at=state.output if state else None)
            )
            start = state.next_index if state else 0
            items: Iterator[Task] = itertools.islice(
                enumerate(itertools.chain.from_iterable(readers)),
                start,
                None,
            )
            for outcome in outcomes(items, config, stats):
                stats.count(outcome)
                if outcome.ok:
                    writer.write(outcome.record)
                else:
                    reject(outcome.record)
                bar.update(stats.documents_in, stats.rejected_total)
                if (outcome.index + 1) % config.checkpoint_every == 0:
                    stats.seconds = elapsed()
                    written = writer.commit()
                    _save(
                        marker,
                        Checkpoint(
                            fingerprint=fingerprint,
                            phase="clean",
                            next_index=outcome.index + 1,
                            output=0 if config.site else written,
                            spool=written if config.site else 0,
                            rejects=rejected.commit(),
                            stats=stats.as_dict(),
                        ),
                    )
            if config.site:
                spooled = writer.commit()
                stats.seconds = elapsed()
                _save(
                    marker,
                    Checkpoint(
                        fingerprint=fingerprint,
                        phase="site",
                        next_index=stats.documents_in,
                        output=0,
                        spool=spooled,
                        rejects=rejected.commit(),
                        stats=stats.as_dict(),
                    ),
                )
            writer.close()
        if config.site:
            _site_pass(spool_path(output), output, config.site, stats, reject if config.require_content else None)
        rejected.close()
    finally:
        bar.close()
    stats.seconds = elapsed()
    if stats_path is not None:
        stats.write(stats_path)  # before the checkpoint goes: a run stopped in between can still be resumed
    marker.unlink(missing_ok=True)
    spool_path(output).unlink(missing_ok=True)
    return stats


def _holds_records(output: Path, rejects: Path) -> Path | None:
    """The first of ``output`` and ``rejects`` that holds something. Both are written only at checkpoints and at
    the end (a Parquet output only at the end), so a run stopped before its first checkpoint leaves them empty
    or absent."""
    for path in (output, rejects):
        try:
            if path.stat().st_size > 0:
                return path
        except OSError:
            continue
    return None


def _site_pass(
    spool: Path,
    output: Path,
    options: SiteOptions,
    stats: BatchStats,
    reject_empty: Callable[[bytes], None] | None,
) -> None:
    """Count paragraphs per site over the spooled articles, then write them with site boilerplate removed.

    ``reject_empty`` (with ``require_content``) takes an article left with no text as a failure record, in place
    of writing it with status no_content: pass 1 rejects such pages, and this pass must not let them through.
    This pass is cheap (no page is parsed again), so a resumed run simply redoes it from the start.
    """
    decoder = msgspec.json.Decoder(Article)
    site = SiteBoilerplate(options)
    for article in _spooled(spool, decoder):
        site.observe(article)
    writer = open_writer(output)
    for article in _spooled(spool, decoder):
        cleaned = site.apply(article)
        emptied = cleaned.status == "no_content" and article.status == "ok"
        if emptied and reject_empty is not None:
            # Counted as pass 1 counts a page it rejects: no article out, and none of its removals.
            stats.articles_out -= 1
            stats.removals_by_category -= Counter(removal.category for removal in article.removed)
            failure = Failure(
                stage="site",
                error="NoContentError",
                message=f"no article text left once its site's boilerplate was removed: each of its paragraphs is"
                f" on too many pages of {site_of(article)} to be its own",
                source_id=article.source_id,
                url=article.url,
            )
            stats.rejected[f"{failure.stage}:{failure.error}"] += 1
            reject_empty(to_json(failure))
            continue
        if cleaned is not article:
            added = len(cleaned.removed) - len(article.removed)
            stats.site_removals += added
            stats.removals_by_category["site_boilerplate"] += added
            stats.no_content += emptied
        writer.write(article_outcome(0, cleaned).record)
    writer.close()


def _spooled(spool: Path, decoder: msgspec.json.Decoder[Article]) -> Iterator[Article]:
    with open_binary(spool) as stream:
        for line in stream:
            yield decoder.decode(line)

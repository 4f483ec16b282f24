"""File-to-file batch runs: inputs → OUTPUT (+ rejects), resumable, with stats and an optional site pass.

Checkpoints are taken every ``checkpoint_every`` documents *in input order*, so a resumed run cuts its outputs
back to exactly the state an uninterrupted run had at that point and continues from there: the result is
byte-for-byte the same, at any worker count.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import os
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, get_args

import msgspec

from .._exceptions import InputError
from .._limits import Limits
from .._models import Article
from .._rules import check_rules_arg, checked_rules
from ..io import InputFormat, JsonlWriter, KeyMap, open_reader, open_writer
from ..io._open import open_binary
from ..io._readers import count_items
from ._pool import ProcessPool, Task, run_in_process
from ._progress import Progress
from ._site import SiteBoilerplate, SiteOptions
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
    name = output.name
    for suffix in (".gz", ".zst", ".parquet", ".jsonl", ".ndjson", ".json"):
        name = name.removesuffix(suffix)
    return output.with_name(name + ".rejects.jsonl")


def _fingerprint(inputs: Sequence[str], output: Path, rejects: Path, config: BatchConfig) -> str:
    described: list[Any] = []
    for name in inputs:
        try:
            status = Path(name).stat()
            described.append([name, status.st_size, status.st_mtime_ns])
        except OSError:
            described.append([name, None, None])
    rules_version = checked_rules(config.rules).version  # here, not in each worker: a RuleError, not dead workers
    settings = msgspec.to_builtins(
        msgspec.structs.replace(config, workers=None, rules=None, hard_timeout=None, extractor=None)
    )
    settings["extractor"] = type(config.extractor).__qualname__ if config.extractor else None
    blob = json.dumps([described, str(output), str(rejects), rules_version, settings], sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def _save(path: Path, checkpoint: Checkpoint) -> None:
    temporary = path.with_name(path.name + ".tmp")
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
) -> BatchStats:
    """Clean every document of ``inputs`` into ``output`` (JSONL, ``.jsonl.gz`` or ``.parquet``).

    Documents that cannot be read or cleaned go to ``rejects`` (default: ``<output>.rejects.jsonl``), so each
    input document ends in exactly one of the two. Raises ``InputError`` when ``resume`` is asked without a
    matching checkpoint, or when an interrupted run's checkpoint exists and ``resume`` is not asked.
    """
    config = config or BatchConfig()
    output = Path(output)
    rejects = Path(rejects) if rejects is not None else default_rejects_path(output)
    marker = checkpoint_path(output)
    fingerprint = _fingerprint(inputs, output, rejects, config)
    state: Checkpoint | None = None
    if resume and marker.exists():
        state = msgspec.json.decode(marker.read_bytes(), type=Checkpoint)
        if state.fingerprint != fingerprint:
            raise InputError(
                f"{marker} belongs to a run with other inputs or options: resume it with the inputs and options it"
                " was started with, or delete the checkpoint to start over",
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
    readers = [
        open_reader(path, keys=config.keys, input_format=config.input_format, text=config.text) for path in inputs
    ]
    total = count_items(readers)
    bar = Progress(total, enabled=progress)

    def elapsed() -> float:
        return prior_seconds + time.monotonic() - started

    rejected = JsonlWriter(rejects, resume_at=state.rejects if state else None)
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
                (writer if outcome.ok else rejected).write(outcome.record)
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
            _site_pass(spool_path(output), output, config.site, stats)
        rejected.close()
    finally:
        bar.close()
    stats.seconds = elapsed()
    marker.unlink(missing_ok=True)
    spool_path(output).unlink(missing_ok=True)
    return stats


def _site_pass(spool: Path, output: Path, options: SiteOptions, stats: BatchStats) -> None:
    """Count paragraphs per site over the spooled articles, then write them with site boilerplate removed.

    This pass is cheap (no page is parsed again), so a resumed run simply redoes it from the start.
    """
    decoder = msgspec.json.Decoder(Article)
    site = SiteBoilerplate(options)
    for article in _spooled(spool, decoder):
        site.observe(article)
    writer = open_writer(output)
    for article in _spooled(spool, decoder):
        cleaned = site.apply(article)
        if cleaned is not article:
            added = len(cleaned.removed) - len(article.removed)
            stats.site_removals += added
            stats.removals_by_category["site_boilerplate"] += added
            if cleaned.status == "no_content" and article.status == "ok":
                stats.no_content += 1
        writer.write(article_outcome(0, cleaned).record)
    writer.close()


def _spooled(spool: Path, decoder: msgspec.json.Decoder[Article]) -> Iterator[Article]:
    with open_binary(spool) as stream:
        for line in stream:
            yield decoder.decode(line)

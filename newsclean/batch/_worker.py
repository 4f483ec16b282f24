"""The pure per-document step every runner shares (process pool, in-process, Ray, Spark, Dask)."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from multiprocessing.connection import Connection
from typing import Any

import msgspec

from .._limits import Limits
from .._models import Article, Failure, to_json
from .._pipeline import Document, Pipeline, PipelineStats
from .._rules import RulesArg


class Outcome(msgspec.Struct, frozen=True, array_like=True):
    """What became of one input document: its JSON record and what the summary needs to count."""

    index: int
    ok: bool
    record: bytes  # to_json(Article) when ok, else to_json(Failure)
    reason: str = ""  # "stage:Error" for a failure
    categories: tuple[str, ...] = ()  # removal categories, one per removal
    no_content: bool = False


class PipelineSettings(msgspec.Struct, frozen=True, kw_only=True):
    """Everything a worker needs to build its own Pipeline (rules are compiled once, in the worker)."""

    rules: Any = None
    limits: Limits = msgspec.field(default_factory=Limits)
    require_content: bool = False
    extractor: Any = None  # an Extractor instance (picklable); None: trafilatura
    read_app_state: bool = True

    def build(self) -> Pipeline:
        rules: RulesArg = self.rules
        return Pipeline(
            rules=rules,
            limits=self.limits,
            require_content=self.require_content,
            extractor=self.extractor,
            read_app_state=self.read_app_state,
        )


def failure_outcome(index: int, failure: Failure) -> Outcome:
    return Outcome(index, False, to_json(failure), reason=f"{failure.stage}:{failure.error}")


def article_outcome(index: int, article: Article) -> Outcome:
    return Outcome(
        index,
        True,
        to_json(article),
        categories=tuple(removal.category for removal in article.removed),
        no_content=article.status == "no_content",
    )


def clean_one(pipeline: Pipeline, index: int, item: Document | Failure) -> Outcome:
    """Clean one document; never raises for a bad document."""
    record = item if isinstance(item, Failure) else next(pipeline.run_many((item,)))
    try:
        return failure_outcome(index, record) if isinstance(record, Failure) else article_outcome(index, record)
    except Exception as exc:
        # A record that cannot be written as JSON (a caller's Document holding a numpy integer as its id, say):
        # raised in a worker, it killed the worker, and the document was reported as WorkerDied; in one process,
        # it ended the whole batch. (The pipeline turns its own errors into Failures.)
        return failure_outcome(index, unwritable(item, exc))


def unwritable(item: Document | Failure, exc: Exception) -> Failure:
    """The Failure for a document whose record could not be written: its fields turned into text, so that this
    record can be (``to_json`` copes with lone surrogates)."""

    def text(name: str) -> str | None:
        value = getattr(item, name, None)
        return None if value is None else str(value)

    return Failure(
        stage="output",
        error=type(exc).__name__,
        message=f"its record could not be written as JSON: {exc}",
        source_id=text("source_id"),
        url=text("url"),
        position=text("position"),
    )


def worker_main(tasks: Any, results: Connection, settings: PipelineSettings) -> None:
    """A worker process: build the pipeline once, then clean chunks until told to stop (``None``).

    One result is sent per document, as soon as it is done, so the parent always knows which document a
    worker is on: if the worker dies or hangs, that document is the one recorded as failed.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True, name="newsclean-parent-watch").start()
    pipeline = settings.build()
    warm_up(pipeline)
    try:
        results.send_bytes(READY)
        while True:
            chunk = tasks.get()
            if chunk is None:
                break
            for index, item in chunk:
                results.send_bytes(_ENCODER.encode(clean_one(pipeline, index, item)))
        results.close()
    except (BrokenPipeError, ConnectionResetError, EOFError):
        return  # the parent is gone (killed, or stopped reading): leave quietly, without a traceback


def _exit_with(parent: Any) -> None:
    """End the worker when its parent dies. A parent killed with SIGKILL sends no stop message, and one killed
    while writing a chunk leaves half a message in the task queue, on which the worker would wait forever (it
    holds the queue's write end too, so the read never ends)."""
    parent.join()
    os._exit(0)


#: The message a worker sends once it can take documents: the parent's per-document timeout starts there.
READY = b""
_WARM_UP_PAGE = (
    "<html><body><article><p>Start-up page: loads what the first real document would.</p></article></body></html>"
)
_WARM_UP_DUMP = "Start-up dump: loads what the first text dump would.\nA second line of it."


def warm_up(pipeline: Pipeline) -> None:
    """Load what the first page and the first text dump would, with no deadline, then restore the pipeline.

    The extractor's stoplists, the language model and the public suffix list load lazily (seconds on a busy
    machine): loaded here, start-up is neither a first document's timeout nor taken for a hung worker."""
    limits = pipeline.limits
    pipeline.limits = msgspec.structs.replace(limits, timeout=None)
    try:
        with contextlib.suppress(Exception):
            pipeline.clean_html(_WARM_UP_PAGE, url="https://warm-up.example/page")
        with contextlib.suppress(Exception):
            pipeline.clean_text(_WARM_UP_DUMP, url="https://warm-up.example/dump")
    finally:
        pipeline.limits = limits
        pipeline.stats = PipelineStats()


_ENCODER = msgspec.msgpack.Encoder()
OUTCOME_DECODER = msgspec.msgpack.Decoder(Outcome)

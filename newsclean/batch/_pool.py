"""A process pool that survives its workers: a dead or hung worker is replaced, its document recorded as failed.

Each worker has its own task queue and its own result pipe, so a worker killed mid-write can only break its
own channels. Workers send one result per document; the first unanswered document of a worker is the one it
is working on. Results are handed back in input order through a bounded reorder window, so memory stays flat.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from .._models import Failure
from .._pipeline import Document
from ._worker import (
    OUTCOME_DECODER,
    READY,
    Outcome,
    PipelineSettings,
    clean_one,
    failure_outcome,
    warm_up,
    worker_main,
)

Task = tuple[int, Document | Failure]

#: Workers that die or stall before they are ready, in a row, before the pool gives up: past this, the
#: environment (an import error, no memory) is broken, and failing every document would hide it.
MAX_FAILED_STARTS = 3


class WorkerStartError(RuntimeError):
    """Worker processes keep dying before they clean anything."""


def _script_hint() -> str:
    """Why workers die at start when a script runs the pool: each worker imports the script that started it (as
    Python's multiprocessing does with every start method but fork), and a script that starts the pool at its
    top level, unguarded, starts it again in each worker, which multiprocessing refuses."""
    script = getattr(sys.modules.get("__main__"), "__file__", None)
    # Not for newsclean's own command (its console script has no suffix; "-m newsclean" runs from the package).
    if not isinstance(script, str) or not script.endswith(".py") or Path(script).resolve().is_relative_to(_PACKAGE):
        return ""
    return (
        f"; if {Path(script).name} starts the batch at its top level, start it under "
        "'if __name__ == \"__main__\":' (each worker process imports the script), or pass workers=0 to clean "
        "in this process"
    )


_PACKAGE = Path(__file__).resolve().parents[1]


def _context() -> Any:
    # forkserver: workers start from a clean, single-threaded server that has already imported newsclean,
    # so starting (or replacing) a worker is cheap and safe even when the parent runs threads.
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["newsclean.batch._worker"])
        return context
    return multiprocessing.get_context("spawn")


class _Worker:
    def __init__(self, context: Any, settings: PipelineSettings) -> None:
        self.tasks = context.Queue()
        receive, send = context.Pipe(duplex=False)
        self.results: Connection = receive
        self.process = context.Process(target=worker_main, args=(self.tasks, send, settings), daemon=True)
        self.process.start()
        send.close()
        self.assigned: deque[Task] = deque()
        self.started = self.last_progress = time.monotonic()
        self.ready = False  # until the worker says so, it is starting, and its documents are not yet timed

    def send(self, chunk: list[Task]) -> None:
        if not self.assigned:
            self.last_progress = time.monotonic()
        self.assigned.extend(chunk)
        self.tasks.put(chunk)

    def kill(self) -> None:
        if self.process.is_alive() and self.process.pid is not None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.join(5)
        self.results.close()
        self.tasks.cancel_join_thread()
        self.tasks.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.tasks.put(None)


class ProcessPool:
    """Clean ``(index, item)`` pairs on ``workers`` processes; yield Outcomes in index order.

    ``hard_timeout`` (seconds without a result while busy) catches what the in-worker deadline cannot, such
    as a hang inside C code: the worker is killed and replaced. ``None`` disables it. It starts once a worker
    is ready; a worker that is not ready within ``start_timeout`` (or dies first) is replaced and its documents
    go to the replacement, since start-up failures are the environment's fault, not the documents'.
    """

    def __init__(
        self,
        settings: PipelineSettings,
        *,
        workers: int,
        chunk_size: int = 32,
        hard_timeout: float | None = 120.0,
        start_timeout: float = 300.0,
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.settings = settings
        self.workers = workers
        self.chunk_size = chunk_size
        self.hard_timeout = hard_timeout
        self.start_timeout = start_timeout
        self.replaced = 0
        self._failed_starts = 0

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        context = _context()
        pool = [_Worker(context, self.settings) for _ in range(self.workers)]
        source = iter(tasks)
        exhausted = False
        ready: dict[int, Outcome] = {}
        next_out: int | None = None
        next_in: int | None = None
        window = self.workers * self.chunk_size * 4
        finished = False
        try:
            while True:
                # Hand out work while the reorder window has room.
                for position in range(len(pool)):
                    worker = pool[position]
                    while not exhausted and len(worker.assigned) < self.chunk_size:
                        if next_out is not None and next_in is not None and next_in - next_out >= window:
                            break
                        chunk: list[Task] = []
                        for task in source:
                            if next_out is None:
                                next_out = task[0]
                            next_in = task[0] + 1
                            if isinstance(task[1], Failure):  # unreadable input: no worker needed
                                ready[task[0]] = failure_outcome(task[0], task[1])
                            else:
                                chunk.append(task)
                            # A run of unreadable inputs fills the reorder window too: they are written out
                            # before more is read, so a dump of a million bad lines is not held in memory.
                            if len(chunk) >= self.chunk_size or next_in - next_out >= window:
                                break
                        else:
                            exhausted = True
                        if chunk:
                            worker = self._alive(context, pool, worker)
                            worker.send(chunk)
                while next_out is not None and next_out in ready:
                    yield ready.pop(next_out)
                    next_out += 1
                busy = [worker for worker in pool if worker.assigned]
                if not busy:
                    if exhausted and not ready:
                        finished = True
                        break
                    continue
                self._wait(context, pool, busy, ready)
        finally:
            _shut_down(pool, abandoned=not finished)

    def _wait(self, context: Any, pool: list[_Worker], busy: list[_Worker], ready: dict[int, Outcome]) -> None:
        handles: list[Any] = [worker.results for worker in busy] + [worker.process.sentinel for worker in busy]
        signalled = set(wait(handles, timeout=1.0))
        now = time.monotonic()
        for worker in busy:
            alive = worker.process.sentinel not in signalled
            self._drain(worker, ready)
            if not worker.assigned:
                continue
            if not worker.ready:
                if alive and now - worker.started <= self.start_timeout:
                    continue
                self._restart(context, pool, worker, alive)
                continue
            hung = self.hard_timeout is not None and now - worker.last_progress > self.hard_timeout
            if alive and not hung:
                continue
            if alive:
                reason = f"no result after {self.hard_timeout:g}s; worker killed and replaced"
                error = "WorkerTimeout"
            else:
                worker.process.join(1)
                reason = f"worker process died ({_exit_description(worker.process.exitcode)}); replaced"
                error = "WorkerDied"
            worker.kill()
            index, item = worker.assigned.popleft()
            assert isinstance(item, Document)
            ready[index] = failure_outcome(
                index,
                Failure(
                    stage="worker",
                    error=error,
                    message=reason,
                    source_id=item.source_id,
                    url=item.url,
                    position=item.position,
                ),
            )
            self._replace(context, pool, worker)

    def _alive(self, context: Any, pool: list[_Worker], worker: _Worker) -> _Worker:
        """``worker``, or its replacement when it died while idle (killed, the OOM killer): ``_wait`` watches only
        busy workers, so a chunk sent to a dead idle one had its first document recorded as ``WorkerDied``,
        though no document was being cleaned when it died."""
        if worker.assigned or worker.process.is_alive():
            return worker
        position = pool.index(worker)
        if worker.ready:
            worker.process.join(1)
            worker.kill()
            self._replace(context, pool, worker)
        else:
            self._restart(context, pool, worker, alive=False)  # still starting: a start failure, as in _wait
        return pool[position]

    def _restart(self, context: Any, pool: list[_Worker], worker: _Worker, alive: bool) -> None:
        """Replace a worker that died or stalled before it was ready; its documents go to the replacement."""
        if not alive:
            worker.process.join(1)  # so that its exit code is known
        reason = (
            f"not ready after {self.start_timeout:g}s"
            if alive
            else f"died while starting ({_exit_description(worker.process.exitcode)})"
        )
        worker.kill()
        self._failed_starts += 1
        if self._failed_starts >= MAX_FAILED_STARTS:
            raise WorkerStartError(
                f"{MAX_FAILED_STARTS} worker processes in a row failed to start (last: {reason}); "
                f"the environment, not the input, is at fault{_script_hint()}"
            )
        self._replace(context, pool, worker)

    def _replace(self, context: Any, pool: list[_Worker], worker: _Worker) -> None:
        """A new worker in ``worker``'s place, given the documents it still had."""
        replacement = _Worker(context, self.settings)
        pool[pool.index(worker)] = replacement
        self.replaced += 1
        if worker.assigned:
            replacement.send(list(worker.assigned))

    def _drain(self, worker: _Worker, ready: dict[int, Outcome]) -> None:
        try:
            while worker.results.poll():
                message = worker.results.recv_bytes()
                if message == READY:
                    worker.ready = True
                    worker.last_progress = time.monotonic()
                    self._failed_starts = 0  # start failures count only in a row
                    continue
                outcome = OUTCOME_DECODER.decode(message)
                ready[outcome.index] = outcome
                if worker.assigned and worker.assigned[0][0] == outcome.index:
                    worker.assigned.popleft()
                worker.last_progress = time.monotonic()
        except (EOFError, OSError):
            pass  # the worker is gone; the caller sees it through its sentinel


def _shut_down(pool: list[_Worker], *, abandoned: bool) -> None:
    """Stop every worker. An idle, ready worker is asked to stop and exits at once. When the run is abandoned
    (Ctrl-C, SIGTERM, an error, a caller that stopped reading), a worker still cleaning or still starting is killed
    instead: what it would send is thrown away, and it holds nothing the output needs, so waiting for it (up to the
    five seconds given to a graceful stop) only kept an interrupted run from stopping while a slow page was on it."""
    stopping: list[_Worker] = []
    for worker in pool:
        if abandoned and (worker.assigned or not worker.ready):
            worker.kill()
        else:
            worker.stop()
            stopping.append(worker)
    deadline = time.monotonic() + 5
    for worker in stopping:
        worker.process.join(max(0.0, deadline - time.monotonic()))
        if worker.process.is_alive():
            worker.kill()


def _exit_description(code: int | None) -> str:
    if code is None:
        return "exit status unknown"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


def run_in_process(settings: PipelineSettings, tasks: Iterable[Task]) -> Iterator[Outcome]:
    """The same results without worker processes (no hard timeout): for ``workers=0`` and distributed runners."""
    pipeline = settings.build()
    warm_up(pipeline)
    for index, item in tasks:
        yield clean_one(pipeline, index, item)

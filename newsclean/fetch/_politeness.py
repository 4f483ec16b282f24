"""Per-host politeness: at most N requests in flight to one host, and a minimum gap between request starts.

Hosts are keyed by host name (not port): two ports of one machine share its capacity. Requests get their turn
at a host in the order they asked for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Iterator
from typing import Generic, TypeVar

# Idle hosts are forgotten past this many entries, so a crawl over millions of hosts stays flat in memory.
_PRUNE_ABOVE = 4096


class FifoSlots:
    """At most ``size`` holders at once, let in in the order they asked. A ``threading.Semaphore`` is not: a thread
    that asks just as a slot frees up takes it before the threads already waiting, so with one slot per host the
    later URLs of a batch overtook the earlier ones, which waited for seconds (and held back the ordered output)."""

    def __init__(self, size: int) -> None:
        self._lock = threading.Lock()
        self._free = size
        self._waiting: deque[threading.Event] = deque()

    def __enter__(self) -> None:
        with self._lock:
            if self._free and not self._waiting:
                self._free -= 1
                return
            turn = threading.Event()
            self._waiting.append(turn)
        try:
            turn.wait()  # the holder leaving hands its slot over
        except BaseException:  # Ctrl-C in a caller's thread: the slot must not be lost with it
            with self._lock:
                handed_over = turn.is_set()
                if not handed_over:
                    self._waiting.remove(turn)
            if handed_over:
                self.__exit__()
            raise

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            if self._waiting:
                self._waiting.popleft().set()
            else:
                self._free += 1


SlotsT = TypeVar("SlotsT", FifoSlots, asyncio.Semaphore)


class _Host(Generic[SlotsT]):
    __slots__ = ("active", "next_start", "slots")

    def __init__(self, slots: SlotsT) -> None:
        self.slots: SlotsT = slots
        self.next_start = 0.0
        self.active = 0


def _forget_idle(hosts: dict[str, _Host[SlotsT]]) -> None:
    if len(hosts) < _PRUNE_ABOVE:
        return
    now = time.monotonic()
    for host in [h for h, e in hosts.items() if e.active == 0 and e.next_start <= now]:
        del hosts[host]


class HostLimiter:
    """Thread-safe per-host gate for the sync fetcher."""

    def __init__(self, per_host: int) -> None:
        self._per_host = per_host
        self._lock = threading.Lock()
        self._hosts: dict[str, _Host[FifoSlots]] = {}

    @contextlib.contextmanager
    def slot(self, host: str, delay: float, cancelled: threading.Event | None = None) -> Iterator[None]:
        """Wait for ``host``'s turn; the delay is cut short once ``cancelled`` is set (the caller then stops)."""
        with self._lock:
            entry = self._hosts.get(host)
            if entry is None:
                _forget_idle(self._hosts)
                entry = self._hosts[host] = _Host(FifoSlots(self._per_host))
            entry.active += 1
        try:
            with entry.slots:
                with self._lock:
                    now = time.monotonic()
                    start = max(now, entry.next_start)
                    entry.next_start = start + delay
                if start > now:
                    if cancelled is None:
                        time.sleep(start - now)
                    else:
                        cancelled.wait(start - now)
                yield
        finally:
            with self._lock:
                entry.active -= 1


class AsyncHostLimiter:
    """The same gate for the async fetcher (one event loop, so no locks are needed around the bookkeeping)."""

    def __init__(self, per_host: int) -> None:
        self._per_host = per_host
        self._hosts: dict[str, _Host[asyncio.Semaphore]] = {}

    @contextlib.asynccontextmanager
    async def slot(self, host: str, delay: float) -> AsyncIterator[None]:
        entry = self._hosts.get(host)
        if entry is None:
            _forget_idle(self._hosts)
            entry = self._hosts[host] = _Host(asyncio.Semaphore(self._per_host))
        entry.active += 1
        try:
            async with entry.slots:
                now = time.monotonic()
                start = max(now, entry.next_start)
                entry.next_start = start + delay
                if start > now:
                    await asyncio.sleep(start - now)
                yield
        finally:
            entry.active -= 1

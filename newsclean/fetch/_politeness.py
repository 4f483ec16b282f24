"""Per-host politeness: at most N requests in flight to one host, and a minimum gap between request starts.

Hosts are keyed by host name (not port): two ports of one machine share its capacity.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import AsyncIterator, Iterator

# Idle hosts are forgotten past this many entries, so a crawl over millions of hosts stays flat in memory.
_PRUNE_ABOVE = 4096


class _SyncHost:
    __slots__ = ("active", "next_start", "slots")

    def __init__(self, limit: int) -> None:
        self.slots = threading.BoundedSemaphore(limit)
        self.next_start = 0.0
        self.active = 0


class HostLimiter:
    """Thread-safe per-host gate for the sync fetcher."""

    def __init__(self, per_host: int) -> None:
        self._per_host = per_host
        self._lock = threading.Lock()
        self._hosts: dict[str, _SyncHost] = {}

    @contextlib.contextmanager
    def slot(self, host: str, delay: float) -> Iterator[None]:
        with self._lock:
            entry = self._hosts.get(host)
            if entry is None:
                self._prune()
                entry = self._hosts[host] = _SyncHost(self._per_host)
            entry.active += 1
        try:
            with entry.slots:
                with self._lock:
                    now = time.monotonic()
                    start = max(now, entry.next_start)
                    entry.next_start = start + delay
                if start > now:
                    time.sleep(start - now)
                yield
        finally:
            with self._lock:
                entry.active -= 1

    def _prune(self) -> None:
        if len(self._hosts) < _PRUNE_ABOVE:
            return
        now = time.monotonic()
        for host in [h for h, e in self._hosts.items() if e.active == 0 and e.next_start <= now]:
            del self._hosts[host]


class _AsyncHost:
    __slots__ = ("active", "next_start", "slots")

    def __init__(self, limit: int) -> None:
        self.slots = asyncio.Semaphore(limit)
        self.next_start = 0.0
        self.active = 0


class AsyncHostLimiter:
    """The same gate for the async fetcher (one event loop, so no locks are needed around the bookkeeping)."""

    def __init__(self, per_host: int) -> None:
        self._per_host = per_host
        self._hosts: dict[str, _AsyncHost] = {}

    @contextlib.asynccontextmanager
    async def slot(self, host: str, delay: float) -> AsyncIterator[None]:
        entry = self._hosts.get(host)
        if entry is None:
            self._prune()
            entry = self._hosts[host] = _AsyncHost(self._per_host)
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

    def _prune(self) -> None:
        if len(self._hosts) < _PRUNE_ABOVE:
            return
        now = time.monotonic()
        for host in [h for h, e in self._hosts.items() if e.active == 0 and e.next_start <= now]:
            del self._hosts[host]

"""A deadline for one sync fetch attempt, enforced under httpx at every socket operation, and a way to stop it.

httpx's sync client has a timeout per operation (connect, each read) but none for a whole request: a server that
sends a header line every second, or keeps the connection open and says nothing, held a thread far past
``total_timeout`` (for ``read_timeout`` at every redirect hop, or forever). The async fetcher wraps each attempt
in ``asyncio.timeout``; a thread cannot be interrupted that way, so the network backend under httpx's pool
shortens every connect, read and write to what is left of the deadline of the thread doing it, and refuses to
start one once it has passed.

The same hook stops a batch closed early (Ctrl-C, ``break`` out of ``fetch_many``): cancelling a ``Batch`` ends
the deadlines of its attempts and shuts down the sockets they are blocked on, so the threads return at once
instead of after their reads time out and their retries run out.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import warnings
from collections.abc import Iterable, Iterator
from typing import Any

import httpcore
import httpx

from ._dns import LookupTimeout, lookup
from ._pinning import connection_pools, first_to_connect
from ._safety import literal_address


class DeadlineReached(Exception):
    """Marks the timeouts raised because an attempt's deadline passed or its batch was cancelled."""


class _ConnectDeadline(DeadlineReached, httpcore.ConnectTimeout):
    pass


class _ReadDeadline(DeadlineReached, httpcore.ReadTimeout):
    pass


class _WriteDeadline(DeadlineReached, httpcore.WriteTimeout):
    pass


class Batch:
    """The attempts of one ``fetch_many`` call; ``cancel`` stops all of them promptly."""

    def __init__(self) -> None:
        self.cancelled = threading.Event()
        self._lock = threading.Lock()
        self._blocked: set[socket.socket] = set()

    def cancel(self) -> None:
        self.cancelled.set()
        with self._lock:
            blocked = list(self._blocked)
        for sock in blocked:
            with contextlib.suppress(OSError):
                # The plain socket's shutdown, also for a TLS socket: it wakes the thread blocked in recv without
                # touching the TLS object that thread is using.
                socket.socket.shutdown(sock, socket.SHUT_RDWR)

    @contextlib.contextmanager
    def blocking_on(self, sock: socket.socket | None) -> Iterator[None]:
        if sock is None:
            yield
            return
        with self._lock:
            self._blocked.add(sock)
        try:
            yield
        finally:
            with self._lock:
                self._blocked.discard(sock)


class Deadline:
    """When the current attempt must be over (``time.monotonic()`` seconds); ``extend`` moves it later."""

    def __init__(self, seconds: float, batch: Batch | None = None) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.batch = batch

    def extend(self, seconds: float) -> None:
        self.at += seconds

    def remaining(self) -> float:
        if self.batch is not None and self.batch.cancelled.is_set():
            return 0.0
        return self.at - time.monotonic()

    def reason(self) -> str:
        if self.batch is not None and self.batch.cancelled.is_set():
            return "the batch was closed"
        return f"total_timeout={self.seconds:g}s passed"


_current = threading.local()


@contextlib.contextmanager
def bounded_by(deadline: Deadline) -> Iterator[Deadline]:
    """Make ``deadline`` bound every socket operation of this thread's requests while the block runs."""
    previous = getattr(_current, "deadline", None)
    _current.deadline = deadline
    try:
        yield deadline
    finally:
        _current.deadline = previous


def current_deadline() -> Deadline | None:
    """The deadline bounding this thread's requests, if any (``bounded_by``)."""
    deadline: Deadline | None = getattr(_current, "deadline", None)
    return deadline


def _shorter(timeout: float | None, error: type[DeadlineReached]) -> tuple[float | None, Deadline | None]:
    """``timeout`` cut to what is left of this thread's deadline (raising ``error`` when nothing is left)."""
    deadline = current_deadline()
    if deadline is None:
        return timeout, None
    left = deadline.remaining()
    if left <= 0:
        raise error(deadline.reason())
    return (left if timeout is None else min(timeout, left)), deadline


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def _blocking(self, deadline: Deadline | None) -> contextlib.AbstractContextManager[None]:
        if deadline is None or deadline.batch is None:
            return contextlib.nullcontext()
        return deadline.batch.blocking_on(self._inner.get_extra_info("socket"))

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        timeout, deadline = _shorter(timeout, _ReadDeadline)
        with self._blocking(deadline):
            try:
                return self._inner.read(max_bytes, timeout)
            except httpcore.ReadTimeout as exc:
                if deadline is not None and deadline.remaining() <= 0:
                    raise _ReadDeadline(deadline.reason()) from exc
                raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        timeout, deadline = _shorter(timeout, _WriteDeadline)
        with self._blocking(deadline):
            self._inner.write(buffer, timeout)

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        timeout, deadline = _shorter(timeout, _ConnectDeadline)
        with self._blocking(deadline):
            return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        timeout, deadline = _shorter(timeout, _ConnectDeadline)
        if deadline is None or literal_address(host) is not None:
            return _DeadlineStream(self._connect(host, port, timeout, local_address, socket_options))
        # The name is looked up here, within the deadline, and the layers below get its addresses: the resolver
        # they would call blocks in C past any timeout (``_dns``). A pinning backend below checks each address.
        try:
            infos = lookup(host, port, deadline)
        except LookupTimeout as exc:
            raise _ConnectDeadline(str(exc)) from exc
        except (socket.gaierror, UnicodeError) as exc:
            raise httpcore.ConnectError(f"host {host!r} did not resolve: {exc}") from exc

        def connect(address: str) -> httpcore.NetworkStream:
            left, _ = _shorter(timeout, _ConnectDeadline)  # what the addresses tried before left of the deadline
            return _DeadlineStream(self._connect(address, port, left, local_address, socket_options))

        return first_to_connect(host, dict.fromkeys(str(info[4][0]) for info in infos), connect)

    def _connect(
        self,
        host: str,
        port: int,
        timeout: float | None,
        local_address: str | None,
        socket_options: Iterable[Any] | None,
    ) -> httpcore.NetworkStream:
        try:
            return self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        except httpcore.ConnectTimeout as exc:
            deadline = current_deadline()
            if deadline is not None and deadline.remaining() <= 0:
                raise _ConnectDeadline(deadline.reason()) from exc
            raise

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        timeout, _ = _shorter(timeout, _ConnectDeadline)
        return _DeadlineStream(self._inner.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def bound_by_deadlines(client: httpx.Client) -> None:
    """Put ``DeadlineBackend`` under every connection pool of ``client`` (proxies' too), above any other backend."""
    wrapped = 0
    for pool in connection_pools(client):
        if isinstance(pool, httpcore.ConnectionPool):
            pool._network_backend = DeadlineBackend(pool._network_backend)
            wrapped += 1
    if not wrapped:
        warnings.warn(
            "newsclean could not reach httpx's connection pool on this httpx version: the sync fetcher's "
            "total_timeout only bounds the body, not a server that is slow to answer",
            RuntimeWarning,
            stacklevel=3,
        )

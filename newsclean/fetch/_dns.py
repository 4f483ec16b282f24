"""Name lookups that end when the attempt's deadline does.

``socket.getaddrinfo`` blocks in C for as long as the system resolver takes (five seconds per server and try by
default, so half a minute and more for a name server that does not answer), and no socket timeout shortens it: a
sync fetch stuck there ran past ``total_timeout``, and closing its batch did not stop it. The lookup runs in a
daemon thread of its own instead, which the attempt waits for only until its deadline passes or its batch is
closed; a lookup given up on finishes in the background, and at most ``MAX_LOOKUPS`` run at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import Callable
from typing import Any, Protocol

#: Lookups running at once; a fetch that finds none free waits for one within its own deadline.
MAX_LOOKUPS = 32
# How often a waiting attempt looks at its deadline, which a closed batch ends early.
_POLL_SECONDS = 0.05
_running = threading.BoundedSemaphore(MAX_LOOKUPS)
#: What a lookup ends with: the addresses, or the exception it raised.
_Outcome = list[tuple[Any, ...]] | BaseException


class Bound(Protocol):
    """What ``_deadline.Deadline`` offers: the seconds left (0 once its batch is closed), and why none are."""

    def remaining(self) -> float: ...

    def reason(self) -> str: ...


class LookupTimeout(Exception):
    """The deadline passed, or the batch was closed, before the name resolved."""


def lookup(host: str, port: int, deadline: Bound | None) -> list[tuple[Any, ...]]:
    """``socket.getaddrinfo(host, port)`` for stream sockets, given up on when ``deadline`` passes."""
    if deadline is None:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    while not _running.acquire(timeout=_POLL_SECONDS):
        _check(host, deadline)
    answer: list[_Outcome] = []
    done = threading.Event()

    def deliver(outcome: _Outcome) -> None:
        answer.append(outcome)
        done.set()

    _resolve_in_background(host, port, deliver)
    while not done.wait(_POLL_SECONDS):
        _check(host, deadline)
    (outcome,) = answer
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome


def _check(host: str, deadline: Bound) -> None:
    if deadline.remaining() <= 0:
        raise LookupTimeout(f"looking up {host!r}: {deadline.reason()}")


async def alookup(host: str, port: int) -> list[tuple[Any, ...]]:
    """``lookup`` for the event loop: the same daemon threads (at most ``MAX_LOOKUPS`` at once), awaited. Cancelling
    the await (the attempt's ``asyncio.timeout``, a closed batch) gives the lookup up, and it finishes in the
    background. The loop's own ``getaddrinfo`` runs in its default executor, a handful of threads: a few names the
    resolver never answers filled it, every later name waited behind them and timed out, and ``asyncio.run``
    waited at exit for all of them to be answered (minutes, for a silent name server)."""
    loop = asyncio.get_running_loop()
    while not _running.acquire(blocking=False):
        await asyncio.sleep(_POLL_SECONDS)
    answer: asyncio.Future[list[tuple[Any, ...]]] = loop.create_future()

    def settle(outcome: _Outcome) -> None:
        if answer.done():  # given up on (cancelled): nobody reads it
            return
        if isinstance(outcome, BaseException):
            answer.set_exception(outcome)
        else:
            answer.set_result(outcome)

    def deliver(outcome: _Outcome) -> None:
        with contextlib.suppress(RuntimeError):  # the loop was closed meanwhile: nobody waits for the answer
            loop.call_soon_threadsafe(settle, outcome)

    _resolve_in_background(host, port, deliver)
    return await answer


def _resolve_in_background(host: str, port: int, deliver: Callable[[_Outcome], None]) -> None:
    """Look ``host`` up in a daemon thread of its own, which holds the ``MAX_LOOKUPS`` slot its caller took until the
    resolver answers, then hands ``deliver`` the addresses, or the exception the lookup raised."""

    def resolve() -> None:
        outcome: _Outcome
        try:
            outcome = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except BaseException as exc:  # handed to the waiting caller, which raises it
            outcome = exc
        finally:
            _running.release()
        deliver(outcome)

    threading.Thread(target=resolve, name="newsclean-dns", daemon=True).start()

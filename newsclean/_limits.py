"""Per-document limits: size, depth and wall-clock time. Every limit is a keyword argument with a default."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

import msgspec

from ._exceptions import ExtractionTimeout, InputError


class Limits(msgspec.Struct, frozen=True, kw_only=True):
    #: Largest input accepted, in bytes (or characters for ``str`` input).
    max_bytes: int = 10 * 1024 * 1024
    #: Wall-clock seconds one document may take; None disables it. Enforced with SIGALRM on the main thread;
    #: elsewhere (threads), the batch runner's worker processes enforce it.
    timeout: float | None = 30.0
    #: Share of control or replacement characters above which input is treated as binary, not text.
    max_binary_share: float = 0.1


def check_size(size: int, limits: Limits, *, url: str | None) -> None:
    if size == 0:
        raise InputError("empty document", url=url, stage="input")
    if size > limits.max_bytes:
        raise InputError(
            f"document of {size:,} bytes exceeds max_bytes={limits.max_bytes:,}", url=url, stage="input"
        )


_TEXT_CONTROLS = frozenset("\t\n\r\f\v")


def check_text(text: str, limits: Limits, *, url: str | None) -> str:
    """Reject binary data that slipped through as text; drop stray NULs from otherwise good text."""
    if not text.strip():
        raise InputError("document is empty or only whitespace", url=url, stage="input")
    sample = text[:65536]
    bad = sum(1 for char in sample if (char < " " and char not in _TEXT_CONTROLS) or char == "\ufffd")
    if bad > limits.max_binary_share * len(sample):
        raise InputError(
            f"input looks binary ({bad} control or undecodable characters in the first {len(sample)})",
            url=url,
            stage="input",
        )
    return text.replace("\x00", "") if "\x00" in text else text


@contextlib.contextmanager
def deadline(seconds: float | None, *, url: str | None, stage: str = "extract") -> Iterator[None]:
    """Raise ExtractionTimeout in the body after ``seconds``. A no-op off the main thread or when disabled."""
    if (
        not seconds
        or threading.current_thread() is not threading.main_thread()
        or not hasattr(signal, "setitimer")
    ):
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise ExtractionTimeout(f"document took longer than timeout={seconds}s", url=url, stage=stage)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

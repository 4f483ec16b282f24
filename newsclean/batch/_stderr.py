"""Diagnostics on standard error, written best effort: progress, rejected documents, the summary, an interruption.

A run's records go to OUTPUT (or standard output); what goes to standard error only describes the run. When
standard error is gone (``2>&-``, or piped into ``head -c 10`` that has exited), a failed write of a diagnostic
stopped the run: its records were lost for the loss of its commentary. Here such a write is dropped instead, and
standard error stays silent for the rest of the run.
"""

from __future__ import annotations

import contextlib
import os
import sys
import weakref
from typing import TextIO

#: Streams a write to has failed: written to no more.
_gone: weakref.WeakSet[TextIO] = weakref.WeakSet()


def write_diagnostic(text: str, stream: TextIO | None = None) -> None:
    """Write ``text`` to ``stream`` (default: ``sys.stderr``, as it is now) and flush it; a stream that is closed, or
    whose reader has gone, is silenced instead of raising (``BrokenPipeError``, ``OSError``, ``ValueError: I/O
    operation on closed file``)."""
    target = sys.stderr if stream is None else stream
    if target is None or target in _gone:  # None: Python started without a file descriptor 2
        return
    try:
        target.write(text)
        target.flush()
    except (OSError, ValueError):
        _silence(target)


def silence_stderr() -> None:
    """Write nothing more to standard error, as after a write to it failed (a write that failed out of another's
    hands: click's own message of a usage error)."""
    if sys.stderr is not None:
        _silence(sys.stderr)


def is_terminal(stream: TextIO | None) -> bool:
    """Whether ``stream`` is an open terminal (a progress line is drawn only there)."""
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError):
        return False


def _silence(stream: TextIO) -> None:
    with contextlib.suppress(TypeError):  # (a stream that cannot be weakly referenced is tried each time)
        _gone.add(stream)
    # The bytes of the failed write stay in the stream's buffer, and Python flushes standard error as it exits: a
    # flush that fails again then turns the run's exit status into 120. With /dev/null under the descriptor, that
    # flush, and what else writes there (click's error messages), succeeds and goes nowhere.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        if stream.fileno() == 2:
            _null_at(2)


def keep_stderr_descriptor() -> None:
    """Put /dev/null at file descriptor 2 when the process started without one (``2>&-``): otherwise the first file
    the run opens (the output's lock file, the output) is given descriptor 2, and whatever writes to standard error
    below Python (a library's C code, a process started from this one) writes into that file."""
    try:
        os.fstat(2)
    except OSError:
        with contextlib.suppress(OSError):
            _null_at(2)


def _null_at(descriptor: int) -> None:
    null = os.open(os.devnull, os.O_WRONLY)
    if null == descriptor:
        os.set_inheritable(descriptor, True)  # as a standard stream is, for the processes started from this one
    else:
        os.dup2(null, descriptor)
        os.close(null)

"""Whether a command's process group still has a process in it (tests that stop a run check none is left), and
what each of its processes was doing when the command did not stop in time."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

#: A command started with this in its environment prints every thread's stack on SIGABRT (Python's faulthandler).
STACKS_ON_ABORT = {"PYTHONFAULTHANDLER": "1"}


@contextlib.contextmanager
def ctrl_c_at_its_default() -> Iterator[None]:
    """Commands started inside take Ctrl-C as a shell's foreground job does. A process started with SIGINT ignored
    passes the ignoring on to every command it starts (a script's ``pytest &`` is such a process: a shell without job
    control starts its background jobs so), and Python leaves an ignored SIGINT ignored, so such a command never
    stopped on Ctrl-C. A handler, unlike an ignored signal, is reset to the default in a command started."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def group_members(group: int) -> list[tuple[int, str]]:
    """The processes of ``group`` as (pid, state and command line), read from /proc."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            # The command name, in parentheses, may hold spaces: the fields after it are split from its end.
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == group:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                members.append((int(entry.name), f"state {fields[0]}: {command[:300]}"))
    return members


def communicate_or_explain(process: subprocess.Popen[bytes], timeout: float) -> bytes:
    """``process.communicate(timeout)``'s standard error; when the command has not ended by then, a failure that
    lists the processes of its group and the stack of each (SIGABRT to each, with ``STACKS_ON_ABORT`` in the
    command's environment), so that a hang seen once says where it was."""
    try:
        return process.communicate(timeout=timeout)[1]
    except subprocess.TimeoutExpired:
        members = group_members(process.pid)
        for pid, _ in members:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGABRT)
        try:
            errors = process.communicate(timeout=20)[1]
        except subprocess.TimeoutExpired:
            errors = b"(standard error still open 20 s after SIGABRT)"
        listing = "\n".join(f"  {pid} {description}" for pid, description in members)
        raise AssertionError(
            f"the command had not ended {timeout:g}s after it was stopped; its processes:\n{listing}\n"
            f"standard error:\n{errors.decode(errors='replace')[-20000:]}"
        ) from None

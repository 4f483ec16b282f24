"""Whether a command's process group still has a process in it (tests that stop a run check none is left)."""

from __future__ import annotations

import os


def group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True

"""A one-line progress display on stderr, only when stderr is a terminal; written best effort (``_stderr``)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from ._stderr import is_terminal, write_diagnostic


class Progress:
    """``done_before``: documents a resumed run's earlier process finished; they count in the documents shown, but
    not in the rate (nor so the ETA), which is this process's own."""

    def __init__(self, total: int | None, *, enabled: bool, stream: TextIO | None = None, done_before: int = 0) -> None:
        self.stream = stream or sys.stderr  # None when Python started without standard error (``2>&-``)
        self.enabled = enabled and is_terminal(self.stream)
        self.total = total
        self.done_before = done_before
        self.started = time.monotonic()
        self._shown = 0.0
        self._latest: tuple[int, int] | None = None

    def update(self, done: int, failed: int, *, force: bool = False) -> None:
        if not self.enabled:
            return
        self._latest = (done, failed)
        now = time.monotonic()
        if not force and now - self._shown < 0.2:
            return
        self._shown = now
        elapsed = max(now - self.started, 1e-9)
        rate = max(done - self.done_before, 0) / elapsed
        parts = [f"{done:,}" + (f"/{self.total:,}" if self.total else "") + " docs", f"{rate:,.1f} docs/s"]
        parts.append(f"{failed:,} rejected")
        if self.total and rate > 0:
            remaining = max(self.total - done, 0) / rate
            parts.append(f"ETA {int(remaining // 60)}:{int(remaining % 60):02d}")
        write_diagnostic("\r\x1b[K" + "  ".join(parts), self.stream)

    def clear(self) -> None:
        """Wipe the line, for another line (a rejected document's) to take its place; redrawn at the next update."""
        if self.enabled and self._latest is not None:
            write_diagnostic("\r\x1b[K", self.stream)
            self._shown = 0.0

    def close(self) -> None:
        if self.enabled:
            # Updates are throttled, so the last one shown may be stale: end on the final counts.
            if self._latest is not None:
                self.update(*self._latest, force=True)
            write_diagnostic("\n", self.stream)

"""A plain text progress bar for management commands (no dependency): redrawn in place on
a terminal, one line per tenth otherwise (logs stay readable)."""

from __future__ import annotations

import time


class ProgressBar:
    def __init__(self, stream, total: int, *, label: str = "", width: int = 30) -> None:
        self.stream, self.total, self.label, self.width = stream, max(total, 0), label, width
        self.done = 0
        self.started = time.perf_counter()
        self._last_tenth = -1
        self._is_tty = getattr(stream, "isatty", lambda: False)()

    def __call__(self, step: int) -> None:
        self.done += step
        share = min(1.0, self.done / self.total) if self.total else 1.0
        tenth = int(share * 10)
        if not self._is_tty and tenth == self._last_tenth:
            return
        self._last_tenth = tenth
        filled = int(share * self.width)
        rate = self.done / max(time.perf_counter() - self.started, 1e-6)
        line = (
            f"{self.label} [{'#' * filled}{'.' * (self.width - filled)}] "
            f"{self.done:,}/{self.total:,} ({rate:,.0f}/s)"
        )
        if self._is_tty:
            self.stream.write("\r" + line, ending="")
            self.stream.flush()
        else:
            self.stream.write(line)

    def close(self) -> None:
        if self._is_tty:
            self.stream.write("")

"""A progress bar on a terminal; silence anywhere else (logs, CI, the publish button)."""
from __future__ import annotations

import sys
from typing import TextIO

from portal.sitebuild.pipeline import Progress


def terminal_progress(stream: TextIO | None = None, width: int = 30) -> Progress:
    """A Progress that draws ``[#####.....] done/total`` on ``stream`` (default: the current
    standard error) if it is a terminal."""
    stream = stream or sys.stderr
    if not stream.isatty():
        return Progress()
    state = {"done": 0, "total": 0}

    def draw() -> None:
        total = state["total"] or 1
        filled = width * state["done"] // total
        stream.write(f"\rrendering [{'#' * filled}{'.' * (width - filled)}] {state['done']}/{state['total']}")
        if state["done"] >= state["total"]:
            stream.write("\n")
        stream.flush()

    def start(total: int) -> None:
        state.update(done=0, total=total)
        draw()

    def advance(n: int) -> None:
        state["done"] += n
        draw()

    return Progress(start, advance)

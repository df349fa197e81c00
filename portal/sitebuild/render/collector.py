"""Pause the cyclic garbage collector while building (see ``collector_paused``)."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic garbage collection while building (restored after).

    A build makes a few hundred thousand long-lived objects (the library, the plan) and
    then short-lived ones per page; the cyclic collector would walk the long-lived ones
    again and again for nothing, which cost about a tenth of a full build. The freeze
    workers collect young garbage after each batch themselves (``portal.sitebuild.render.freeze``).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

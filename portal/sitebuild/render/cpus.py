"""How many processes a build renders with unless told: one per CPU this process may use.

A module of its own so build.py can ask before importing the web stack."""
from __future__ import annotations

import os


def default_workers() -> int:
    """One worker per CPU this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)

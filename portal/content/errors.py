"""The one error type raised for bad content, naming the file and the field."""

from __future__ import annotations

from pathlib import Path


class ContentError(ValueError):
    """A content file cannot be published as it stands.

    ``path`` is the offending file and ``field`` the front-matter field (or
    other part, such as ``body`` or an image reference) that is wrong, so an
    editor can find and fix it from the message alone.
    """

    def __init__(self, path: Path | str, field: str, problem: str) -> None:
        self.path = Path(path)
        self.field = field
        self.problem = problem
        super().__init__(f"{self.path}: field '{field}': {problem}")

    def __reduce__(self):
        # Rebuild from the parts, so the error survives a process pool.
        return (type(self), (self.path, self.field, self.problem))

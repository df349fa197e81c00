"""A document provider for the CLI tests (``--source provider:documents``)."""
import os

from corpus import DOCS


def documents():
    """The fixture corpus, minus the first ``FX_DROP`` documents."""
    return DOCS[int(os.environ.get("FX_DROP", "0")):]

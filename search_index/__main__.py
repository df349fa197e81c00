"""Entry point for ``python -m search_index``."""
import sys

from .cli import main

sys.exit(main())

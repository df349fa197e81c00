"""Stage 6: the static search export."""

"""Stage 5: vet every output: the privacy guard and the link checker."""

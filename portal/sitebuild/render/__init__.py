"""Stage 4: freeze the public blueprint into files."""

"""Recognise uploads by their content, never by their name."""
from __future__ import annotations

ALLOWED = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
}


def sniff(head: bytes) -> str | None:
    """The MIME type of a PDF, JPEG or PNG file from its first bytes; None for anything else."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None

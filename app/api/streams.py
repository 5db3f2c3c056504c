"""A file the adapter API sends back as bytes (issue 19: an attachment opened or saved), not as JSON.

An adapter answers a streamed operation (app/api/routes.py, `streamed=True`) with a FileStream: what the
file is and its bytes as chunks, which the server sends as they come (the local store reads one chunk at a
time from disk). Core code: no Textual.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from urllib.parse import quote

# Whatever the sender declared, a file goes out as this, so that no browser or proxy on the way runs it.
OCTET_STREAM = "application/octet-stream"


@dataclass(frozen=True)
class FileStream:
    name: str  # as stored (already one harmless path component); the receiver sanitises it again
    size: int
    content_type: str  # as declared by whoever sent the file: information, never trusted
    chunks: AsyncIterator[bytes]


def stream_headers(file: FileStream) -> dict[str, str]:
    """The response headers of a streamed file: its length first (a receiver refuses too large before a byte),
    and everything a browser or proxy needs to treat it as data to save, never as a page or a program."""
    declared = "".join(ch for ch in file.content_type if ch.isascii() and ch.isprintable())[:255]
    return {
        "Content-Length": str(file.size),
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(file.name, safe='')}",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox",
        "X-Helpline-Declared-Type": declared or OCTET_STREAM,
    }

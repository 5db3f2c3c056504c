"""A file name from outside (a sender's, an adapter's) as one harmless path component: pure, no I/O.

The store names its files with it (app/backends/store_attachments.py) and the workstation names what it saves
with it again (app/downloads.py): neither trusts the other's names.
"""

from __future__ import annotations

from app.domain.limits import MAX_FILE_NAME_BYTES

_KEPT_SUFFIX_BYTES = 16  # ".jpeg", ".tar.gz": an extension this short survives cutting a long name


def safe_file_name(name: str) -> str:
    """A sender's file name as one harmless path component (no folders, no control characters, no dot-files),
    at most MAX_FILE_NAME_BYTES in UTF-8 (filesystems count bytes), cut at a character boundary."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip().lstrip(".")
    base = base or "attachment"
    if len(base.encode("utf-8")) <= MAX_FILE_NAME_BYTES:
        return base
    stem, dot, suffix = base.rpartition(".")
    kept = f"{dot}{suffix}" if stem and len(f"{dot}{suffix}".encode()) <= _KEPT_SUFFIX_BYTES else ""
    room = MAX_FILE_NAME_BYTES - len(kept.encode("utf-8"))
    head = (base[: len(base) - len(kept)] if kept else base).encode("utf-8")[:room]
    return head.decode("utf-8", "ignore").rstrip() + kept  # "ignore": drops a character cut in half

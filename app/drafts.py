"""Unsent drafts (notes, messages) kept on disk as they are typed, so a crash or restart loses nothing."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from app.config import data_dir


def drafts_path() -> Path:
    return data_dir() / "drafts.json"


def _read(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def load_draft(key: str, path: Path | None = None) -> str:
    return _read(path or drafts_path()).get(key, "")


def save_draft(key: str, text: str, path: Path | None = None) -> None:
    """Store (or, for empty text, forget) the draft under `key`; atomic, and never an error for the agent."""
    path = path or drafts_path()
    drafts = _read(path)
    if text.strip():
        drafts[key] = text
    else:
        drafts.pop(key, None)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(drafts, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)

"""What the workstation remembers between starts: the queue's view, filter, sort and cursor.

A missing or unreadable state file is no error: the queue starts from its defaults.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from pydantic import BaseModel, ValidationError

from app import atomic_write as atomic
from app.api.schemas import Sort
from app.config import data_dir


class QueueState(BaseModel):
    view: str = "1"
    filter: str = ""
    sort: Sort = Sort.WORK
    cursor: str | None = None  # the code of the ticket under the cursor
    candidates_team: str | None = None  # view 6 narrowed to one team (R-ESC-4); None: the whole desk
    # The team queue's tickets when the agent last looked at it (view 3); None before the first look, which marks
    # nothing new. Finding 2 (follow-up and triage): what arrived since is marked, and a P1 or P2 rings.
    seen_team: list[str] | None = None


def state_path() -> Path:
    return data_dir() / "ui-state.json"


def load_queue_state(path: Path | None = None) -> QueueState:
    try:
        return QueueState.model_validate_json((path or state_path()).read_bytes())
    except (OSError, ValidationError, ValueError, RecursionError):
        return QueueState()


def save_queue_state(state: QueueState, path: Path | None = None) -> None:
    """Best effort and atomic: losing the cursor position must never cost the agent an error."""
    path = path or state_path()
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # the owner's only, as the file (atomic.PRIVATE)
        # Atomic but not durable: it is written on every filter key and cursor move, and two fsyncs each
        # (a few ms, far more on a busy disk) are too much for a cursor position a power cut may lose.
        atomic.atomic_write(path, state.model_dump_json().encode("utf-8"), durable=False)

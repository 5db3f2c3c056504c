"""Fixtures of the store tests: a demo store opened directly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.backends.local_store import LocalStore
from app.seed import seed_demo


@pytest.fixture
def store(store_dir: Path) -> Iterator[LocalStore]:
    seed_demo(store_dir)
    opened = LocalStore(store_dir)
    yield opened
    opened.close()

"""Suite-wide fixtures: the developer's own config and data are never read by a test."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HELPLINE_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("HELPLINE_DATA_DIR", str(home / "data"))
    monkeypatch.delenv("HELPLINE_TOKEN", raising=False)
    monkeypatch.delenv("HELPLINE_PASSWORD", raising=False)
    yield


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    from app.i18n import set_language

    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
async def client(store_dir: Path) -> AsyncIterator[object]:
    """A client of a fresh demo store, acting as anna (the Pilot tests' desk)."""
    from app.connect import local_client
    from app.seed import seed_demo

    seed_demo(store_dir)
    desk_client = local_client(store_dir, "anna")
    yield desk_client
    await desk_client.aclose()

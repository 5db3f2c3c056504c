"""The store folder's trust, from the command line: a folder others may write is refused until the agent says
`--trust-foreign`; the tokens file that decides who may serve is never read through a link."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.api.auth import TokenFile
from app.errors import StoreDamaged
from tests.test_cli import demo_store, run  # noqa: F401  (demo_store is a fixture)


def test_a_store_others_may_write_is_refused_until_trusted_knowingly(
        demo_store: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    """Finding 5 (trust boundaries): a world-writable store was used without a word."""
    os.chmod(demo_store, 0o777)
    code, out, err = run(capsys, "--store", str(demo_store), "list")
    assert code == 1 and out == "" and "chmod 700" in err and len(err.strip().splitlines()) == 1
    code, out, _ = run(capsys, "--store", str(demo_store), "--trust-foreign", "list")
    assert code == 0 and "HL-1 " in out


def test_the_tokens_file_is_never_read_through_a_link(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    TokenFile(elsewhere).create("anna")
    store = tmp_path / "store"
    store.mkdir()
    (store / "tokens.json").symlink_to(elsewhere)
    with pytest.raises(StoreDamaged):
        TokenFile(store / "tokens.json").records()
    assert TokenFile(elsewhere).records(), "the file behind the link is still what it was"

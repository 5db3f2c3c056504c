"""A damaged drafts file never costs the other drafts silently, nor raises to the agent (app/drafts.py)."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest

from app import atomic_write as atomic
from app.drafts import load_draft, save_draft

TRUNCATED = b'{\n "HL-1:note": "The AP in room 4 reboots every hour, tried a new PoE inj'


def _kept(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.damaged-*"))


def _on_disk(path: Path) -> dict[str, str]:
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_a_truncated_file_is_kept_aside_before_a_new_draft_is_written(tmp_path: Path) -> None:
    """Finding 7 (trust boundaries): a truncated drafts.json plus one more draft silently dropped all the other
    drafts; the damaged file is now kept aside whole before the new one is written."""
    path = tmp_path / "drafts.json"
    path.write_bytes(TRUNCATED)
    assert load_draft("HL-1:note", path) == ""
    save_draft("HL-2:note", "Toner replaced", path)
    assert _on_disk(path) == {"HL-2:note": "Toner replaced"}
    [kept] = _kept(path)
    assert kept.read_bytes() == TRUNCATED, "the damaged file is kept whole: its drafts can be recovered"
    save_draft("HL-2:note", "Toner replaced twice", path)
    assert len(_kept(path)) == 1, "only a damaged file is set aside, not every file"


@pytest.mark.parametrize("content", [
    b'["a list, not drafts"]',
    b'{"HL-1:note": "keep this one", "HL-3:note": {"nested": true}, "HL-4:note": 7}',
    b"\xff\xfe not UTF-8 at all",
])
def test_a_file_of_the_wrong_shape_is_kept_aside_and_its_good_drafts_stay(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "drafts.json"
    path.write_bytes(content)
    save_draft("HL-2:note", "Toner replaced", path)
    [kept] = _kept(path)
    assert kept.read_bytes() == content
    drafts = _on_disk(path)
    assert drafts["HL-2:note"] == "Toner replaced"
    assert set(drafts) <= {"HL-1:note", "HL-2:note"}, "nothing but texts is carried over"
    if b"keep this one" in content:
        assert drafts["HL-1:note"] == "keep this one"


def test_a_deeply_nested_file_raises_nothing_to_the_caller(tmp_path: Path) -> None:
    """Finding 7 (trust boundaries): a deeply nested drafts.json raised an uncaught RecursionError; it is now a
    damaged file like any other, kept aside."""
    path = tmp_path / "drafts.json"
    deep = b'{"HL-1:note": ' * 100_000
    path.write_bytes(deep)
    assert load_draft("HL-1:note", path) == ""
    save_draft("HL-2:note", "Toner replaced", path)
    assert _on_disk(path) == {"HL-2:note": "Toner replaced"}
    assert [kept.read_bytes() for kept in _kept(path)] == [deep]


def test_a_file_that_cannot_be_read_is_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "drafts.json"
    path.mkdir()  # what reading answers with an OSError other than "no such file"
    (path / "inside").write_text("x")
    save_draft("HL-2:note", "Toner replaced", path)
    assert _on_disk(path) == {"HL-2:note": "Toner replaced"}
    [kept] = _kept(path)
    assert (kept / "inside").read_text() == "x"


def test_a_draft_that_could_not_be_written_is_kept_for_the_next_write(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "drafts.json"
    save_draft("HL-1:note", "first", path)
    real = atomic.atomic_write

    def full(target: Path, data: bytes, **options: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "atomic_write", full)
    save_draft("HL-2:note", "typed while the disk was full", path)  # no error for the agent
    assert _on_disk(path) == {"HL-1:note": "first"}, "the file on disk is whole"
    assert load_draft("HL-2:note", path) == "typed while the disk was full", "the draft is still offered"
    monkeypatch.setattr(atomic, "atomic_write", real)
    save_draft("HL-3:note", "after the disk was cleaned up", path)
    assert _on_disk(path) == {"HL-1:note": "first", "HL-2:note": "typed while the disk was full",
                              "HL-3:note": "after the disk was cleaned up"}


def test_a_damaged_file_that_cannot_be_set_aside_is_not_overwritten(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    path = tmp_path / "drafts.json"
    path.write_bytes(TRUNCATED)

    def refused(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "rename", refused)
    save_draft("HL-2:note", "Toner replaced", path)
    assert path.read_bytes() == TRUNCATED, "writing would have destroyed the only copy"
    assert load_draft("HL-2:note", path) == "Toner replaced"


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_drafts_are_the_owners_only_file_and_folder(tmp_path: Path) -> None:
    """Finding 7 (trust boundaries): drafts.json (a note draft held a user's password) was readable by every local
    user; the file is now 0600 and a folder made for it 0700, whatever the umask."""
    path = tmp_path / "data" / "helpline" / "drafts.json"
    old = os.umask(0)
    try:
        save_draft("HL-1:note", "the user's password is hunter2", path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700

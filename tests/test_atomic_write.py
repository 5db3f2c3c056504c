"""The one atomic write (app/atomic_write.py), and that settings, the local store, the queue's state and
the drafts all go through it."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from app import atomic_write as atomic


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_file_is_replaced_whole_by_a_rename_in_its_folder(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "data.json"
    target.write_bytes(b"old")
    real_replace = os.replace
    seen: list[tuple[bytes, bytes, Path]] = []

    def replace(src: str | Path, dst: str | Path) -> None:
        # At the moment of the rename the target is still the old file and the new one is complete.
        seen.append((Path(dst).read_bytes(), Path(src).read_bytes(), Path(src).parent))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    atomic.atomic_write(target, b"new and longer")
    assert seen == [(b"old", b"new and longer", tmp_path)]
    assert target.read_bytes() == b"new and longer"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.json"], "no temporary file is left"


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_the_new_file_is_the_owners_only(tmp_path: Path, umask_0: None) -> None:
    target = tmp_path / "settings.toml"
    target.write_bytes(b"old")
    target.chmod(0o644)
    atomic.atomic_write(target, b"secret = 1\n")
    assert _mode(target) == 0o600
    atomic.atomic_write(target, b"x", mode=0o640)
    assert _mode(target) == 0o640
    atomic.atomic_write(target, b"x", mode=None)  # as any new file: 0666 less the umask
    assert _mode(target) == 0o666


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_the_temporary_file_is_never_readable_by_others_while_it_is_written(tmp_path: Path, umask_0: None,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace = os.replace
    modes: list[int] = []

    def replace(src: str | Path, dst: str | Path) -> None:
        modes.append(_mode(Path(src)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    atomic.atomic_write(tmp_path / "drafts.json", b"{}")
    assert modes == [0o600]


def test_a_failed_rename_leaves_the_old_file_and_no_temporary_file(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "data.json"
    target.write_bytes(b"old")

    def refuse(src: str | Path, dst: str | Path) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="cross-device"):
        atomic.atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.json"], "the temporary file was removed"


def test_a_full_disk_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space left"):
        atomic.atomic_write(tmp_path / "new.json", b"data")
    assert list(tmp_path.iterdir()) == []


def test_the_file_and_its_folder_are_fsynced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fsync = os.fsync
    synced: list[str] = []

    def fsync(fd: int) -> None:
        synced.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    atomic.atomic_write(tmp_path / "data.json", b"data")
    assert synced == (["file", "folder"] if os.name == "posix" else ["file"])
    synced.clear()
    atomic.atomic_write(tmp_path / "bulk.json", b"data", durable=False)
    assert synced == [], "a bulk write syncs the disk once at the end instead"


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_link_planted_at_the_temporary_name_is_never_written_through(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"untouched")
    names = iter(["planted", "free"])
    monkeypatch.setattr(atomic.secrets, "token_hex", lambda n: next(names))
    (tmp_path / ".data.json.planted.tmp").symlink_to(victim)
    atomic.atomic_write(tmp_path / "data.json", b"data")
    assert victim.read_bytes() == b"untouched"
    assert (tmp_path / "data.json").read_bytes() == b"data"


# ----- every writer of the app goes through it --------------------------------------------------------------


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The paths written through the helper (which still writes them)."""
    real = atomic.atomic_write
    paths: list[Path] = []

    def recording(path: Path, data: bytes, **options: object) -> None:
        paths.append(Path(path))
        real(path, data, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic, "atomic_write", recording)
    return paths


def test_settings_are_written_through_the_helper(tmp_path: Path, written: list[Path]) -> None:
    from app.config import Settings, save_settings

    path = save_settings(Settings(), tmp_path / "config.toml")
    assert written == [path]


def test_the_local_store_writes_through_the_helper(store_dir: Path, written: list[Path]) -> None:
    from app.backends.local_store import LocalStore
    from app.domain.clock import utcnow
    from app.domain.enums import EntryKind
    from app.domain.journal import append_entry
    from app.seed import seed_demo

    seed_demo(store_dir)
    assert store_dir / "helpline-store.json" in written
    written.clear()
    LocalStore(store_dir).update("HL-5", lambda t: append_entry(t, EntryKind.INTERNAL_NOTE, "anna", "n", utcnow()))
    assert written == [store_dir / "tickets" / "000" / "HL-5.json"]


def test_the_local_store_still_names_the_file_it_could_not_write(store_dir: Path, written: list[Path],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from app.backends.local_store import LocalStore
    from app.domain.clock import utcnow
    from app.domain.enums import EntryKind
    from app.domain.journal import append_entry
    from app.errors import Unavailable
    from app.seed import seed_demo

    seed_demo(store_dir)

    def refused(path: Path, data: bytes, **options: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(atomic, "atomic_write", refused)
    with pytest.raises(Unavailable, match=r"HL-5\.json: Permission denied; it was left as it was"):
        LocalStore(store_dir).update("HL-5", lambda t: append_entry(t, EntryKind.INTERNAL_NOTE, "a", "n", utcnow()))


def test_the_queue_state_is_written_through_the_helper(tmp_path: Path, written: list[Path]) -> None:
    from app.ui_state import QueueState, load_queue_state, save_queue_state

    save_queue_state(QueueState(view="3", cursor="HL-7"), tmp_path / "ui-state.json")
    assert written == [tmp_path / "ui-state.json"]
    assert load_queue_state(tmp_path / "ui-state.json").cursor == "HL-7"


def test_drafts_are_written_through_the_helper(tmp_path: Path, written: list[Path]) -> None:
    from app.drafts import load_draft, save_draft

    save_draft("HL-1:note", "rebooted", tmp_path / "drafts.json")
    assert written == [tmp_path / "drafts.json"]
    assert load_draft("HL-1:note", tmp_path / "drafts.json") == "rebooted"


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_the_queue_state_is_the_owners_only_file_and_folder(tmp_path: Path, umask_0: None) -> None:
    """Finding 7 (trust boundaries): ui-state.json (the filter typed, the ticket looked at) and the folder made
    for it are the owner's only: 0600 / 0700 (the folder was 0755)."""
    from app.ui_state import QueueState, save_queue_state

    path = tmp_path / "data" / "ui-state.json"
    save_queue_state(QueueState(filter="printer floor 2"), path)
    assert _mode(path) == 0o600 and _mode(path.parent) == 0o700


def test_a_deeply_nested_queue_state_is_the_defaults(tmp_path: Path) -> None:
    """Finding 11 (trust boundaries): a deeply nested ui-state.json is no error: the queue starts from its defaults."""
    from app.ui_state import QueueState, load_queue_state

    path = tmp_path / "ui-state.json"
    path.write_bytes(b'{"view": ' * 100_000)
    assert load_queue_state(path) == QueueState()


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_the_store_writes_owner_only_files_through_the_helper(store_dir: Path, umask_0: None) -> None:
    """Finding 7 (trust boundaries): the store asked the helper for the umask's mode (0644); now PRIVATE (0600)."""
    from app.seed import seed_demo

    seed_demo(store_dir)
    assert _mode(store_dir / "tickets" / "000" / "HL-1.json") == 0o600 and _mode(store_dir) == 0o700


def test_is_temporary_knows_the_helpers_names_only() -> None:
    """Finding 8 (trust boundaries): leftovers are recognised by the exact name the helper gives them."""
    assert atomic.is_temporary(".HL-5.json.0123456789ab.tmp")
    assert not atomic.is_temporary("notes.tmp") and not atomic.is_temporary(".HL-5.json.planted.tmp")
    assert not atomic.is_temporary("HL-5.json")


def test_write_temporary_leaves_the_target_alone_until_renamed(tmp_path: Path) -> None:
    """Finding 8 (trust boundaries): the first half of an atomic write, for several files swapped in together."""
    target = tmp_path / "snapshot.json"
    target.write_bytes(b"old")
    temporary = atomic.write_temporary(target, b"new")
    assert target.read_bytes() == b"old" and temporary.read_bytes() == b"new" and atomic.is_temporary(temporary.name)
    os.replace(temporary, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["snapshot.json"]

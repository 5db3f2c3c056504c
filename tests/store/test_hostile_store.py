"""The local store folder as untrusted input: links, ownership, misnamed files, modes, full disks, leftovers,
non-empty folders and deeply nested JSON, each as a hostile user reproduced it."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from app import atomic_write as atomic
from app.backends.local import LocalBackend
from app.backends.local_store import LocalStore
from app.backends.store_rows import RowTable
from app.demo import demo_people
from app.domain.clock import utcnow
from app.domain.enums import EntryKind
from app.domain.journal import append_entry
from app.domain.models import Ticket
from app.domain.tickets import NewTicket, build_ticket
from app.errors import Invalid, StoreDamaged, Unavailable
from app.seed import ensure_first_run_store, seed_demo

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX links and modes")
TEMPORARY = ".HL-5.json.0123456789ab.tmp"


def note(body: str):  # type: ignore[no-untyped-def]
    return lambda ticket: append_entry(ticket, EntryKind.INTERNAL_NOTE, "anna", body, utcnow())


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A file of the user's outside the store, that no store operation may touch."""
    path = tmp_path / "outside" / "important.txt"
    path.parent.mkdir()
    path.write_bytes(b"line one\nline two without its newline")
    return path


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def _temporaries(root: Path) -> list[Path]:
    return [path for path in root.rglob("*.tmp") if atomic.is_temporary(path.name)]


# ----- Finding 5: links and temporary files --------------------------------------------------------------


@posix_only
def test_a_linked_lock_is_refused_and_the_file_it_names_is_untouched(store_dir: Path, victim: Path) -> None:
    """Finding 5 (trust boundaries): a `lock` linked to a file outside the store was opened O_RDWR|O_CREAT and
    truncated on the next write; now the store refuses to open, naming the link, and the file is as it was."""
    seed_demo(store_dir)
    lock = store_dir / "lock"
    lock.unlink(missing_ok=True)
    lock.symlink_to(victim)
    before = victim.read_bytes()
    with pytest.raises(StoreDamaged) as refused:
        LocalStore(store_dir).update("HL-5", note("through the link?"))
    assert refused.value.path == str(lock) and "symbolic link" in refused.value.reason
    assert victim.read_bytes() == before


@posix_only
@pytest.mark.parametrize("name", ["queue.sqlite3", "queue.sqlite3-journal"])
def test_a_linked_index_is_refused_never_written_through(store: LocalStore, store_dir: Path, victim: Path,
                                                         name: str) -> None:
    """Finding 5 (trust boundaries): a linked index file (then `index/log.jsonl`) lost the victim's last line and
    got ticket rows appended; now reading and writing refuse it by name, and `reindex` replaces the link. SQLite
    would follow a link to the database or its journal, so neither is opened through one."""
    store.close()
    log = store_dir / "index" / name
    with contextlib.suppress(FileNotFoundError):
        log.unlink()
    log.symlink_to(victim)
    store = LocalStore(store_dir)
    before = victim.read_bytes()
    with pytest.raises(StoreDamaged) as refused:
        store.update("HL-5", note("appended to the victim?"))
    assert refused.value.path == str(log) and "symbolic link" in refused.value.reason
    with pytest.raises(StoreDamaged, match="helpline reindex"):
        LocalStore(store_dir).rows()
    store.rebuild_index()
    assert victim.read_bytes() == before
    assert not log.is_symlink() and LocalStore(store_dir).update("HL-5", note("after reindex")).version == 2


@posix_only
@pytest.mark.parametrize("inside", ["tickets/000/HL-5.json", "directory.json", "index/queue.sqlite3",
                                    "helpline-store.json"])
def test_a_linked_file_in_the_store_is_refused_as_damaged_with_its_path(store_dir: Path, tmp_path: Path,
                                                                        inside: str) -> None:
    """Finding 5 (trust boundaries): ticket, index, directory and marker files were read through links (a store
    could show any file of the machine); a link is damage, named, and neither read nor written through."""
    seed_demo(store_dir)
    path = store_dir / inside
    outside = tmp_path / "copy.json"
    shutil.move(path, outside)
    path.symlink_to(outside)
    before = outside.read_bytes()
    with pytest.raises(StoreDamaged) as refused:
        store = LocalStore(store_dir)
        store.rows()
        store.update("HL-5", note("through the link?"))
    assert refused.value.path == str(path) and "symbolic link" in refused.value.reason
    assert outside.read_bytes() == before


@posix_only
@pytest.mark.parametrize("inside", ["tickets/000", "index", "tickets"])
def test_a_linked_folder_in_the_store_is_refused(store_dir: Path, tmp_path: Path, inside: str) -> None:
    """Finding 5 (trust boundaries): a folder inside the store linked elsewhere had tickets read and written
    there; now it is damage with its path, and the folder it points to is untouched."""
    seed_demo(store_dir)
    folder = store_dir / inside
    outside = tmp_path / "elsewhere"
    shutil.move(folder, outside)
    folder.symlink_to(outside, target_is_directory=True)
    before = {p: p.read_bytes() for p in outside.rglob("*") if p.is_file()}
    with pytest.raises(StoreDamaged) as refused:
        store = LocalStore(store_dir)
        store.get("HL-5")
        store.update("HL-5", note("in the other folder?"))
    assert refused.value.path == str(folder) and "symbolic link" in refused.value.reason
    assert {p: p.read_bytes() for p in outside.rglob("*") if p.is_file()} == before


@posix_only
def test_a_link_planted_at_a_tickets_temporary_name_is_never_written_through(
    store: LocalStore, store_dir: Path, victim: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding 5 (trust boundaries): temporary files are created O_EXCL|O_NOFOLLOW, so a link planted at the name
    a writer will use is skipped, not written through."""
    names = iter(["a1a1a1a1a1a1", "b2b2b2b2b2b2"])
    monkeypatch.setattr(atomic.secrets, "token_hex", lambda n: next(names))
    planted = store_dir / "tickets" / "000" / ".HL-5.json.a1a1a1a1a1a1.tmp"
    planted.symlink_to(victim)
    before = victim.read_bytes()
    store.update("HL-5", note("beside the link"))
    assert victim.read_bytes() == before
    assert "beside the link" in {e.body for e in LocalStore(store_dir).get("HL-5").journal}


@posix_only
def test_a_store_others_can_write_is_refused_with_the_fix(store_dir: Path) -> None:
    """Finding 5 (trust boundaries): a world- or group-writable store was used without a word (anyone could plant
    links or tickets); now it is refused naming the folder, its mode and `chmod 700`, unless trusted knowingly."""
    seed_demo(store_dir)
    store_dir.chmod(0o777)
    with pytest.raises(StoreDamaged) as refused:
        LocalStore(store_dir)
    assert refused.value.path == str(store_dir)
    assert "777" in refused.value.reason and f"chmod 700 {store_dir}" in refused.value.reason
    assert LocalStore(store_dir, trust_foreign=True).get("HL-5").code == "HL-5"
    backend = LocalBackend.open(store_dir, trust_foreign=True)
    assert backend.store.files.trust_foreign
    store_dir.chmod(0o700)
    (store_dir / "tickets").chmod(0o775)
    with pytest.raises(StoreDamaged) as inner:
        LocalStore(store_dir)
    assert inner.value.path == str(store_dir / "tickets") and "chmod 700" in inner.value.reason


@posix_only
def test_a_store_of_another_user_is_refused(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding 5 (trust boundaries): a store owned by someone else was used without a word; now it is refused
    naming the owner (as another user: os.geteuid is moved, since a test cannot chown)."""
    seed_demo(store_dir)
    owner = store_dir.stat().st_uid
    monkeypatch.setattr(os, "geteuid", lambda: owner + 4242)
    monkeypatch.setattr(os, "getuid", lambda: owner + 4242)
    with pytest.raises(StoreDamaged) as refused:
        LocalStore(store_dir)
    assert refused.value.path == str(store_dir)
    assert f"user id {owner}" in refused.value.reason and "--trust-foreign" in refused.value.reason
    with pytest.raises(StoreDamaged):
        LocalBackend.open(store_dir, read_only=True)
    assert LocalStore(store_dir, read_only=True, trust_foreign=True).get("HL-5").code == "HL-5"


# ----- Finding 6: a ticket file holding another ticket ---------------------------------------------------------


def test_a_file_holding_another_ticket_is_never_written_through(store: LocalStore, store_dir: Path) -> None:
    """Finding 6 (trust boundaries): HL-6's backup restored as HL-5.json was written through: writing "HL-5"
    replaced HL-6's file and lost its acknowledged notes. Now reading and changing it are refused by name."""
    for n in range(3):
        store.update("HL-6", note(f"acknowledged note {n}"))
    bucket = store_dir / "tickets" / "000"
    shutil.copy(bucket / "HL-6.json", bucket / "HL-5.json")
    files = {path: path.read_bytes() for path in (bucket / "HL-5.json", bucket / "HL-6.json")}
    for attempt in (lambda: store.get("HL-5"), lambda: store.update("HL-5", note("lost?"))):
        with pytest.raises(StoreDamaged) as refused:
            attempt()
        assert refused.value.path == str(bucket / "HL-5.json")
        assert "HL-6" in refused.value.reason and "HL-5" in refused.value.reason
    assert {path: path.read_bytes() for path in files} == files
    bodies = [e.body for e in store.get("HL-6").journal]
    assert all(f"acknowledged note {n}" in bodies for n in range(3))


def test_reindex_names_a_misnamed_or_misplaced_ticket_and_leaves_it_out(store: LocalStore, store_dir: Path) -> None:
    """Finding 6 (trust boundaries): `reindex` reported success with one ticket missing (the misnamed file was
    indexed as the ticket it holds); now such a file, and one in the wrong folder, are named among the damaged."""
    total = len(store.rows())
    bucket = store_dir / "tickets" / "000"
    shutil.copy(bucket / "HL-6.json", bucket / "HL-5.json")
    (store_dir / "tickets" / "001").mkdir(mode=0o700)
    shutil.move(bucket / "HL-7.json", store_dir / "tickets" / "001" / "HL-7.json")
    count, damaged, _ = store.rebuild_index()
    assert count == total - 2
    assert any(problem.startswith(f"{bucket / 'HL-5.json'}:") and "HL-6" in problem for problem in damaged)
    assert any("HL-7.json" in problem and "wrong folder" in problem for problem in damaged)
    codes = [row["code"] for row in LocalStore(store_dir).rows()]
    assert codes.count("HL-6") == 1 and "HL-5" not in codes and "HL-7" not in codes


# ----- Finding 7: modes ----------------------------------------------------------------------------------------


@posix_only
def test_new_store_files_and_folders_are_the_owners_only(store_dir: Path, umask_0: None) -> None:
    """Finding 7 (trust boundaries): tickets and folders were made 0644 / 0755 (a note with a user's password was
    readable by every local user); now every new file is 0600 and every new folder 0700, whatever the umask."""
    seed_demo(store_dir)
    store = LocalStore(store_dir)
    store.update("HL-5", note("the user's password is hunter2"))
    store.rebuild_index()
    folders = [store_dir, *(p for p in store_dir.rglob("*") if p.is_dir())]
    files = [p for p in store_dir.rglob("*") if p.is_file()]
    assert {str(p): _mode(p) for p in folders} == {str(p): 0o700 for p in folders}
    assert {str(p): _mode(p) for p in files} == {str(p): 0o600 for p in files}
    assert store_dir / "lock" in files and store_dir / "tickets" / "000" / "HL-5.json" in files


@posix_only
def test_an_old_store_of_0644_files_keeps_working(store_dir: Path) -> None:
    """Finding 7 (trust boundaries): stores made before keep working as they are; a rewritten file becomes 0600."""
    seed_demo(store_dir)
    for path in store_dir.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    store_dir.chmod(0o755)
    store = LocalStore(store_dir)
    assert store.update("HL-5", note("still works")).version == 2
    assert _mode(store_dir / "tickets" / "000" / "HL-5.json") == 0o600
    assert _mode(store_dir / "tickets" / "000" / "HL-6.json") == 0o644


# ----- Finding 8: full disks and leftovers --------------------------------------------------------------------


def _full(*args: object) -> int:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_reindex_on_a_full_disk_leaves_the_old_index_in_place(store: LocalStore, store_dir: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding 8 (trust boundaries): `reindex` with the disk full moved both index files aside and left `index/`
    empty (the store then failed to open); now the new index is written aside first, and the old one stays."""
    index = store_dir / "index"
    before = {path.name: path.read_bytes() for path in index.iterdir()}
    rows = len(store.rows())

    monkeypatch.setattr(RowTable, "fill", _full_database)
    with pytest.raises(Unavailable) as refused:
        store.rebuild_index()
    monkeypatch.undo()
    assert "disk is full" in refused.value.message and "\n" not in refused.value.message
    assert {path.name: path.read_bytes() for path in index.iterdir()} == before, "nothing moved, nothing left"
    assert len(LocalStore(store_dir).rows()) == rows
    count, damaged, kept = store.rebuild_index()
    assert damaged == [] and count == rows and (kept / "queue.sqlite3").exists()


def test_a_full_disk_while_naming_the_write_in_lock_is_one_line(store: LocalStore, store_dir: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding 8 (trust boundaries): a full disk in `_set_intent` gave a 500 with a traceback; now it is the one
    line `Unavailable` naming the lock file and the reason, and nothing is changed."""
    path = store_dir / "tickets" / "000" / "HL-5.json"
    before = path.read_bytes()
    monkeypatch.setattr(os, "pwrite", _full)
    with pytest.raises(Unavailable) as refused:
        store.update("HL-5", note("does not fit"))
    monkeypatch.undo()
    lock = store_dir / "lock"
    assert refused.value.message == f"could not write {lock}: No space left on device; nothing was changed"
    assert path.read_bytes() == before


async def test_a_full_disk_reaches_the_client_as_unavailable_not_a_500(client: object, store_dir: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding 8 (trust boundaries): through the API a full disk is a 503 with the file and the reason, no
    traceback, no internal error."""
    from app.api.schemas import NoteIn

    monkeypatch.setattr(os, "pwrite", _full)
    with pytest.raises(Unavailable) as refused:
        await client.add_entry("HL-5", NoteIn(body="does not fit"))  # type: ignore[attr-defined]
    assert "No space left on device" in refused.value.message and "Traceback" not in refused.value.message


def test_a_full_disk_making_a_folder_or_appending_to_the_log_is_one_line(store_dir: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding 8 (trust boundaries): mkdir and the log append on a full disk are `Unavailable` too."""
    store = LocalStore.create_store(store_dir)
    real_mkdir = Path.mkdir

    def full_mkdir(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "mkdir", full_mkdir)
    with pytest.raises(Unavailable, match=r"tickets/000: No space left on device"):
        store.create_ticket(_ticket)
    monkeypatch.setattr(Path, "mkdir", real_mkdir)
    monkeypatch.setattr(RowTable, "put", _full_database)
    with pytest.raises(Unavailable, match=r"queue\.sqlite3: database or disk is full; the queue index catches up"):
        store.create_ticket(_ticket)
    monkeypatch.undo()
    store.create_ticket(_ticket)  # the next writer indexes the ticket the failed append left out
    assert [row["code"] for row in store.rows()] == ["HL-1", "HL-2"]


def _full_database(*args: object, **kwargs: object) -> None:
    raise sqlite3.OperationalError("database or disk is full")


def _ticket(number: int) -> Ticket:
    teams = {team.id: team for team in demo_people()[0]}
    return build_ticket(number, NewTicket(subject="Printer on floor 2 jams", requester="Eva Holm"), actor="anna",
                        actor_name="Anna Berg", team=teams["support"], teams=teams, now=utcnow())


def test_leftover_temporary_files_are_removed_by_the_next_writer_and_by_reindex(store: LocalStore,
                                                                                store_dir: Path) -> None:
    """Finding 8 (trust boundaries): temporary files of killed writers stayed for ever (24 after 250 kills); the
    next writer removes them in the folders of the write that was cut short, `reindex` in the whole store."""
    bucket = store_dir / "tickets" / "000"
    (bucket / TEMPORARY).write_bytes(b'{"half a tick')
    (store_dir / "lock").write_text("HL-5")  # what a writer killed while writing HL-5 leaves
    (store_dir / "attachments" / "000" / "HL-9").mkdir(parents=True)
    elsewhere = store_dir / "attachments" / "000" / "HL-9" / ".jam.jpg.0123456789ab.tmp"
    elsewhere.write_bytes(b"half a photo")
    own = store_dir / "index" / "notes.tmp"
    own.write_text("not a temporary file of Helpline's")
    (store_dir / ".directory.json.0123456789ab.tmp").write_text("{")
    tokens = store_dir / ".tokens.json.0123456789ab.tmp"  # a served adapter's write, which takes no store lock
    tokens.write_text("{")
    store.update("HL-8", note("next writer"))
    assert not (bucket / TEMPORARY).exists() and elsewhere.exists(), "only the folders of the cut-short write"
    assert not (store_dir / ".directory.json.0123456789ab.tmp").exists()
    store.rebuild_index()
    assert _temporaries(store_dir) == [tokens] and own.exists()


# ----- Finding 9: a store goes into an empty or new folder only --------------------------------------------------


def test_create_store_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    """Finding 9 (trust boundaries): a store made in a folder of the user's own overwrote their `directory.json`
    and `index/snapshot.json`; now such a folder is refused, with one line, and nothing in it changes."""
    folder = tmp_path / "my-project"
    (folder / "index").mkdir(parents=True)
    (folder / "directory.json").write_text("my own directory")
    (folder / "index" / "snapshot.json").write_text("my own snapshot")
    for make in (lambda: LocalStore.create_store(folder), lambda: seed_demo(folder)):
        with pytest.raises(Invalid) as refused:
            make()
        assert refused.value.message == (f"{folder} is not empty and holds no Helpline store: choose an empty or "
                                         "new folder")
    assert (folder / "directory.json").read_text() == "my own directory"
    assert (folder / "index" / "snapshot.json").read_text() == "my own snapshot"
    assert sorted(p.name for p in folder.rglob("*")) == ["directory.json", "index", "snapshot.json"]


def test_the_first_run_store_and_an_empty_folder_still_work(tmp_path: Path) -> None:
    """Finding 9 (trust boundaries): the first-run store (a new folder) and a store in an empty folder still work."""
    from app.config import Settings, default_store_dir

    ensure_first_run_store(default_store_dir(), Settings())
    assert LocalStore(default_store_dir()).rows()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert seed_demo(empty) > 50


# ----- Finding 11: deeply nested JSON -------------------------------------------------------------------------


DEEP = b'{"teams": ' + b"[" * 100_000


@pytest.mark.parametrize("inside", ["directory.json", "helpline-store.json", "tickets/000/HL-5.json"])
def test_deeply_nested_json_is_damage_not_a_recursion_error(store_dir: Path, inside: str) -> None:
    """Finding 11 (trust boundaries): a deeply nested `directory.json`, ticket or `helpline-store.json`
    raised RecursionError (a traceback); now it is StoreDamaged with the path and "nested too deeply"."""
    seed_demo(store_dir)
    path = store_dir / inside
    path.write_bytes(DEEP)
    with pytest.raises(StoreDamaged) as refused:
        store = LocalStore(store_dir)
        store.rows()
        store.get("HL-5")
    assert refused.value.path == str(path) and "nested too deeply" in refused.value.reason
    assert path.read_bytes() == DEEP


def test_a_deeply_nested_log_line_is_skipped_like_a_torn_one(store: LocalStore, store_dir: Path) -> None:
    """Finding 11 (trust boundaries): a log line nested too deeply is no row, and no RecursionError either."""
    with open(store_dir / "index" / "log.jsonl", "ab") as log:
        log.write(b"[" * 100_000 + b"\n")
    assert len(LocalStore(store_dir).rows()) == len(store.rows())

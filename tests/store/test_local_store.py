"""The local JSON store: layout, atomic writes, damaged files, recovery, processes and crashes."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.backends.local_store import LocalStore
from app.domain.clock import utcnow
from app.domain.enums import EntryKind
from app.domain.journal import append_entry
from app.domain.models import TicketRow
from app.errors import Conflict, NotFound, StoreDamaged
from app.seed import seed_demo

ROOT = Path(__file__).resolve().parents[2]


def note(body: str):
    return lambda ticket: append_entry(ticket, EntryKind.INTERNAL_NOTE, "anna", body, utcnow())


@pytest.fixture
def store(store_dir: Path) -> LocalStore:
    seed_demo(store_dir)
    return LocalStore(store_dir)


def test_layout_is_readable_json_with_schema(store: LocalStore, store_dir: Path) -> None:
    marker = json.loads((store_dir / "helpline-store.json").read_text())
    assert marker["format"] == "helpline-local-store" and marker["schema"] == 1
    ticket_file = store_dir / "tickets" / "000" / "HL-1.json"
    data = json.loads(ticket_file.read_text(encoding="utf-8"))
    assert data["code"] == "HL-1" and "journal" in data
    assert ticket_file.read_text().startswith("{\n  "), "indented for people"


def test_a_write_touches_one_ticket_file_and_the_index(store: LocalStore, store_dir: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in store_dir.rglob("*.json")}
    index = store_dir / "index" / "queue.sqlite3"
    index_before = index.stat().st_mtime_ns
    store.update("HL-2", note("Checked the cable"))
    changed = {p for p in store_dir.rglob("*.json") if p.stat().st_mtime_ns != before.get(p)}
    assert changed == {store_dir / "tickets" / "000" / "HL-2.json"}
    assert index.stat().st_mtime_ns > index_before
    assert not list(store_dir.rglob("*.tmp")), "no temporary file is left behind"
    assert sorted(p.name for p in index.parent.iterdir()) == ["queue.sqlite3"], "no journal left behind"


def test_index_follows_writes_and_survives_reopen(store: LocalStore, store_dir: Path) -> None:
    store.update("HL-3", lambda t: setattr(t, "attention", True))
    again = LocalStore(store_dir)
    row = next(r for r in again.rows() if r["code"] == "HL-3")
    assert row["attention"] is True and row["version"] == 2


def test_stale_version_is_a_conflict_and_writes_nothing(store: LocalStore) -> None:
    version = store.get("HL-4").version
    store.update("HL-4", note("first"), expected_version=version)
    with pytest.raises(Conflict):
        store.update("HL-4", note("second"), expected_version=version)
    assert [e.body for e in store.get("HL-4").journal].count("second") == 0


def test_a_refused_change_writes_nothing(store: LocalStore) -> None:
    def refuse(ticket: object) -> None:
        raise RuntimeError("rule says no")

    version = store.get("HL-5").version
    with pytest.raises(RuntimeError):
        store.update("HL-5", refuse)
    assert store.get("HL-5").version == version


def test_unknown_ticket_is_not_found(store: LocalStore) -> None:
    with pytest.raises(NotFound):
        store.get("HL-99999")
    with pytest.raises(NotFound):
        store.update("garbage", note("x"))


@pytest.mark.parametrize("damage", [b'{"id": 1, "code": "HL-1"', b'{"id": "one"}', b"\x00\xff"])
def test_damaged_ticket_file_is_reported_and_never_overwritten(
    store: LocalStore, store_dir: Path, damage: bytes
) -> None:
    path = store_dir / "tickets" / "000" / "HL-6.json"
    path.write_bytes(damage)
    with pytest.raises(StoreDamaged) as reported:
        store.update("HL-6", note("lost?"))
    assert reported.value.path == str(path) and reported.value.reason
    assert path.read_bytes() == damage


def test_damaged_index_is_reported_with_its_path(store_dir: Path) -> None:
    seed_demo(store_dir)
    index = store_dir / "index" / "queue.sqlite3"
    index.write_bytes(b"SQLite format 3\0 and then nothing of the sort")
    with pytest.raises(StoreDamaged) as reported:
        LocalStore(store_dir).rows()
    assert "queue.sqlite3" in reported.value.path and "helpline reindex" in reported.value.reason
    assert index.read_bytes() == b"SQLite format 3\0 and then nothing of the sort", "never overwritten"


def test_unknown_schema_and_foreign_folders_are_refused(store_dir: Path, tmp_path: Path) -> None:
    seed_demo(store_dir)
    marker = store_dir / "helpline-store.json"
    marker.write_text(json.dumps({"format": "helpline-local-store", "schema": 99}))
    with pytest.raises(StoreDamaged, match="schema version 99"):
        LocalStore(store_dir)
    (tmp_path / "other").mkdir()
    with pytest.raises(StoreDamaged, match="missing"):
        LocalStore(tmp_path / "other")


def test_unindexed_ticket_is_recovered(store: LocalStore, store_dir: Path) -> None:
    """A writer killed between the ticket file and its index row leaves its code in `lock`."""
    ticket = store.get("HL-7")
    ticket.attention = True
    ticket.version += 1
    path = store_dir / "tickets" / "000" / "HL-7.json"
    path.write_text(ticket.model_dump_json(indent=2))
    (store_dir / "lock").write_text("HL-7")
    fresh = LocalStore(store_dir)
    fresh.update("HL-8", note("next writer"))
    row = next(r for r in fresh.rows() if r["code"] == "HL-7")
    assert row["attention"] is True and row["version"] == ticket.version
    assert (store_dir / "lock").read_text() == ""


def test_a_store_of_an_older_helpline_gets_its_index_from_the_ticket_files(store: LocalStore, store_dir: Path
                                                                         ) -> None:
    """Issue 16: the snapshot and log of old are replaced by index/queue.sqlite3; a store without it (an older
    Helpline's, or with the file deleted) is indexed from its ticket files when opened, the old files kept aside."""
    rows_before = {r["code"]: r["version"] for r in store.rows()}
    store.close()
    index = store_dir / "index"
    (index / "queue.sqlite3").unlink()
    (index / "snapshot.json").write_text('{"schema": 1, "rows": []}')
    assert {r["code"]: r["version"] for r in LocalStore(store_dir, read_only=True).rows()} == rows_before
    assert not (index / "queue.sqlite3").exists(), "read-only: in memory, nothing written"
    assert {r["code"]: r["version"] for r in LocalStore(store_dir).rows()} == rows_before
    kept = [folder for folder in index.iterdir() if folder.name.startswith("replaced-")]
    assert [p.name for p in kept[0].iterdir()] == ["snapshot.json"], "the old index is kept aside"


def _writer(store_dir: Path, name: str, count: int, codes: list[str], dispatch: bool = False
            ) -> subprocess.Popen[str]:
    env = {**os.environ, "WRITER_DISPATCH": "1" if dispatch else "0"}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.writer", str(store_dir), name, str(count), *codes],
        cwd=ROOT, stdout=subprocess.PIPE, text=True, env=env,
    )


def test_four_processes_lose_no_update_and_stale_writes_conflict(store: LocalStore, store_dir: Path) -> None:
    """Four writers, 250 notes each, on the same three tickets, with status changes against the version
    they just read: every note lands exactly once, and every status change either lands or was reported
    to its writer as a conflict (none silently lost)."""
    codes = ["HL-10", "HL-11", "HL-12"]
    writers = [_writer(store_dir, name, 250, codes) for name in ("p1", "p2", "p3", "p4")]
    outputs = [w.communicate(timeout=300)[0] for w in writers]
    assert all(w.returncode == 0 for w in writers)
    acked = [line.split(" ", 2) for out in outputs for line in out.splitlines() if line.startswith("ack")]
    assert len(acked) == 1000
    bodies = [e.body for code in codes for e in store.get(code).journal]
    for _, _, body in acked:
        assert bodies.count(body) == 1, body
    # Every acknowledged note and status change is one version: none was silently lost.
    versions = {code: store.get(code).version for code in codes}
    expected = {code: 1 + sum(1 for _, c, _ in acked if c == code) for code in codes}
    status_writes = {code: sum(out.count(f"status {code}\n") for out in outputs) for code in codes}
    assert versions == {code: expected[code] + status_writes[code] for code in codes}
    attempts = sum(out.count("status ") + out.count("conflict ") for out in outputs)
    assert attempts == 4 * 50, "each writer tried a status change every fifth note"


@pytest.mark.parametrize("kills", [int(os.environ.get("HELPLINE_CRASH_KILLS", "20"))])
def test_killed_writer_loses_no_acknowledged_write(store: LocalStore, store_dir: Path, kills: int) -> None:
    """Notes, status changes and dispatches, killed at random moments (HELPLINE_CRASH_KILLS=200 for the
    long run): after every kill the store opens, every file parses and validates, and every acknowledged
    write is there.

    Finding 8 (trust boundaries): the temporary files of killed writers stayed (24 after 250 kills); now the
    next writer removes them, so they never pile up, and none is left once a writer has recovered."""
    rng = random.Random(20261122)
    codes = ["HL-13", "HL-14"]
    acked: list[str] = []
    dispatched: dict[str, int] = dict.fromkeys(codes, 0)
    seen_after_kills = 0
    for round_ in range(kills):
        writer = _writer(store_dir, f"k{round_}", 10_000, codes, dispatch=True)
        assert writer.stdout is not None
        # Wait for its first acknowledged write (a line, not a clock: importing may take long on a loaded
        # machine), then kill it at a random moment of the writes that follow.
        first = writer.stdout.readline()
        time.sleep(rng.uniform(0.0, 0.3))
        os.kill(writer.pid, signal.SIGKILL)
        out, _ = writer.communicate()
        out = first + out
        acked += [line.split(" ", 2)[2] for line in out.splitlines() if line.startswith("ack")]
        for line in out.splitlines():
            if line.startswith("dispatch "):
                dispatched[line.split()[1]] += 1
        reopened = LocalStore(store_dir)
        tickets = {code: reopened.get(code) for code in codes}  # parsed and validated from disk
        bodies = {e.body for ticket in tickets.values() for e in ticket.journal}
        missing = [body for body in acked if body not in bodies]
        assert missing == []
        for code, ticket in tickets.items():
            handovers = sum(1 for e in ticket.journal if e.event == "dispatch")
            assert handovers >= dispatched[code], f"{code}: an acknowledged dispatch is missing"
        rows = reopened.rows()
        assert len(rows) == len(store.rows())
        assert all(TicketRow.model_validate(row) for row in rows if row["code"] in codes)
        reopened.close()
        leftovers = _temporaries(store_dir)
        seen_after_kills += len(leftovers)
        # At most what this round's kill cut short (a ticket, a snapshot being folded): the round before's
        # leftovers went with this round's first write.
        assert len(leftovers) <= 2, leftovers
    store.update(codes[0], note("a writer after the last kill"))
    left = _temporaries(store_dir)
    print(f"temporary files: {seen_after_kills} seen right after {kills} kills, {len(left)} after recovery")
    assert left == [], "the next writer removed what the killed one left"
    assert len(acked) > kills, "the writer got to write between kills"
    assert sum(dispatched.values()) > 0, "dispatches were among the acknowledged writes"


def _temporaries(root: Path) -> list[Path]:
    from app.atomic_write import is_temporary

    return sorted(path for path in root.rglob("*.tmp") if is_temporary(path.name))


def test_read_only_store_folder_is_reported(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seed_demo(store_dir)
    real_open = os.open

    def denied(path: object, *args: object, **kwargs: object) -> int:
        if str(path).endswith("lock"):  # what a read-only folder answers, even when the test runs as root
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(StoreDamaged) as reported:
        LocalStore(store_dir)
    assert reported.value.path.endswith("lock") and "Permission denied" in reported.value.reason


def test_a_full_disk_changes_nothing_and_names_the_file(store: LocalStore, store_dir: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A store that cannot be written: the write is refused with the file and the reason; the old file stays whole."""
    import errno

    from app.errors import Unavailable

    path = store_dir / "tickets" / "000" / "HL-5.json"
    before = path.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(Unavailable) as refused:
        store.update("HL-5", note("a note that does not fit on the disk"))
    assert "HL-5.json" in refused.value.message and "No space left" in refused.value.message
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert not list(path.parent.glob(".*.tmp")), "no temporary file is left behind"
    assert "a note that does not fit" not in {e.body for e in LocalStore(store_dir).get("HL-5").journal}

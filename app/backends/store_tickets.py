"""The ticket files of the local store: each one read as the ticket its name says, bounded in size, and all
of them scanned for `reindex` (tickets/<id // 1000>/HL-<id>.json).

Core code: no Textual.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app.backends.store_files import StoreFiles
from app.backends.store_rows import Indexed
from app.domain.codes import format_code, parse_code
from app.domain.enums import EntryKind
from app.domain.errors import RuleViolation
from app.domain.limits import MAX_TICKET_BYTES, SMALL_CHANGE_BYTES, TICKET_HEADROOM_BYTES
from app.domain.models import Ticket, TicketRow
from app.errors import Conflict, StoreDamaged
from app.i18n import t

BUCKET = 1000


def row_of(ticket: Ticket) -> dict[str, Any]:
    """The compact queue row of a ticket, as JSON-ready data."""
    return TicketRow.data_of(ticket)


def indexed_of(ticket: Ticket) -> Indexed:
    """What the queue index keeps of a ticket: its row, and the words of what people wrote in its journal
    (notes and messages; not the system's own lines, which every ticket shares)."""
    said = "\n".join(entry.body for entry in ticket.journal if entry.kind is not EntryKind.SYSTEM_EVENT)
    mail = [entry.message_id for entry in ticket.journal if entry.message_id]
    return Indexed(row_of(ticket), said, (*mail, *(letter.message_id for letter in ticket.letters)))


def scan_tickets(files: StoreFiles, tickets: Path) -> tuple[list[Indexed], list[str]]:
    """What the index keeps of every sound ticket file, in order, and each damaged file with its reason."""
    rows: list[Indexed] = []
    damaged: list[str] = []
    if not files.check_folder(tickets):
        return rows, damaged
    with os.scandir(tickets) as entries:
        buckets = sorted((Path(entry.path) for entry in entries if not entry.name.startswith(".")), key=str)
    for bucket in buckets:
        try:
            if not files.check_folder(bucket):
                continue
            with os.scandir(bucket) as entries:
                names = sorted(entry.name for entry in entries if entry.name.startswith("HL-")
                               and entry.name.endswith(".json"))
        except StoreDamaged as exc:
            damaged.append(f"{exc.path}: {exc.reason}")
            continue
        except NotADirectoryError:
            continue
        for name in names:
            path = bucket / name
            try:
                number = parse_code(name.removesuffix(".json"))
                if number is None:
                    raise StoreDamaged(str(path), t("not a ticket file name (like HL-42.json)"))
                if bucket.name != f"{number // BUCKET:03d}":
                    raise StoreDamaged(str(path), t("in the wrong folder: {code} belongs in {folder}",
                                                    code=format_code(number), folder=f"{number // BUCKET:03d}"))
                rows.append(indexed_of(ticket_of(path, files.read(path, folders_checked=True), number)))
            except StoreDamaged as exc:
                damaged.append(f"{exc.path}: {exc.reason}")
            except OSError as exc:
                damaged.append(f"{path}: {exc.strerror or exc}")
    rows.sort(key=lambda indexed: indexed.row["id"])
    return rows, damaged


def window_of(data: Any, latest: int) -> Any:
    """A stored ticket's data with its pinned entries and its newest `latest` other ones, cut before it is
    validated: a journal of 10,000 entries is then validated 20 entries deep (47 ms less to open it, issue 16).
    An entry whose `pinned` is anything but false or absent stays, so validation sees it."""
    entries = data.get("journal") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return data
    unpinned = [n for n, entry in enumerate(entries)
                if isinstance(entry, dict) and entry.get("pinned") in (False, None)]
    if len(unpinned) <= latest:
        return data
    left_out = set(unpinned[:-latest] if latest else unpinned)
    return {**data, "journal": [entry for n, entry in enumerate(entries) if n not in left_out],
            "journal_complete": False}


def ticket_window_of(path: Path, raw: bytes, number: int, latest: int | None) -> Ticket:
    """`ticket_of`, with the journal cut to `window_of` first when `latest` is given. The entries left out are
    not validated here; every write validates the whole file again (LocalStore._payload), and reindex does."""
    if latest is None:
        return ticket_of(path, raw, number)
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return ticket_of(path, raw, number)  # which names what is wrong with the file
    try:
        ticket = Ticket.model_validate(window_of(data, latest))
    except (ValidationError, RecursionError) as exc:
        raise StoreDamaged(str(path), reason_of_invalid(exc)) from exc
    return checked_as_named(path, ticket, number)


def ticket_of(path: Path, raw: bytes, number: int) -> Ticket:
    """The ticket in a file, which must be the one its name says: a file restored under another ticket's
    name is never written to (that would replace the other ticket's journal with this one)."""
    try:
        ticket = Ticket.model_validate_json(raw)
    except (ValidationError, RecursionError) as exc:
        raise StoreDamaged(str(path), reason_of_invalid(exc)) from exc
    return checked_as_named(path, ticket, number)


def checked_as_named(path: Path, ticket: Ticket, number: int) -> Ticket:
    expected = format_code(number)
    if ticket.id != number or ticket.code != expected:
        raise StoreDamaged(str(path), t("holds {found} (id {id}), not {expected} as its name says: put it back "
                                        "under its own name; until then it is neither changed nor in the queue",
                                        found=ticket.code, id=ticket.id, expected=expected))
    return ticket


def check_version(ticket: Ticket, expected_version: int | None) -> None:
    if expected_version is not None and ticket.version != expected_version:
        raise Conflict(
            f"{ticket.code} was changed by someone else (version {ticket.version}, you had "
            f"{expected_version}): reload it and try again"
        )


def check_size(code: str, new_size: int, old_size: int) -> None:
    """A ticket file is bounded (each write rewrites it, each open reads it): what would make it larger is
    refused. A small change still reaches a full ticket, so it can be resolved, closed and linked."""
    if new_size <= MAX_TICKET_BYTES:
        return
    small = new_size - old_size <= SMALL_CHANGE_BYTES
    if small and (new_size <= MAX_TICKET_BYTES + TICKET_HEADROOM_BYTES
                  or old_size > MAX_TICKET_BYTES + TICKET_HEADROOM_BYTES):
        return
    raise RuleViolation("R-JOURNAL-1", t(
        "{code} is too large: it would be {size} MB on disk, more than a ticket holds ({limit} MB); nothing was "
        "written: start a linked ticket and go on there", code=code, size=f"{new_size / 2**20:.1f}",
        limit=MAX_TICKET_BYTES // 2**20))


def reason_of_invalid(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return t("nested too deeply")
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        if "recursion limit" in first["msg"]:
            return t("not valid JSON (nested too deeply)")
        where = ".".join(str(part) for part in first["loc"])
        return f"{where}: {first['msg']} ({exc.error_count()} problem(s))"
    return str(exc)

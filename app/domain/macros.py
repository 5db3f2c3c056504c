"""Macros (issue 19; peers: Zammad's and Freshdesk's macros, RT's scrips run by hand): a named set of actions that
one key applies to the open ticket or to the marked rows of the queue, after a preview of what each will get.

A desk writes its own as `macros/<name>.toml` in the local store (app/backends/desk_text_files.py reads them; a
desk's file of a built-in's name replaces it):

    title = "Ask the user for the serial number"      # what the list and the preview call it
    [[action]]
    do = "note"                                       # an internal note (R-JOURNAL-1)
    text = "Asked {requester_first_name} for the serial number."
    [[action]]
    do = "letter"                                     # a message to the requester (R-MAIL-1)
    text = "Dear {requester_first_name}, ..."
    [[action]]
    do = "status"                                     # a status change, checked by the rules (R-STATUS-*)
    status = "pending"                                # new, assigned, in_progress, pending, resolved, closed
    pending_reason = "user_reply"                     # with pending: a reason of R-STATUS-3
    # solution = "..."                                # with resolved: the solution (R-STATUS-4)

Texts take the placeholders of canned answers (app/domain/snippets.py). A file that is not TOML, has an unknown
action, key, status or reason, or misses what an action needs is refused with its line. Core code: no Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app.domain.enums import PendingReason, Status
from app.i18n import t

ACTIONS = ("note", "letter", "status")
_KEYS = {"note": {"do", "text"}, "letter": {"do", "text"},
         "status": {"do", "status", "pending_reason", "solution"}}


class MacroError(ValueError):
    """A macro file that cannot be used: `line` is the line of the problem."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line, self.reason = line, reason


@dataclass(frozen=True)
class MacroAction:
    do: str  # one of ACTIONS
    text: str = ""  # note, letter
    status: Status | None = None
    pending_reason: PendingReason | None = None
    solution: str = ""


@dataclass(frozen=True)
class Macro:
    name: str  # the file's name without .toml
    title: str
    actions: tuple[MacroAction, ...]


BUILT_IN: tuple[Macro, ...] = (
    Macro("ask_user", "Ask the user and wait for the reply", (
        MacroAction("letter", text="Dear {requester_first_name},\n\nto go on with {code} we need a little more "
                                   "from you: please answer this message.\n\nKind regards,\n{agent}, {team}"),
        MacroAction("status", status=Status.PENDING, pending_reason=PendingReason.USER_REPLY),
    )),
    Macro("working_on_it", "Tell the user it is being worked on", (
        MacroAction("status", status=Status.IN_PROGRESS),
        MacroAction("letter", text="Dear {requester_first_name},\n\nwe are working on {code} ({subject}) and will "
                                   "come back to you.\n\nKind regards,\n{agent}, {team}"),
    )),
)


def _action_lines(text: str) -> list[int]:
    """The line of each `[[action]]` header, in order."""
    return [number for number, line in enumerate(text.splitlines(), start=1)
            if re.match(r"\s*\[\[\s*action\s*\]\]", line)]


def _line_of(text: str, start: int, key: str) -> int:
    """The line of `key = ...` at or after line `start` (the table's header), else the header itself."""
    lines = text.splitlines()
    for number in range(start, len(lines) + 1):
        if number > start and re.match(r"\s*\[", lines[number - 1]):
            break
        if re.match(rf"\s*\"?{re.escape(key)}\"?\s*=", lines[number - 1]):
            return number
    return start


def toml_error(error: Exception) -> MacroError:
    """A TOML parser's error (its message says the line) as a MacroError of that line."""
    found = re.search(r"line (\d+)", str(error))
    return MacroError(int(found.group(1)) if found else 1, t("not TOML: {error}", error=str(error)))


def check_macro(name: str, text: str, data: dict[str, Any]) -> Macro:
    """The macro of file `name` (without .toml), `data` parsed from its `text` (the store reads TOML:
    app/backends/desk_text_files.py), checked; MacroError with the line."""
    for key in data:
        if key not in ("title", "action"):
            raise MacroError(_line_of(text, 1, key), t("unknown key {key} (a macro has title and [[action]])",
                                                       key=key))
    title = data.get("title", name)
    if not isinstance(title, str) or not title.strip():
        raise MacroError(_line_of(text, 1, "title"), t("the title must be words"))
    tables = data.get("action")
    headers = _action_lines(text)
    if not isinstance(tables, list) or not tables:
        raise MacroError(1, t("a macro needs at least one [[action]]"))
    actions = [_action(table, text, headers[i] if i < len(headers) else 1) for i, table in enumerate(tables)]
    return Macro(name, title.strip(), tuple(actions))


def _action(table: dict[str, Any], text: str, header: int) -> MacroAction:
    do = table.get("do")
    if do not in ACTIONS:
        raise MacroError(_line_of(text, header, "do"), t("unknown action {do} (they are: {actions})",
                                                         do=repr(do), actions=", ".join(ACTIONS)))
    for key in table:
        if key not in _KEYS[do]:
            raise MacroError(_line_of(text, header, key), t("unknown key {key} for {do} (it has: {keys})", key=key,
                                                            do=do, keys=", ".join(sorted(_KEYS[do]))))
    if do in ("note", "letter"):
        body = table.get("text")
        if not isinstance(body, str) or not body.strip():
            raise MacroError(_line_of(text, header, "text"), t("{do} needs a text", do=do))
        return MacroAction(do, text=body)
    try:
        status = Status(str(table.get("status")))
    except ValueError:
        raise MacroError(_line_of(text, header, "status"), t("unknown status {status} (they are: {known})",
                         status=repr(table.get("status")), known=", ".join(s.value for s in Status))) from None
    reason = None
    if status is Status.PENDING:
        try:
            reason = PendingReason(str(table.get("pending_reason")))
        except ValueError:
            raise MacroError(_line_of(text, header, "pending_reason"), t(
                "pending needs a pending_reason of R-STATUS-3 (they are: {known})",
                known=", ".join(r.value for r in PendingReason))) from None
    elif "pending_reason" in table:
        raise MacroError(_line_of(text, header, "pending_reason"), t("a pending_reason goes with pending only"))
    solution = table.get("solution", "")
    if not isinstance(solution, str) or (status is Status.RESOLVED and not solution.strip()):
        raise MacroError(_line_of(text, header, "solution" if "solution" in table else "status"),
                         t("resolved needs a solution (R-STATUS-4)"))
    return MacroAction(do, status=status, pending_reason=reason, solution=solution)

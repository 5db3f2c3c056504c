"""A ticket's escalation work list (R-LINK-2): ticket number, ticket status, escalation status, time,
type with document number, handler and escalation priority. Hidden when there is none."""

from __future__ import annotations

from collections.abc import Callable

from rich.table import Table
from textual.widgets import Static

from app.domain.escalations import escalation_priority
from app.domain.models import Ticket
from app.i18n import label, t
from app.plain_text import printable
from widgets.outside_text import literal


def column_titles() -> tuple[str, ...]:
    """The work list's column titles in the current language (literal t() calls: tests/test_i18n.py finds them)."""
    return (t("Ticket"), t("Ticket status"), t("Escalation status"), t("Time"), t("Type and number"), t("Handler"),
            t("Priority"))


class EscalationList(Static):
    DEFAULT_CSS = """
    EscalationList { height: auto; max-height: 10; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[list[str]] = []
        self.display = False

    def show(self, ticket: Ticket, who: Callable[[str | None], str] = printable) -> None:
        """`who`: a handler as people know it (a team's name, an agent's name), R-ESC-5."""
        self._rows = [
            [
                ticket.code,
                label(ticket.status),
                label(e.status),
                e.created.astimezone().strftime("%Y-%m-%d %H:%M"),
                f"{label(e.kind)} {e.number}",
                who(e.handler or e.team),
                escalation_priority(ticket, e),
            ]
            for e in ticket.escalations
        ]
        self.display = bool(self._rows)
        table = Table(box=None, pad_edge=False, expand=True, header_style="bold dim")
        for column in column_titles():
            table.add_column(column, overflow="fold")  # narrow terminals wrap a cell rather than hide it
        for row in self._rows:
            table.add_row(*(literal(cell) for cell in row))  # a handler's name or a number from RT is never markup
        self.update(table)

    def rows_text(self) -> list[list[str]]:
        return [list(row) for row in self._rows]

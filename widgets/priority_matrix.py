"""The priority matrix of a ticket's kind, with the cell that escalation form fields f and g give marked (R-PRIO-5)."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from app.domain.enums import Impact, Kind, Urgency
from app.domain.priority import impacts_for, priority_for, urgencies_for
from app.i18n import label, t


class PriorityMatrix(Static):
    DEFAULT_CSS = """
    PriorityMatrix { height: auto; padding: 0 1; }
    """

    summary = ""

    def show(self, kind: Kind, chosen: tuple[Impact, Urgency] | None, proposed: tuple[Impact, Urgency] | None
             ) -> None:
        """`proposed` is what f and g give; `chosen` differs from it when the agent overrides."""
        table = Table(box=None, pad_edge=False, show_edge=False)
        table.add_column(Text(t("urgency \\ impact"), style="dim"))
        for impact in impacts_for(kind):
            table.add_column(Text(label(impact)), justify="center")
        for urgency in urgencies_for(kind):
            cells = [Text(label(urgency))]
            for impact in impacts_for(kind):
                cell = Text(f" {priority_for(kind, impact, urgency).value} ")
                if chosen == (impact, urgency):
                    cell.stylize("bold reverse")
                elif proposed == (impact, urgency):
                    cell.stylize("underline")
                cells.append(cell)
            table.add_row(*cells)
        if chosen is None:
            line = Text(t("Answer f and g: the matrix proposes the priority."), style="dim")
        else:
            line = Text(t("Priority {p}: impact {impact}, urgency {urgency}", p=priority_for(kind, *chosen).value,
                          impact=label(chosen[0]), urgency=label(chosen[1])), style="bold")
            if proposed is not None and chosen != proposed:
                line.append("  " + t("(overridden; proposed {p})", p=priority_for(kind, *proposed).value),
                            style="yellow")
        self.summary = line.plain  # what the agent reads first; tests read it too
        self.update(Group(line, table))


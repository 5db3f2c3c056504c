"""R-TICKET-4 at a hand-over: a ticket that looks like several problems is split first, or the agent states that
it is one problem (`ctrl+o`, journalled with their name). Until one of the two, the adapter refuses the hand-over,
and this line says which keys decide."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from app.i18n import t
from widgets.outside_text import literal_lines


class OneProblem(Static):
    """The choice, shown while the ticket looks like several problems; `stated` is what the hand-over sends."""

    def __init__(self, *, can_split: bool, id: str | None = None) -> None:
        super().__init__(id=id, classes="one-problem")
        self.can_split = can_split
        self.needed = False
        self.stated = False
        self.split_codes = ""

    def on_mount(self) -> None:
        self._show()

    def need(self, needed: bool) -> None:
        """Whether the ticket's text, as it is now, looks like several problems not yet split or stated."""
        self.needed = needed
        self._show()

    def toggle(self) -> None:
        self.stated = not self.stated
        self._show()

    def split_into(self, codes: str) -> None:
        self.split_codes = codes
        self.needed = False
        self._show()

    def _show(self) -> None:
        if self.split_codes:
            self.update(literal_lines(t("Split into {codes}.", codes=self.split_codes), style="green"))
        elif self.needed and self.stated:
            self.update(Text(t("One problem: the journal will say you stated it (R-TICKET-4). ctrl+o takes it "
                               "back."), style="green"))
        elif self.needed:
            split = (t("ctrl+t splits it into linked tickets before the hand-over") if self.can_split
                     else t("split it first (d, then ctrl+t)"))
            self.update(Text(t("This ticket seems to hold several problems: {split}, or ctrl+o states that it is "
                               "one problem (R-TICKET-4).", split=split), style="yellow"))
        self.display = self.needed or bool(self.split_codes)

    @property
    def one_problem(self) -> bool:
        """What the hand-over sends: the statement counts only while the ticket looks like several problems."""
        return self.needed and self.stated

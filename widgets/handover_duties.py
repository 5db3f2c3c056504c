"""What a P1 or P2 hand-over asks of the agent, shown on the hand-over screen before it is sent (R-PRIO-4):
whom to call at the receiving team, each person once with the number from the directory. Finding 2 (follow-up
and triage) found it only after the write; the same text is acknowledged once the hand-over is made
(screens/reminder.py). Hidden for other priorities."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from app.i18n import t
from widgets.outside_text import literal_lines


class HandoverDuties(Static):
    DEFAULT_CSS = "HandoverDuties { height: auto; padding: 0 1; color: $warning; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.display = False
        self.text: str | None = None

    def show(self, duties: str | None) -> None:
        self.text = duties
        self.display = duties is not None
        if duties is not None:  # names and numbers come from the directory: drawn literally
            self.update(Text.assemble((t("Before you send it") + ": ", "bold"), literal_lines(duties)))

"""Who I am, my team, the backend, and the counts an agent glances at (built from plain Text)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from app.i18n import t
from app.plain_text import printable


class StatusLine(Static):
    def show(self, *, name: str, username: str, team: str, backend: str, mine: int, unassigned: int,
             overdue: int) -> None:
        text = Text()
        text.append(f"{printable(name)} ({printable(username)})", style="bold")
        text.append(f"  {t('Team')}: {printable(team)}")
        text.append(f"  {t('Mine')}: {mine}  {t('Team unassigned')}: {unassigned}")
        text.append(f"  {t('Update flags overdue')}: {overdue}", style="bold red" if overdue else "")
        text.append(f"  · {printable(backend)}", style="dim")
        self.update(text)

"""Who I am, my team, the backend, and the counts an agent glances at (built from plain Text)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from app.i18n import t
from app.plain_text import printable


class StatusLine(Static):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._counts = Text()
        self._mail: str | None = None  # R-MAIL-1: what waits in the outbox, and why (screens/queue_outbox.py)

    def show_mail(self, note: str | None) -> None:
        self._mail = note
        self._draw()

    def _draw(self) -> None:
        text = self._counts.copy()
        if self._mail:
            text.append(f"  ✉ {printable(self._mail)}", style="bold yellow")
        self.update(text)

    def show(self, *, name: str, username: str, team: str, backend: str, mine: int, unassigned: int,
             overdue_mine: int, overdue_team: int) -> None:
        """`overdue_*`: Update flags up too long on my tickets and on my team's (R-FLAG-1), not the whole desk's,
        which would tell every agent the same number."""
        text = Text()
        text.append(f"{printable(name)} ({printable(username)})", style="bold")
        text.append(f"  {t('Team')}: {printable(team)}")
        text.append(f"  {t('Mine')}: {mine}  {t('Team unassigned')}: {unassigned}")
        overdue = t("Update flags overdue: mine {mine}, team {team}", mine=overdue_mine, team=overdue_team)
        text.append(f"  {overdue}", style="bold red" if overdue_mine or overdue_team else "")
        text.append(f"  · {printable(backend)}", style="dim")
        self._counts = text
        self._draw()

"""Who I am, my team, the backend, and the counts an agent glances at (built from plain Text).

Issue 19: one line at 80 columns as at 120. The backend is named short ("local", "rt: host"), and when the
full wording does not fit the width, the shorter one is drawn (the username for the name, "Unassigned" for
"Team unassigned"); only the outbox's trouble, rare and important, may take a second line.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Static

from app.i18n import t
from app.plain_text import printable


@dataclass(frozen=True)
class Counts:
    name: str
    username: str
    team: str
    backend: str
    mine: int
    unassigned: int
    overdue_mine: int
    overdue_team: int


class StatusLine(Static):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._shown: Counts | None = None
        self._mail: str | None = None  # R-MAIL-1: what waits in the outbox, and why (screens/queue_outbox.py)

    def show_mail(self, note: str | None) -> None:
        self._mail = note
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        text = self._counts(self.content_region.width)
        if self._mail:
            text.append(f"  ✉ {printable(self._mail)}", style="bold yellow")
        self.update(text)

    def _counts(self, width: int) -> Text:
        """The long wording when it fits `width` (or the width is not known yet), else the short one."""
        if self._shown is None:
            return Text()
        long = self._line(self._shown, short=False)
        return long if not width or long.cell_len <= width else self._line(self._shown, short=True)

    @staticmethod
    def _line(shown: Counts, *, short: bool) -> Text:
        overdue_style = "bold red" if shown.overdue_mine or shown.overdue_team else ""
        text = Text()
        if short:
            text.append(printable(shown.username), style="bold")
            text.append(f" · {printable(shown.team)} · {t('Mine')}: {shown.mine} · ")
            text.append(f"{t('Unassigned')}: {shown.unassigned} · ")
            text.append(t("Overdue: mine {mine}, team {team}", mine=shown.overdue_mine, team=shown.overdue_team),
                        style=overdue_style)
            text.append(f" · {printable(shown.backend)}", style="dim")
            return text
        text.append(f"{printable(shown.name)} ({printable(shown.username)})", style="bold")
        text.append(f"  {t('Team')}: {printable(shown.team)}")
        text.append(f"  {t('Mine')}: {shown.mine}  {t('Team unassigned')}: {shown.unassigned}")
        overdue = t("Update flags overdue: mine {mine}, team {team}", mine=shown.overdue_mine, team=shown.overdue_team)
        text.append(f"  {overdue}", style=overdue_style)
        text.append(f"  · {printable(shown.backend)}", style="dim")
        return text

    def show(self, *, name: str, username: str, team: str, backend: str, mine: int, unassigned: int,
             overdue_mine: int, overdue_team: int) -> None:
        """`overdue_*`: Update flags up too long on my tickets and on my team's (R-FLAG-1), not the whole desk's,
        which would tell every agent the same number. `backend`: its short name (HelplineClient.short)."""
        self._shown = Counts(name, username, team, backend, mine, unassigned, overdue_mine, overdue_team)
        self._draw()

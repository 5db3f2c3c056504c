"""What arrived in the agent's team queue since the agent last looked (finding 2, follow-up and triage).

The dispatcher of the receiving team is told of a P1 or P2 at once (R-PRIO-4): the queue's refresh asks for the
team's open tickets in work order, and one not seen before rings the terminal bell once, with a notification
naming it. In view 3 the rows that arrived since the last look carry an N and are drawn bold; the look ends when
the agent leaves the view or the app, and the codes then in it are remembered (app/ui_state.py seen_team).
"""

from __future__ import annotations

from collections.abc import Iterable

from app.domain.enums import Priority
from app.domain.models import TicketRow
from app.ui_state import QueueState

URGENT = (Priority.P1, Priority.P2)
REMEMBERED = 1000  # codes of the team queue kept between starts (one page of the API): more than a team has open
URGENT_SCAN = 20  # rows of the team queue in work order each refresh reads for new P1 and P2 (they come first)


class TeamArrivals:
    def __init__(self, state: QueueState) -> None:
        self.state = state
        self._rung: set[str] = set()  # told of already in this session

    def _seen(self) -> set[str]:
        return set(self.state.seen_team or ())

    def urgent_arrivals(self, rows: Iterable[TicketRow]) -> list[TicketRow]:
        """The team's P1 and P2 tickets not seen before and not yet told of; the first look ever tells none
        (everything would be new) but remembers what is there."""
        rows = list(rows)
        if self.state.seen_team is None:
            self.looked(rows)
            return []
        seen = self._seen()
        new = [row for row in rows if row.priority in URGENT and row.code not in seen | self._rung]
        self._rung.update(row.code for row in new)
        return new

    def fresh(self, rows: Iterable[TicketRow | None]) -> set[str]:
        """The codes among `rows` (the team queue on screen) that arrived since the last look."""
        if self.state.seen_team is None:
            return set()
        seen = self._seen()
        return {row.code for row in rows if row is not None and row.code not in seen}

    def looked(self, rows: Iterable[TicketRow | None]) -> None:
        """The agent has seen the team queue as these rows: what is not among them is new next time (a ticket
        that left and came back, such as one returned from second line, too)."""
        self.state.seen_team = [row.code for row in rows if row is not None][:REMEMBERED]

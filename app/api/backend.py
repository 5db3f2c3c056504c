"""What an adapter implements: one async method per operation of the adapter API.

`actor` is the username the workstation acts as (header X-Helpline-User; served, the token's agent); an adapter
checks it and applies the rulebook with it, so no caller can bypass a rule.
"""

from __future__ import annotations

from typing import Any, Protocol

from pydantic import Field

from app.api.schemas import (
    MAX_HOURS,
    AbsenceIn,
    ClosedList,
    EscalationFormIn,
    InboxReport,
    Meta,
    OutboxReport,
    Sort,
    SplitIn,
)
from app.domain.enums import Status
from app.domain.models import Agent, Model, Team, Ticket
from app.domain.tickets import NewTicket

MAX_PAGE = 1000
# Rows a page may start at: far more tickets than any desk holds; a bigger number is a mistake, said as one.
MAX_OFFSET = 100_000_000


class TicketQuery(Model):
    """Filters of GET /v1/tickets; every one optional, all combined with AND."""

    team: str | None = None
    owner: str | None = Field(default=None, description='a username, or "none" for unassigned')
    status: list[Status] = Field(default_factory=list, description="any of these; empty = any")
    open: bool | None = Field(default=None, description="only New, Assigned, In Progress and Pending")
    update_flag: bool | None = None
    flag_older_than_hours: float | None = Field(
        default=None, ge=0, le=MAX_HOURS, allow_inf_nan=False,
        description="only tickets whose Update flag has been up longer than this (R-FLAG-1 overdue); the "
        "adapter counts them all, so `total` is the desk's true number",
    )
    attention: bool | None = None
    stale_hours: float | None = Field(
        default=None, gt=0, le=MAX_HOURS, allow_inf_nan=False,
        description="only hierarchical escalation candidates (R-ESC-4) with this threshold",
    )
    requester: str | None = Field(default=None, description="requester or requested-for, exact, any case")
    advice_team: str | None = Field(default=None, description="only tickets waiting for advice from this team")
    absent_of: str | None = Field(
        default=None, description="only tickets owned by members this team has marked absent (R-TEAM-3; queue "
        "view 9): its dispatcher watches them; none when nobody is absent")
    pending_due: bool | None = Field(
        default=None, description="only Pending tickets whose dated reason's moment (pending_until) has come "
        "(R-STATUS-3): they resurface")
    follower: str | None = Field(
        default=None, description="only tickets with an escalation not ended that this agent raised, handles (or "
        "one of the agent's teams does) or follows up (R-ESC-5; queue view 8)")
    q: str | None = Field(default=None, description="text in code, subject, requester, requested-for, owner, "
                             "team, category or serial number, case and diacritics folded (oberg finds Öberg)")
    text: str | None = Field(
        default=None, max_length=200,
        description="the search over every ticket: as `q`, or the words in the journal's notes and messages (all "
        "of them, the last perhaps only begun); combine with `open` or `status` to narrow it",
    )
    sort: Sort = Sort.WORK
    offset: int = Field(default=0, ge=0, le=MAX_OFFSET)
    limit: int = Field(default=100, ge=1, le=MAX_PAGE)


class JournalWindow(Model):
    """Query of GET /v1/tickets/{code}: how much of the journal to send."""

    latest: int | None = Field(
        default=None, ge=1, le=MAX_PAGE,
        description="send at least the newest N entries and every pinned one; an adapter for which the whole "
        "journal is costly (RT) may then leave older ones out and says so with journal_complete = false",
    )


class DeskBackend(Protocol):
    """An adapter. Methods return models or JSON-ready data of the documented response shape."""

    async def meta(self) -> Meta: ...
    async def me(self, actor: str) -> Agent: ...
    async def teams(self, actor: str) -> list[Team]: ...
    async def agents(self, actor: str) -> list[Agent]: ...
    async def set_absence(self, actor: str, team: str, body: AbsenceIn) -> Team: ...
    async def search(self, actor: str, query: TicketQuery) -> Any: ...
    async def get(self, actor: str, code: str, window: JournalWindow) -> Ticket: ...
    async def create(self, actor: str, body: NewTicket) -> Ticket: ...
    async def apply_change(self, name: str, actor: str, code: str, *args: Any) -> Ticket:
        """Every write of the operation table that app/backends/changes.py has a change of that name for
        (notes, pins, status, priority, flags, fields, hand-overs, escalations): `args` are the path's
        further values, the body if any, and the version from If-Match. An adapter may also answer one of
        them with a method of the operation's own name, which then wins (app/api/server.py)."""
        ...

    async def submit_escalation_form(
        self, actor: str, code: str, body: EscalationFormIn, version: int | None
    ) -> Ticket: ...
    async def split(self, actor: str, code: str, body: SplitIn) -> list[Ticket]: ...
    async def auto_close(self, actor: str) -> ClosedList: ...
    async def send_mail(self, actor: str) -> OutboxReport: ...
    async def fetch_mail(self, actor: str) -> InboxReport: ...

"""The workstation sends the local store's outbox in the background (R-MAIL-1): on the queue's refresh interval,
and at once after a letter is written; on the same round it takes users' mail from the desk's IMAP mailbox.
A relay that cannot be reached never blocks typing (the round is a worker; the store's lock is not held while
the relay talks, app/mail/outbox.py) and the status line says what waits and since when: "3 letter(s) waiting:
smtp.example.org unreachable (Connection refused) since 10:42". A backend that mails by itself (RT) has no
outbox, and this does nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual.screen import Screen

from app.domain.enums import Delivery
from app.domain.letters import NO_MAIL_CONFIGURED
from app.domain.models import Ticket
from app.errors import HelplineError
from app.i18n import t
from app.usecases import Desk
from widgets.outside_text import tell

ROUND_GROUP = "outbox"


class Outbox:
    def __init__(self, screen: Screen[Any], desk: Desk) -> None:
        self.screen = screen
        self.desk = desk
        self.note: str | None = None  # what the status line says of the outbox; None when nothing waits
        self._trouble_since: datetime | None = None
        self.told_unconfigured = False  # "no mail configured" is said once a session, when a letter is written
        self.on_mail: Callable[[], object] | None = None  # called when users' mail was stored

    def wanted(self) -> bool:
        return not self.desk.mails_by_itself

    def start_round(self) -> None:
        """One round, unless one is running (then it picks up what is due when it asks)."""
        if self.wanted() and not any(w.group == ROUND_GROUP and w.is_running for w in self.screen.workers):
            self.screen.run_worker(self._round(), group=ROUND_GROUP, exit_on_error=False)

    async def _round(self) -> None:
        try:
            report = await self.desk.send_mail()
            fetched = await self.desk.fetch_mail()  # R-MAIL-2: users' mail, when the desk has an IMAP mailbox
        except HelplineError as error:
            self._say(t("mail not sent or fetched: {error}", error=error.message))
            return
        if fetched.stored and self.on_mail is not None:
            self.on_mail()  # what arrived shows in the queue now
        notes = [self._waiting(report.waiting, report.problem)]
        if fetched.kept:  # R-MAIL-2: mail that could not be read waits for an agent, named
            notes.append(t("{n} unreadable mail(s) kept for an agent in {folder}", n=len(fetched.kept),
                           folder=fetched.kept_folder or ""))
        self._say(" · ".join(note for note in notes if note) or None)

    def _waiting(self, waiting: int, problem: str | None) -> str | None:
        if not waiting:  # nothing waits (or no mail is configured: each letter's entry says so)
            self._trouble_since = None
            return None
        if problem:
            self._trouble_since = self._trouble_since or datetime.now()
            return t("{n} letter(s) waiting: {problem} since {moment}", n=waiting, problem=problem,
                     moment=f"{self._trouble_since:%H:%M}")
        return t("{n} letter(s) waiting", n=waiting)

    def _say(self, note: str | None) -> None:
        self.note = note
        from widgets.status_line import StatusLine

        for line in self.screen.query(StatusLine):
            line.show_mail(note)


def letters_written(screen: Screen[Any], ticket: Ticket, before: int) -> None:
    """After a write on any screen that may have made letters (those past the first `before`): a queued one is
    sent now by the queue's outbox, not at its next refresh; one that will not be sent is said at once, with
    why (no mail configured: once a session)."""
    from screens.queue import QueueScreen

    new = ticket.letters[before:]
    outboxes = [queue.outbox for queue in screen.app.screen_stack if isinstance(queue, QueueScreen)]
    if any(letter.delivery is Delivery.QUEUED for letter in new):
        for outbox in outboxes:
            outbox.start_round()
    for letter in new:
        if letter.delivery is not Delivery.NOT_SENT:
            continue
        unconfigured = letter.reason == t(NO_MAIL_CONFIGURED)
        if unconfigured and any(outbox.told_unconfigured for outbox in outboxes):
            continue
        for outbox in outboxes:
            outbox.told_unconfigured = outbox.told_unconfigured or unconfigured
        tell(screen, t("The letter on {code} was not sent: {reason}. It is in the journal.", code=ticket.code,
                       reason=letter.reason or ""), severity="warning", timeout=10)

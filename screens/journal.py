"""The ticket journal: header, entries pinned first then oldest to newest, and the first actions."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import ClassVar

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer

from app.domain.enums import EntryKind, PendingReason, Recipients, Status
from app.domain.errors import RuleViolation
from app.domain.escalation_form import AttachmentRef
from app.domain.flags import user_answered_since_flag
from app.domain.journal import ordered_for_reading
from app.domain.models import Attachment, Ticket
from app.domain.priority import impacts_for, priority_for, urgencies_for
from app.domain.status import can_resolve
from app.domain.templates import dear_user
from app.domain.text_quality import note_problems
from app.domain.tickets import NewTicket
from app.drafts import load_draft, save_draft
from app.errors import Conflict, HelplineError
from app.i18n import label, t
from app.plain_text import printable
from app.usecases import Desk, FieldsIn
from screens import escalation_move, journal_attachments, journal_handover, journal_offers
from screens.choose import Choose
from screens.confirm import Confirm
from screens.failures import report_failure, reports_failures
from screens.journal_handover import JournalHandOvers
from screens.letter_preview import LetterPreview
from screens.note_editor import NoteEditor
from screens.pending_details import PendingDetailsScreen
from screens.queue_outbox import letters_written
from screens.requester_tickets import show_requester_tickets
from screens.ticket_jump import TicketJump
from widgets.escalation_list import EscalationList
from widgets.journal_view import JournalView
from widgets.key_bar import KeyBar
from widgets.outside_text import tell
from widgets.ticket_header import TicketHeader

UNDO_SECONDS = 8  # how long `z` takes back a one-key change
# Asked for when a journal opens (pinned ones always): more than a screen holds. An adapter may then send
# only these (journal_complete is False, a long journal on RT); `o` asks for the rest.
LATEST_ENTRIES = 20


class JournalScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        *journal_handover.BINDINGS,  # first, as the footer has always listed them
        Binding("escape", "app.pop_screen", "Back", id="journal.back"),
        Binding("n", "note", "Internal note", id="journal.note"),
        Binding("c", "follow_up", "New ticket linked to this one", id="journal.follow_up"),
        Binding("z", "undo", "Undo", id="journal.undo"),
        # Shown only after a stale-write refusal, so the way out is on screen; otherwise the hidden `r` below.
        Binding("r", "reload_stale", "Reload (changed elsewhere)", id="journal.reload_stale"),
        Binding("colon", "jump", "Jump to HL-…", show=False, id="journal.jump"),
        Binding("b", "begin_work", "Begin work", show=False, id="journal.begin"),
        Binding("u", "clear_update_flag", "Clear Update flag", show=False, id="journal.clear_update"),
        Binding("a", "toggle_attention", "Attention", show=False, id="journal.attention"),
        Binding("R", "message_user", "Message to user", id="journal.message"),
        Binding("p", "pending", "Pending", id="journal.pending"),
        Binding("x", "resolve", "Resolve", id="journal.resolve"),
        Binding("s", "status", "Status", show=False, id="journal.status"),
        Binding("i", "impact_urgency", "Impact/urgency", show=False, id="journal.priority"),
        Binding("P", "pin", "Pin or unpin an entry", show=False, id="journal.pin"),
        Binding("E", "supplier_ref", "Supplier case id", show=False, id="journal.supplier"),
        Binding("h", "expected_handling", "Expected handling time", show=False, id="journal.handling"),
        Binding("r", "reload", "Refresh", show=False, id="journal.refresh"),
        Binding("o", "earlier", "Earlier entries", show=False, id="journal.earlier"),
        Binding("Q", "quotes", "Show or fold quoted mail", show=False, id="journal.quotes"),
        Binding("T", "retitle", "New title (subject)", show=False, id="journal.retitle"),
        Binding("f", "attachments", "Attachments: open or save", show=False, id="journal.attachments"),
        Binding("l", "requester_tickets", "Requester's other tickets", show=False, id="journal.requester_tickets"),
        Binding("K", "macro", "Apply a macro", show=False, id="journal.macro"),
    ]

    def __init__(self, desk: Desk, code: str, stale_after: timedelta = timedelta(hours=48)) -> None:
        super().__init__()
        self.desk = desk
        self.code = code
        self.ticket: Ticket | None = None
        self.stale_after = stale_after  # R-ESC-4: the desk's "no progress" threshold
        self.showing: int | None = LATEST_ENTRIES  # None: the whole journal, once `o` asked for it
        self._offered: tuple[object, ...] = ()
        self.handovers = JournalHandOvers(self)
        self._stale = False  # the last write was refused as stale (409): `r` is offered in the footer
        self._undo: Callable[[], Awaitable[Ticket]] | None = None
        self._undo_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield TicketHeader(id="ticket-header")
        yield TicketJump(self.desk, id="command")
        yield EscalationList(id="escalations")
        yield JournalView(id="journal")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = printable(self.code)
        self.action_reload()

    def action_earlier(self) -> None:
        # Every entry the ticket came with is in the view (drawn as it scrolls into sight); only an adapter
        # that sent the newest entries first (a long journal on RT) leaves more to ask for.
        if self.ticket is not None and not self.ticket.journal_complete:
            self.showing = None
            self.run_call(lambda: self.desk.ticket(self.code))

    @work
    async def action_requester_tickets(self) -> None:
        """Issue 19: the requester's other tickets, and the journal of the one picked (screens/requester_tickets.py)."""
        if self.ticket is not None:
            await show_requester_tickets(self, self.desk, self.ticket, self.stale_after)

    def action_quotes(self) -> None:
        """R-MAIL-2: the earlier mail a user's reply quotes, folded to one line until asked for."""
        self.query_one("#journal", JournalView).toggle_quotes()

    def action_reload_stale(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        # What the screen shows first is what it asks for first: a 600-transaction RT ticket opens in a
        # third of a second instead of 2.5 (bench/rt.py).
        self.run_call(lambda: self.desk.ticket(self.code, latest=self.showing))

    @work(exclusive=True, group="journal")
    async def run_call(self, call: Callable[[], Awaitable[Ticket]], draft_key: str | None = None,
                       then: Callable[[Ticket], None] | None = None) -> None:
        """Every backend call of this screen: errors are shown, the screen (and any draft) stays as it was;
        `then` runs once the call is done and shown."""
        journal = self.query_one("#journal", JournalView)
        journal.loading = True
        letters = len(self.ticket.letters) if self.ticket is not None else None  # None: the first load
        try:
            ticket = await call()
        except (RuleViolation, HelplineError) as error:
            if isinstance(error, Conflict):  # trying again would be refused again: offer the reload, in place
                self._stale = True
                self.refresh_bindings()
            report_failure(self, error, self.desk.client.server, reload_key="r")
            return
        finally:
            journal.loading = False
        if draft_key:
            save_draft(draft_key, "")  # stored: the draft has done its job
        await self.show(ticket)
        if letters is not None and len(ticket.letters) > letters:
            letters_written(self, ticket, letters)  # R-MAIL-1: it leaves now, or the agent hears why not
        if then is not None:
            then(ticket)

    async def show(self, ticket: Ticket) -> None:
        self.ticket = ticket
        self.query_one(TicketHeader).show(ticket)
        self.query_one(EscalationList).show(ticket, lambda party: escalation_move.who(self.desk, party))
        offered = (ticket.status,
                   *(self.check_action(action, ()) for action in ("assign", "return_to_primary", "answer_advice")))
        # What applies depends on the status and where the ticket is now, and a reload ends a stale refusal;
        # redrawing the footer for nothing costs a ticket's opening ~100 ms.
        if offered != self._offered or self._stale:
            self._offered = offered
            self._stale = False
            self.refresh_bindings()
        # The adapter sent the newest entries only (and the pinned ones): how many more, it did not say.
        earlier = None if ticket.journal_complete else t("⋯ earlier entries: o shows them")
        files: dict[int, list[Attachment]] = {}
        for attachment in ticket.attachments:  # issue 19: listed under the note or letter they came with
            if attachment.entry is not None:
                files.setdefault(attachment.entry, []).append(attachment)
        self.query_one("#journal", JournalView).show(ordered_for_reading(ticket.journal), earlier,
                                                     {letter.entry: letter for letter in ticket.letters}, files)

    # ----- hand-overs and escalations (screens/journal_handover.py) -------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reload_stale":
            return self._stale
        if action == "undo":
            return self._undo is not None
        return journal_offers.applies(action, self.ticket) and self.handovers.offers(action)

    def action_escalation_form(self) -> None:
        self.handovers.escalation_form()

    def action_dispatch(self) -> None:
        self.handovers.dispatch()

    def action_direct_handover(self) -> None:
        self.handovers.direct_handover()

    def action_advisory(self) -> None:
        self.handovers.advisory()

    def action_linked_escalation(self) -> None:
        self.handovers.linked_escalation()

    @work
    async def action_assign(self) -> None:
        await self.handovers.assign()

    @work
    async def action_return_to_primary(self) -> None:
        await self.handovers.return_to_primary()

    @work
    async def action_hierarchical(self) -> None:
        await self.handovers.hierarchical()

    @work
    async def action_answer_advice(self) -> None:
        await self.handovers.answer_advice()

    @work
    async def action_move_escalation(self) -> None:
        await self.handovers.move_escalation()

    @work
    async def action_macro(self) -> None:
        """Issue 19: a macro on this ticket, after its preview (screens/macro_flow.py)."""
        from screens.macro_flow import run_macro

        if self.ticket is not None and await run_macro(self, self.desk, [self.ticket.code]) is not None:
            self.action_reload()

    @work
    async def action_note(self) -> None:
        ticket = self.ticket
        if ticket is None:
            return
        key = f"{ticket.code}:note"
        editor = NoteEditor(t("Internal note on {code}", code=ticket.code), draft_key=key, files=True)
        text = await self.app.push_screen_wait(editor)
        if text is not None:
            files = editor.attached  # issue 19: stored with the note, in the same write
            self.run_call(lambda: self.desk.add_note(ticket, text, files=files), draft_key=key)

    @work
    async def action_attachments(self) -> None:
        """Issue 19: the ticket's files, to open or to save (screens/journal_attachments.py)."""
        await journal_attachments.pick_and_use(self)

    # One key changes the ticket, so a stray key (a word typed into the journal) must not change it unseen:
    # begin work (owner and status) and clearing the Update flag (its age) have no clean inverse and are
    # asked first; attention is set back by `z` for a few seconds.

    @work
    async def action_begin_work(self) -> None:
        ticket = self.ticket
        if ticket is not None and await self.app.push_screen_wait(Confirm(t(
                "Begin work on {code}? You become its owner and it goes In Progress.", code=ticket.code))):
            self.run_call(lambda: self.desk.begin_work(ticket))

    @work
    async def action_clear_update_flag(self) -> None:
        """R-FLAG-1: the flag comes down once the user has an answer; without one, the question says so."""
        ticket = self.ticket
        if ticket is None:
            return
        question = t("Clear the Update flag on {code}?", code=ticket.code)
        if not user_answered_since_flag(ticket):
            question = t("Clear the Update flag on {code} without answering the user? The user has had no answer "
                         "since they wrote.", code=ticket.code)
        if await self.app.push_screen_wait(Confirm(question)):
            self.run_call(lambda: self.desk.set_flags(ticket, update=False))  # its version: a stale view is a 409

    def action_toggle_attention(self) -> None:
        if self.ticket is None:
            return
        ticket, before = self.ticket, self.ticket.attention
        code = ticket.code
        said = t("Attention set on {code}", code=code) if not before else t("Attention cleared on {code}", code=code)

        def offer_undo(changed: Ticket) -> None:
            self._offer_undo(said, lambda: self.desk.set_flags(changed, attention=before))

        self.run_call(lambda: self.desk.set_flags(ticket, attention=not before), then=offer_undo)

    def _offer_undo(self, said: str, undo: Callable[[], Awaitable[Ticket]]) -> None:
        self._undo = undo
        if self._undo_timer is not None:
            self._undo_timer.stop()
        self._undo_timer = self.set_timer(UNDO_SECONDS, self._forget_undo, name="undo")
        self.refresh_bindings()
        tell(self, t("{change}: z undoes it", change=said), timeout=UNDO_SECONDS)

    def _forget_undo(self) -> None:
        self._undo = None
        self._undo_timer = None
        self.refresh_bindings()

    def action_undo(self) -> None:
        undo = self._undo
        if undo is not None:
            if self._undo_timer is not None:
                self._undo_timer.stop()
            self._forget_undo()
            self.run_call(undo, then=lambda _: tell(self, t("Undone")))

    # ----- jump and follow-up ---------------------------------------------------------------------

    def action_jump(self) -> None:
        self.query_one(TicketJump).open()

    def on_key(self, event: events.Key) -> None:
        self.query_one(TicketJump).route(event)  # `:HL-74` typed in one go

    def on_ticket_jump_chosen(self, message: TicketJump.Chosen) -> None:
        if message.code != self.code:  # in place of this journal: esc still leads back to the queue
            self.app.switch_screen(JournalScreen(self.desk, message.code, self.stale_after))

    def action_follow_up(self) -> None:
        """R-STATUS-6: a Closed ticket is not reopened; a new one, filled in from it, carries the work on."""
        from screens.new_ticket import NewTicketScreen

        closed = self.ticket
        if closed is None:
            return
        prefill = NewTicket(kind=closed.kind, subject=closed.subject, requester=closed.requester,
                            requested_for=closed.requested_for, category=closed.category,
                            serial_number=closed.serial_number,
                            description=t("Follows up {code}, which is Closed (R-STATUS-6).", code=closed.code))
        self.app.push_screen(NewTicketScreen(self.desk, prefill), lambda made: self._followed_up(closed, made))

    def _followed_up(self, closed: Ticket, made: Ticket | None) -> None:
        # No use case links two tickets: the new one names the closed one in its description, and the closed
        # one gets an internal note (all a Closed ticket takes) naming the new one, so each leads to the other.
        if made is not None:
            self.run_call(lambda: self.desk.add_note(closed, t("Followed up by {code} (R-STATUS-6).",
                                                               code=made.code)))

    # ----- status, messages and priority -------------------------------------------------------

    @work
    async def action_message_user(self) -> None:
        """Message to the user: written, then shown as the letter that goes (R-MAIL-1: to whom, the subject, the
        text, who has no address) and sent only from there; back from the preview is back to the text."""
        ticket = self.ticket
        if ticket is None:
            return
        key = f"{ticket.code}:message"
        title = t("Message to the user on {code}", code=ticket.code)
        if ticket.no_mail_address:  # the backend mails the user and has no address: say so before, not after
            title += " · " + t("{user} has no e-mail address: it will not be mailed", user=ticket.requester)
        to = Recipients.REQUESTER
        files: list[AttachmentRef] = []
        while True:
            editor = NoteEditor(title, draft_key=key, files=True, attached=files)  # back from the preview: kept
            text = await self.app.push_screen_wait(editor)
            if text is None:
                return
            files = editor.attached  # issue 19: they go with the letter
            chosen = await self.app.push_screen_wait(
                LetterPreview(ticket, text, to, mails_by_itself=self.desk.mails_by_itself))
            if chosen is not None:
                break
        self.run_call(lambda: self.desk.add_note(ticket, text, kind=EntryKind.MESSAGE_TO_USER, to=chosen,
                                                 files=files), draft_key=key)

    @work
    async def action_pending(self) -> None:
        """R-STATUS-3: Pending always with a reason the user sees."""
        ticket = self.ticket
        if ticket is None:
            return
        reason = await self.app.push_screen_wait(
            Choose(t("Pending: why is {code} waiting?", code=ticket.code),
                   [(label(reason), reason) for reason in PendingReason]))
        if reason is None:
            return
        details = await self.app.push_screen_wait(PendingDetailsScreen(reason, ticket.code, ticket.requester))
        if details is not None:
            self.run_call(lambda: self.desk.set_status(ticket, Status.PENDING, pending_reason=reason,
                                                       until=details.until, message=details.message))

    @work
    @reports_failures
    async def action_resolve(self) -> None:
        """R-STATUS-4/5: a solution text, shown to the agent inside the "Dear user" message first."""
        ticket = self.ticket
        if ticket is None:
            return
        if not can_resolve(self.desk.team_of(ticket)):
            tell(self, t("{team} is not a first-line team: write the solution as a note and return the ticket to "
                         "its primary team (R-STATUS-5).", team=self.desk.team_of(ticket).name),
                 severity="warning", timeout=10)
            return
        key = f"{ticket.code}:solution"
        # Finding 7 (follow-up and triage): a ticket back from second line starts from its solution note (a
        # draft of the agent's own comes first).
        start = load_draft(key) or ticket.returned_solution or ""
        solution = await self.app.push_screen_wait(NoteEditor(t("Solution for {code}", code=ticket.code), start,
                                                              draft_key=key))
        if solution is None:
            return
        problems = note_problems(solution)
        if problems:
            tell(self, problems[0] + " (R-STATUS-4)", severity="warning", timeout=8)
            return
        # R-MAIL-1, R-STATUS-4: the letter the user is told by, to whom the agent chooses, before anything is done.
        letter = dear_user(solution, ticket.code, self.desk.team_of(ticket).name)
        to = await self.app.push_screen_wait(LetterPreview(
            ticket, letter, mails_by_itself=self.desk.mails_by_itself,
            heading=t("Resolve {code} and send this letter to the user?", code=ticket.code)))
        if to is not None:
            self.run_call(lambda: self.desk.set_status(ticket, Status.RESOLVED, solution=solution, to=to),
                          draft_key=key)

    @work
    @reports_failures
    async def action_status(self) -> None:
        """Only the moves the rules allow are offered (R-STATUS-*): reopen, begin work, and so on."""
        ticket = self.ticket
        if ticket is None:
            return
        allowed = self.desk.allowed_statuses(ticket)
        if not allowed:
            tell(self, t("{code} can change status no more.", code=ticket.code))
            return
        target = await self.app.push_screen_wait(
            Choose(t("New status for {code}", code=ticket.code), [(label(status), status) for status in allowed]))
        if target is Status.PENDING:
            self.action_pending()
        elif target is Status.RESOLVED:
            self.action_resolve()
        elif target is not None and ticket.status is Status.RESOLVED:
            self.reopen(ticket)
        elif target is not None:
            self.run_call(lambda: self.desk.set_status(ticket, target))

    @work
    async def reopen(self, ticket: Ticket) -> None:
        """R-STATUS-6, R-FLAG-1: a reopen says why; the reason becomes a note and the Update flag goes up."""
        key = f"{ticket.code}:reopen"
        reason = await self.app.push_screen_wait(NoteEditor(
            t("Why is {code} reopened? The reason is noted and the Update flag goes up (R-STATUS-6)",
              code=ticket.code), draft_key=key))
        if reason is not None:
            self.run_call(lambda: self.desk.set_status(ticket, Status.IN_PROGRESS, reason=reason), draft_key=key)

    @work
    async def action_impact_urgency(self) -> None:
        """R-PRIO-1/2: impact, then urgency, each urgency showing the priority it gives."""
        ticket = self.ticket
        if ticket is None:
            return
        impact = await self.app.push_screen_wait(
            Choose(t("Impact"), [(label(impact), impact) for impact in impacts_for(ticket.kind)]))
        if impact is None:
            return
        urgency = await self.app.push_screen_wait(
            Choose(t("Urgency"), [(f"{label(u)} → {priority_for(ticket.kind, impact, u).value}", u)
                                  for u in urgencies_for(ticket.kind)]))
        if urgency is not None:
            self.run_call(lambda: self.desk.set_priority(ticket, impact, urgency))

    # ----- pins and references -------------------------------------------------------------------

    @work
    async def action_pin(self) -> None:
        """R-JOURNAL-2: pinned entries are shown first."""
        ticket = self.ticket
        if ticket is None:
            return
        entries = [e for e in reversed(ticket.journal) if e.kind is not EntryKind.SYSTEM_EVENT]
        choices = [(f"{'📌' if e.pinned else '  '} {label(e.kind)}: {printable(e.body)[:70]}", e) for e in entries]
        entry = await self.app.push_screen_wait(Choose(t("Pin or unpin which entry?"), choices))
        if entry is not None:
            self.run_call(lambda: self.desk.pin(ticket, entry.id, not entry.pinned))

    @work
    async def action_supplier_ref(self) -> None:
        """R-JOURNAL-4: the external supplier's case id is recorded on the ticket."""
        await self._edit_field("external_ref", t("Supplier case id for {code}"))

    @work
    async def action_retitle(self) -> None:
        """R-TICKET-5: a title that says what the ticket is about (a mail's weak subject, R-MAIL-2)."""
        await self._edit_field("subject", t("New title for {code}: short and telling"))

    @work
    async def action_expected_handling(self) -> None:
        """R-JOURNAL-4: expected handling time, noted internally."""
        await self._edit_field("expected_handling", t("Expected handling time for {code}"))

    async def _edit_field(self, name: str, title: str) -> None:
        ticket = self.ticket
        if ticket is None:
            return
        key = f"{ticket.code}:{name}"  # kept through a refusal (a stale write): typed again it need not be
        value = await self.app.push_screen_wait(NoteEditor(title.format(code=ticket.code),
                                                           load_draft(key) or getattr(ticket, name) or "",
                                                           draft_key=key))
        if value is not None:
            fields = FieldsIn(**{name: value.strip()})
            self.run_call(lambda: self.desk.set_fields(ticket, fields), draft_key=key)

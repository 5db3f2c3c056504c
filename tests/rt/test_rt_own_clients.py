"""What RT's own clients do to a ticket, and how Helpline must show it. RT's command-line client (`rt`,
REST 1.0) and its mail gateway (`rt-mailgate`) from rt5-clients are the independent party here: each test
makes a ticket the way an RT user or admin would, then reads it through Helpline."""

from __future__ import annotations

import re
from typing import Any

import pytest

from app.api.backend import TicketQuery
from app.api.schemas import DispatchIn, FlagsIn, NoteIn, StatusIn
from app.backends.rt_client import RtClient
from app.client import HelplineClient
from app.domain.enums import EntryKind, LinkKind, Priority, Status
from app.domain.models import Ticket
from app.domain.tickets import NewTicket
from app.errors import HelplineError, Invalid
from tests.rt_desk import SUMMARY
from tests.rt_server import UNMAPPED_QUEUE, RtServer, password_of


def words(ticket: Ticket) -> list[tuple[EntryKind, str, str]]:
    """The journal's notes and messages (not its events) as (kind, author, text)."""
    return [(e.kind, e.author, e.body.strip()) for e in ticket.journal if e.kind is not EntryKind.SYSTEM_EVENT]


def events(ticket: Ticket) -> list[str]:
    return [e.body for e in ticket.journal if e.kind is EntryKind.SYSTEM_EVENT]


def mailed_in(server: RtServer, sender: str, subject: str, body: str) -> int:
    """A new ticket opened by a user's mail; its number, found with `rt ls`."""
    server.mail("support", sender, subject, body)
    found = re.findall(r"^(\d+):", server.rt("ls", "-s", f"Subject = '{subject}'"), re.M)
    assert len(found) == 1, found
    return int(found[0])


async def history(raw: RtClient, number: int) -> list[dict[str, Any]]:
    return await raw.pages(f"/ticket/{number}/history", fields="Type,Field,NewValue")


async def test_1_the_users_first_message_is_the_first_journal_entry_by_rt_create_mail_and_helpline_R_JOURNAL_1(
    rt_fresh: RtServer, desk: HelplineClient
) -> None:
    by_cli = rt_fresh.rt_create("support", "Screen stays dark", "My screen is dark since Monday")
    ticket = await desk.get(f"HL-{by_cli}")
    assert words(ticket)[0] == (EntryKind.MESSAGE_FROM_USER, "eva@example.org", "My screen is dark since Monday")
    by_mail = mailed_in(rt_fresh, "Søren Åberg <soren@example.org>", "Keyboard keys stick", "The E key sticks.")
    mailed = await desk.get(f"HL-{by_mail}")
    assert words(mailed) == [(EntryKind.MESSAGE_FROM_USER, "Søren Åberg", "The E key sticks.")]
    made = await desk.create(NewTicket(subject="Dock gives no picture", requester="Eva Holm",
                                       description="Nothing on either screen"))
    assert words(made) == [(EntryKind.MESSAGE_FROM_USER, "Eva Holm", "Nothing on either screen")], \
        "the description once, as on the local store, not again as a comment"


async def test_2_a_dispatch_rt_refuses_writes_nothing_and_says_why_and_rt_setups_maps_let_general_move_R_DISPATCH_1(
    rt_fresh: RtServer, desk: HelplineClient, raw: RtClient
) -> None:
    stuck = rt_fresh.rt_create(UNMAPPED_QUEUE, "VPN drops every hour", "It drops at :00")
    before = await history(raw, stuck)
    with pytest.raises(Invalid) as caught:
        await desk.dispatch(f"HL-{stuck}", DispatchIn(team="infrastructure", summary=SUMMARY, category="Network"),
                            (await desk.get(f"HL-{stuck}")).version)
    assert "no mapping for statuses" in caught.value.message
    assert await history(raw, stuck) == before, "no letter to the user, no journal entry, no field"
    assert f"Queue: {UNMAPPED_QUEUE}" in rt_fresh.rt("show", f"ticket/{stuck}", "-f", "queue")
    moved = rt_fresh.rt_create("General", "Printer offline", "The printer says offline")
    done = await desk.dispatch(f"HL-{moved}", DispatchIn(team="infrastructure", summary=SUMMARY, category="Printer"),
                               (await desk.get(f"HL-{moved}")).version)
    assert done.team == "infrastructure"
    assert "Queue: infrastructure" in rt_fresh.rt("show", f"ticket/{moved}", "-f", "queue")


async def test_3_rts_own_statuses_are_mapped_gone_tickets_refuse_writes_and_a_foreign_queue_is_named_R_STATUS_1(
    rt_fresh: RtServer, desk: HelplineClient
) -> None:
    number = rt_fresh.rt_create("General", "Mouse double-clicks", "Every click is two")
    code = f"HL-{number}"
    rt_fresh.rt("edit", f"ticket/{number}", "set", "status=open")
    opened = await desk.get(code)
    assert opened.status is Status.IN_PROGRESS
    assert "Status: New → In Progress (open in RT) (in RT, by Enoch Root)" in events(opened)
    rt_fresh.rt("edit", f"ticket/{number}", "set", "status=stalled")
    assert (await desk.get(code)).status is Status.PENDING
    with pytest.raises(Invalid) as caught:
        await desk.set_status(code, StatusIn(status=Status.IN_PROGRESS), (await desk.get(code)).version)
    assert "is in RT queue General, not a Helpline team" in caught.value.message
    for queue, gone in (("General", "rejected"), ("support", "deleted")):  # rejected is RT's default lifecycle's
        number = rt_fresh.rt_create(queue, f"Old request to be {gone}", "Please ignore")
        rt_fresh.rt("edit", f"ticket/{number}", "set", f"status={gone}")
        ticket = await desk.get(f"HL-{number}")
        assert ticket.status is Status.CLOSED
        with pytest.raises(Invalid) as refused:
            await desk.add_entry(ticket.code, NoteIn(body="Anyone?"))
        assert f"{gone} in RT" in refused.value.message


async def test_4_rt_staff_who_are_not_desk_agents_are_not_the_user_R_FLAG_1(
    rt_fresh: RtServer, desk: HelplineClient
) -> None:
    ticket = await desk.create(NewTicket(subject="Shared drive is full", requester="eva@example.org"))
    rt_fresh.rt("correspond", "-m", "I freed some space on the share", f"ticket/{ticket.id}")
    answered = await desk.get(ticket.code)
    assert words(answered)[-1] == (EntryKind.MESSAGE_TO_USER, "Enoch Root", "I freed some space on the share")
    assert answered.update_flag is None


async def test_5_an_agents_comment_in_rt_leaves_a_mail_raised_update_flag_up_R_FLAG_1(
    rt_fresh: RtServer, desk: HelplineClient
) -> None:
    ticket = await desk.create(NewTicket(subject="Badge does not open door 3", requester="eva@example.org"))
    rt_fresh.mail("support", "eva@example.org", f"[helpline-test #{ticket.id}] Re: Badge", "Still locked out")
    assert (await desk.get(ticket.code)).update_flag is not None
    assert re.search(r"CF\.\{Update flag\}:\s*\S", rt_fresh.rt("show", f"ticket/{ticket.id}", "-f", "CF.{Update flag}"))
    rt_fresh.rt("comment", "-m", "Asked facilities", f"ticket/{ticket.id}", user=("lars", password_of("lars")))
    commented = await desk.get(ticket.code)
    assert commented.update_flag is not None, "only an answer or an explicit clear lowers it"
    flagged = await desk.search(TicketQuery(update_flag=True, limit=1000))
    assert ticket.code in [row.code for row in flagged.items]
    cleared = await desk.set_flags(ticket.code, FlagsIn(update=False), commented.version)
    assert cleared.update_flag is None
    stamped = rt_fresh.rt("show", f"ticket/{ticket.id}", "-f", "CF.{Update flag}")
    assert re.search(r"CF\.\{Update flag\}:\s*$", stamped), f"RT's own field is emptied too: {stamped!r}"
    assert ticket.code not in [r.code for r in (await desk.search(TicketQuery(update_flag=True, limit=1000))).items]


async def test_6_a_priority_set_in_rt_is_read_back_and_journalled_and_rt_names_p1_to_p5_R_PRIO_3(
    rt_fresh: RtServer, desk: HelplineClient
) -> None:
    ticket = await desk.create(NewTicket(subject="Website slow for everyone", requester="eva@example.org"))
    rt_fresh.rt("edit", f"ticket/{ticket.id}", "set", "priority=80")
    changed = await desk.get(ticket.code)
    assert changed.priority is Priority.P2
    assert "Priority: P2 (in RT, by Enoch Root)" in events(changed)
    row = next(r for r in (await desk.search(TicketQuery(q=ticket.code))).items if r.code == ticket.code)
    assert row.priority is Priority.P2
    shown = rt_fresh.perl('my $t = RT::Ticket->new(RT->SystemUser); $t->Load($ARGV[0]); print $t->PriorityAsString;',
                          str(ticket.id))
    assert shown == "P2", "RT's own UI names the band, not 'Medium'"


async def test_7_links_and_merges_made_in_rt_are_shown_R_TICKET_4(rt_fresh: RtServer, desk: HelplineClient) -> None:
    main, blocker, related, parent, duplicate = (
        rt_fresh.rt_create("support", subject, text) for subject, text in (
            ("Mail client crashes", "Crashes on start"), ("Mail server upgrade", "Planned"),
            ("Calendar crashes", "Also crashes"), ("Office move", "All of floor 2"),
            ("Mail client crashes again", "Me too")))
    rt_fresh.rt("link", str(main), "dependson", str(blocker))
    rt_fresh.rt("link", str(main), "refersto", str(related))
    rt_fresh.rt("link", str(main), "memberof", str(parent))
    rt_fresh.rt("merge", str(duplicate), str(main))
    ticket = await desk.get(f"HL-{main}")
    assert {(link.kind, link.code) for link in ticket.links} >= {
        (LinkKind.DEPENDS_ON, f"HL-{blocker}"), (LinkKind.REFERS_TO, f"HL-{related}"),
        (LinkKind.MEMBER_OF, f"HL-{parent}"), (LinkKind.MERGED_FROM, f"HL-{duplicate}")}
    assert ticket.description == "Crashes on start", "the merged ticket's report does not take over"
    assert f"HL-{duplicate} was merged into this ticket (in RT, by Enoch Root)" in events(ticket)
    assert (EntryKind.MESSAGE_FROM_USER, "eva@example.org", "Me too") in words(ticket)
    assert f"Linked: depends on HL-{blocker} (in RT, by Enoch Root)" in events(ticket)
    assert (await desk.get(f"HL-{duplicate}")).code == f"HL-{main}", "RT answers a merged id with the merged-into"
    noted = await desk.add_entry(ticket.code, NoteIn(body="Waiting for the upgrade"), ticket.version)
    assert {(link.kind, link.code) for link in noted.links} >= {(LinkKind.DEPENDS_ON, f"HL-{blocker}")}


async def test_8_rts_reminders_and_delete_work_on_helplines_lifecycle(rt_fresh: RtServer, desk: HelplineClient) -> None:
    ticket = await desk.create(NewTicket(subject="Renew the certificate", requester="eva@example.org"))
    said = rt_fresh.perl(
        'my $t = RT::Ticket->new(RT->SystemUser); $t->Load($ARGV[0]); '
        'my ($ok, $msg) = $t->Reminders->Add(Subject => "Call the supplier", Owner => "anna", Due => "2030-01-01");'
        ' die "add: $msg\\n" unless $ok; my $r = $t->Reminders->Collection->First; '
        '($ok, $msg) = $t->Reminders->Resolve($r); die "resolve: $msg\\n" unless $ok; print $r->Status;',
        str(ticket.id))
    assert said == "resolved"
    rt_fresh.perl('my $t = RT::Ticket->new(RT->SystemUser); $t->Load($ARGV[0]); my ($ok, $msg) = $t->Delete; '
                  'die "delete: $msg\\n" unless $ok;', str(ticket.id))
    gone = await desk.get(ticket.code)
    assert gone.status is Status.CLOSED
    with pytest.raises(HelplineError):
        await desk.set_status(ticket.code, StatusIn(status=Status.IN_PROGRESS), gone.version)


async def test_9_a_message_to_a_requester_without_an_address_warns_and_says_so_in_the_journal_R_JOURNAL_1(
    desk: HelplineClient,
) -> None:
    nameless = await desk.create(NewTicket(subject="Phone has no dial tone", requester="Karin Dahl"))
    assert nameless.no_mail_address, "the screen warns before sending"
    told = await desk.add_entry(nameless.code, NoteIn(kind=EntryKind.MESSAGE_TO_USER, body="A new phone is coming"))
    assert any("not mailed" in text.lower() for text in events(told))
    mailed = await desk.create(NewTicket(subject="Phone has no dial tone", requester="karin@example.org"))
    assert not mailed.no_mail_address
    told = await desk.add_entry(mailed.code, NoteIn(kind=EntryKind.MESSAGE_TO_USER, body="A new phone is coming"))
    assert not any("not mailed" in text.lower() for text in events(told))


async def test_10_people_are_shown_by_their_real_name(rt_fresh: RtServer, desk: HelplineClient) -> None:
    number = mailed_in(rt_fresh, "Søren Åberg <soren.aberg@example.org>", "Headset crackles", "Left ear only")
    ticket = await desk.get(f"HL-{number}")
    assert ticket.requester == "Søren Åberg"
    row = next(r for r in (await desk.search(TicketQuery(q=f"HL-{number}"))).items)
    assert row.requester == "Søren Åberg"

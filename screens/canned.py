"""Canned answers in any editor (issue 19): what `::` in a PlainTextArea opens, and what the picked snippet is
filled with: the ticket open beneath the editor (the topmost screen with a `ticket`, e.g. screens/journal.py) and
the agent. The desk's snippets and macros are loaded once by the app (app/tui.py `desk_texts`)."""

from __future__ import annotations

from textual.app import App
from textual.widgets import TextArea

from app.domain.desk_texts import DeskTexts
from app.domain.models import Ticket
from app.domain.snippets import fill, ticket_values
from app.i18n import get_language
from screens.snippet_picker import Picked, SnippetPicker


def texts_of(app: App[object]) -> DeskTexts:
    texts = getattr(app, "desk_texts", None)
    return texts if isinstance(texts, DeskTexts) else DeskTexts()


def values_here(app: App[object]) -> dict[str, str]:
    """The placeholders' values known on the screens open now: the ticket's, its team's and the agent's."""
    for screen in reversed(app.screen_stack):
        ticket = getattr(screen, "ticket", None)
        desk = getattr(screen, "desk", None)
        if isinstance(ticket, Ticket):
            team = desk.team_of(ticket).name if desk is not None else None
            agent = desk.me.name if desk is not None else None
            return ticket_values(requester=ticket.requester, code=ticket.code, subject=ticket.subject,
                                 agent=agent, team=team)
        if desk is not None:
            return ticket_values(agent=desk.me.name)
    return {}


def offer_snippets(area: TextArea, start: tuple[int, int]) -> None:
    """The picker for the `::` that ends at the cursor and begins at `start`."""
    app = area.app
    values = values_here(app)
    end = area.cursor_location

    def picked(result: Picked | None) -> None:
        if result is None:
            return
        if result.snippet is None:  # esc: the text as typed, the filter included
            area.replace("::" + result.typed, start, end)
        else:
            area.replace(fill(result.snippet.text, values), start, end)
        area.focus()

    def slipped() -> str:
        """What reached the editor after `::` before the list took the focus (a fast typist, a paste): the
        filter's start, taken back out of the text."""
        now = area.cursor_location
        if now[0] != end[0] or now <= end:
            return ""
        typed = area.get_text_range(end, now)
        area.delete(end, now)
        return typed

    app.push_screen(SnippetPicker(texts_of(app).snippets(get_language()), "", slipped), picked)

"""`K` on the queue (marked rows, or the row under the cursor) and in the journal (its ticket): pick a macro, see
what each ticket will get (screens/macro_preview.py), then it is applied through the use cases (app/macro_run.py),
each ticket's refusal named and the others done (issue 19)."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from app.errors import HelplineError
from app.i18n import t
from app.macro_run import MacroOutcome, apply_macro, preview
from app.usecases import Desk
from screens.canned import texts_of
from screens.choose import Choose
from screens.failures import report_failure
from screens.macro_preview import MacroPreview
from widgets.outside_text import tell


async def run_macro(screen: Screen[Any], desk: Desk, codes: list[str]) -> MacroOutcome | None:
    """None: nothing was applied (no target, no macro picked, back from the preview, a ticket unreadable)."""
    if not codes:
        return None
    macros = texts_of(screen.app).macros
    macro = await screen.app.push_screen_wait(Choose(t("Macro for {n} ticket(s)", n=len(codes)),
                                                     [(m.title, m) for m in macros]))
    if macro is None:
        return None
    try:
        tickets = [await desk.ticket(code) for code in codes]
    except HelplineError as error:
        report_failure(screen, error, desk.client.server)
        return None
    steps = {ticket.code: preview(desk, macro, ticket) for ticket in tickets}
    if not await screen.app.push_screen_wait(MacroPreview(macro.title, steps)):
        return None
    outcome = await apply_macro(desk, macro, codes)
    tell(screen, outcome.message(macro.title), severity="warning" if outcome.refused else "information",
         timeout=10)
    return outcome

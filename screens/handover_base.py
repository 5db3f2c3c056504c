"""What the hand-over screens (`d`, `e`, `D`) share: R-TICKET-4's split-or-state choice and R-DISPATCH-5's category
check, with the same keys on each.

`ctrl+o` states that a ticket looking like several problems is one (the hand-over journals it, naming the agent);
`ctrl+g` takes the category the description points to. Both are priority bindings, like ctrl+s, so they work from
whichever field has the cursor, and the footer offers them only while they apply.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input

from app.domain.models import Ticket
from app.i18n import t
from app.usecases import Desk
from widgets.category_check import CategoryHint
from widgets.one_problem import OneProblem


def handover_bindings(prefix: str) -> list[BindingType]:
    return [
        Binding("ctrl+o", "one_problem", "It is one problem", priority=True, id=f"{prefix}.one_problem"),
        Binding("ctrl+g", "take_category", "Take the suggested category", priority=True,
                id=f"{prefix}.take_category"),
    ]


class HandoverScreen(Screen[Ticket | None]):
    """A screen that hands a ticket over: it holds one OneProblem, one CategoryHint and the category field."""

    CATEGORY_FIELD: ClassVar[str]  # the selector of the category's Input
    desk: Desk

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "one_problem":
            return any(choice.needed for choice in self.query(OneProblem))
        if action == "take_category":
            return any(hint.suggested is not None for hint in self.query(CategoryHint))
        return True

    def action_one_problem(self) -> None:
        """R-TICKET-4: the agent states that the ticket is one problem (or takes that back)."""
        self.query_one(OneProblem).toggle()
        self.choice_changed()

    def choice_changed(self) -> None:
        """After ctrl+o or ctrl+g: a screen that keeps a draft or a problem line brings it up to date."""

    def action_take_category(self) -> None:
        suggested = self.query_one(CategoryHint).suggested
        if suggested is not None:
            self.query_one(self.CATEGORY_FIELD, Input).value = suggested
            self.choice_changed()

    def check_category(self, subject: str, description: str) -> None:
        """R-DISPATCH-5: the category the description points to, live, as the category is typed."""
        category = self.query_one(self.CATEGORY_FIELD, Input).value
        self.query_one(CategoryHint).show(self.desk.category_pointed_to(f"{subject}\n{description}", category),
                                          category)
        self.refresh_bindings()

    def category_unconfirmed(self, typed: str) -> str | None:
        """R-DISPATCH-5: why this send only warns (a category the description disagrees with, sent for the first
        time), the cursor then on the category; None when it may go. The next send with the same category goes."""
        hint = self.query_one(CategoryHint)
        if not hint.needs_confirmation(typed):
            return None
        self.query_one(self.CATEGORY_FIELD, Input).focus()
        return t("Check the category: the description points to {suggested}. ctrl+s again keeps {category}; ctrl+g "
                 "takes {suggested}.", suggested=hint.suggested or "", category=typed.strip() or t("nothing"))

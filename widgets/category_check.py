"""R-DISPATCH-5 at a hand-over: the description beside the category, and the category its words point to.

The hint under the category asks for a deliberate confirmation, the keyboard's quickest kind: `ctrl+g` takes the
suggestion, or a first `ctrl+s` with the category as it is only warns (and puts the cursor on the category), and a
second `ctrl+s` with that same category sends it. No dialog to dismiss, and nothing typed is lost either way.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from app.domain.categories import same_category
from app.i18n import t
from widgets.outside_text import literal

EXCERPT_LINES = 3
EXCERPT_CHARS = 110


def description_excerpt(subject: str, description: str) -> Text:
    """The ticket's own words, the first few lines of them, shown literally above its category."""
    lines = [line.strip() for line in (description or subject).splitlines() if line.strip()] or [subject]
    shown = [line if len(line) <= EXCERPT_CHARS else line[: EXCERPT_CHARS - 1] + "…" for line in lines[:EXCERPT_LINES]]
    if len(lines) > EXCERPT_LINES:
        shown[-1] += " …"
    text = Text(t("Description") + ": ", style="bold")
    for number, line in enumerate(shown):
        if number:
            text.append("\n  ")
        text.append_text(literal(line))
    return text


class CategoryHint(Static):
    """The category the description points to, when it is not the one entered; empty (and hidden) otherwise."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="category-hint")
        self.suggested: str | None = None
        self.warned: str | None = None  # the category a first ctrl+s warned about: a second one confirms it
        self.display = False

    def show(self, suggested: str | None, category: str) -> None:
        """The suggestion for `category` as it is typed now (None: the description agrees or points nowhere)."""
        self.suggested = suggested
        if suggested is None:
            self.update("")
            self.display = False
            return
        said = category.strip() or t("nothing")
        text = literal(t("The description points to {suggested}: the category says {category}.",
                         suggested=suggested, category=said), style="yellow")
        text.append_text(literal(" " + t("ctrl+g takes {suggested}; ctrl+s twice keeps {category}.",
                                         suggested=suggested, category=said), style="dim"))
        self.update(text)
        self.display = True

    def needs_confirmation(self, category: str) -> bool:
        """True when sending now would keep a category the description disagrees with for the first time: the
        warning then stays on screen and the next send with this same category goes through."""
        if self.suggested is None:
            return False
        if self.warned is not None and same_category(self.warned, category):
            return False
        self.warned = category
        return True

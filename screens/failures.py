"""How a screen tells the agent that a backend call failed: one place, literal text, the server named.

An error's message is outside text: a server's problem document says what it likes, ESC and markup included.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from textual.screen import Screen
from textual.widgets import Static

from app.domain.errors import RuleViolation
from app.errors import Conflict, HelplineError
from app.i18n import t
from widgets.outside_text import literal_lines, tell

T = TypeVar("T")


def report_failure(screen: Screen[Any], error: RuleViolation | HelplineError, server: str,
                   reload_key: str | None = None) -> None:
    """A refusal by rule names the rule; any other failure names the server. What was typed stays put.

    A stale write (409) is refused again however often it is repeated: with `reload_key`, the screen's key
    that reloads in place is named, so the way on is on screen and not only in the manual."""
    if isinstance(error, RuleViolation):
        tell(screen, f"{error.message} ({error.rule})", severity="warning", timeout=10)
        return
    message = f"{server}: {error.message}"
    if isinstance(error, Conflict) and reload_key:
        message += "\n" + t("Press {key} to reload it here; anything you typed is kept as a draft.", key=reload_key)
    tell(screen, message, severity="error", timeout=10)


async def attempt(screen: Screen[Any], call: Awaitable[T], server: str, problem: Static) -> T | None:
    """Await a backend call from a form: a refusal is shown at the form's problem line, any other
    failure names the server; None then, and everything typed stays in the form."""
    try:
        return await call
    except RuleViolation as error:
        problem.update(literal_lines(f"{error.message} ({error.rule})"))
        problem.display = True
    except HelplineError as error:
        report_failure(screen, error, server)
    return None


def reports_failures(action: Callable[..., Awaitable[None]]) -> Callable[..., Awaitable[None]]:
    """A screen action whose checks ask the backend's rules first (a ticket in a queue no team of this desk
    owns, a refusal): the failure is told as `report_failure` tells it, never a traceback. Put it under
    `@work`; the screen has `desk`."""

    @functools.wraps(action)
    async def guarded(screen: Any, *args: Any, **kwargs: Any) -> None:
        try:
            await action(screen, *args, **kwargs)
        except (RuleViolation, HelplineError) as error:
            report_failure(screen, error, screen.desk.client.server)

    return guarded

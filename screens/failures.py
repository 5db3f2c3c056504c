"""How a screen tells the agent that a backend call failed: one place, literal text, the server named."""

from __future__ import annotations

from textual.screen import Screen

from app.domain.errors import RuleViolation
from app.errors import HelplineError


def report_failure(screen: Screen[object], error: RuleViolation | HelplineError, server: str) -> None:
    """A refusal by rule names the rule; any other failure names the server. What was typed stays put."""
    if isinstance(error, RuleViolation):
        screen.notify(f"{error.message} ({error.rule})", severity="warning", markup=False, timeout=10)
    else:
        screen.notify(f"{server}: {error.message}", severity="error", markup=False, timeout=10)

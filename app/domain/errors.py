"""The one exception the rulebook raises."""

from __future__ import annotations


class RuleViolation(Exception):
    """An action the rulebook forbids. `rule` is the id from docs/rules.md (e.g. "R-DISPATCH-1")."""

    def __init__(self, rule: str, message: str, field: str | None = None) -> None:
        super().__init__(f"{message} ({rule})")
        self.rule = rule
        self.message = message
        self.field = field

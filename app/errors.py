"""Typed errors shared by the adapters and the client; each maps to one problem type of the API.

The API answers errors as RFC 9457 problem documents; the client turns them back into these
classes, so a caller never knows which adapter (or which process) refused.
"""

from __future__ import annotations

from typing import ClassVar

from app.domain.errors import RuleViolation


class HelplineError(Exception):
    """Base class. `problem_type` is the stable name in the API's problem documents."""

    problem_type: ClassVar[str] = "error"
    status: ClassVar[int] = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(HelplineError):
    problem_type = "not-found"
    status = 404


class PreconditionRequired(HelplineError):
    """A write that must say which version of the ticket it was made from, sent without If-Match."""

    problem_type = "precondition-required"
    status = 428


class Conflict(HelplineError):
    """A stale write: the ticket changed since the caller read it."""

    problem_type = "conflict"
    status = 409


class Invalid(HelplineError):
    """A request that is malformed (wrong types, missing fields, unknown values)."""

    problem_type = "invalid"
    status = 400

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class Unauthorized(HelplineError):
    problem_type = "unauthorized"
    status = 401


class Forbidden(HelplineError):
    problem_type = "forbidden"
    status = 403


class ReadOnly(HelplineError):
    """The store is open read-only (a way forward when its folder cannot be written)."""

    problem_type = "read-only"
    status = 403


class Unavailable(HelplineError):
    """The backend cannot be reached or is not answering; `server` names it for the user."""

    problem_type = "unavailable"
    status = 503

    def __init__(self, message: str, server: str = "") -> None:
        super().__init__(message)
        self.server = server


class StoreDamaged(HelplineError):
    """A store file that does not parse or validate. It is reported, never overwritten."""

    problem_type = "store-damaged"
    status = 500

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class Refused(RuleViolation, HelplineError):
    """The rulebook forbids it; `rule` is the R- id. Raised by the client for an adapter's refusal."""

    problem_type = "rule"
    status = 422

    def __init__(self, rule: str, message: str, field: str | None = None) -> None:
        RuleViolation.__init__(self, rule, message, field)
        self.message = message


PROBLEM_TYPES: dict[str, type[HelplineError]] = {
    cls.problem_type: cls
    for cls in (NotFound, Conflict, PreconditionRequired, Invalid, Unauthorized, Forbidden, ReadOnly, Unavailable,
                StoreDamaged, Refused)
}

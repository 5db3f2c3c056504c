"""Messages sent to the end user on the desk's behalf (R-STATUS-4, R-JOURNAL-5, 001 2c)."""

from __future__ import annotations

from app.i18n import t


def dear_user(solution: str, code: str) -> str:
    """R-STATUS-4: the solution text inside the "Dear user" template."""
    return t(
        "Dear user,\n\nyour case {code} has been resolved:\n\n{solution}\n\n"
        "If the problem is not solved, answer this message within 30 days and we will reopen "
        "the case.\n\nKind regards,\nthe Service Desk",
        code=code,
        solution=solution.strip(),
    )


def moved_to_team(team_name: str, code: str) -> str:
    """001 2c: the user is told which team now holds the ticket."""
    return t(
        "Dear user,\n\nyour case {code} has been passed on to {team}, who will continue the work. "
        "You will hear from us.\n\nKind regards,\nthe Service Desk",
        code=code,
        team=team_name,
    )


def redirect_to_portal() -> str:
    """R-JOURNAL-5: the answer to a message that reached an agent personally."""
    return t(
        "Dear user,\n\nthank you for your message. So that your case is not lost when I am away, "
        "please send it through the support portal or to the Service Desk address; it will then "
        "be registered and handled by the team.\n\nKind regards,\nthe Service Desk"
    )

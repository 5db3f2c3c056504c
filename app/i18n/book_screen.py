"""The screen's own words (issue 19: one-line header, Helpline's `?`, the new-ticket form's priority)."""

from __future__ import annotations

DA: dict[str, str] = {
    "Unassigned": "Ufordelte",
    "Overdue: mine {mine}, team {team}": "Forfaldne: mine {mine}, team {team}",
}

SV: dict[str, str] = {
    "Unassigned": "Ofördelade",
    "Overdue: mine {mine}, team {team}": "Förfallna: mina {mine}, team {team}",
}

NL: dict[str, str] = {
    "Unassigned": "Niet toegewezen",
    "Overdue: mine {mine}, team {team}": "Te laat: van mij {mine}, team {team}",
}

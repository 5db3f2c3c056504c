"""Finding 5 (follow-up and triage): office hours were evaluated in a hard-coded Europe/Copenhagen zone,
mentioned nowhere, and directory changes were read only at start. Each team's hours now carry its time zone
(default: the desk's, else the machine's), running sessions pick directory changes up on refresh, and the
dispatch screen says when a closed team opens (R-TEAM-3)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError
from textual.widgets import OptionList

from app.backends.local_store import LocalStore
from app.client import HelplineClient
from app.config import Settings
from app.domain.advisory import is_open, next_opening
from app.domain.models import OfficeHours, Team
from app.domain.tickets import NewTicket
from app.errors import StoreDamaged
from app.tui import HelplineApp
from screens.dispatch import DispatchScreen
from screens.queue import QueueScreen
from tests.domain.factories import infra
from tests.pilot_helpers import open_from_journal, settle

WEDNESDAY_14_UTC = datetime(2026, 11, 18, 14, 0, tzinfo=UTC)


def _in(zone: str) -> Team:
    return infra().model_copy(update={"office_hours": OfficeHours(opens=time(8), closes=time(16), time_zone=zone)})


def test_hours_are_kept_in_the_teams_own_zone() -> None:
    assert is_open(_in("America/New_York"), WEDNESDAY_14_UTC), "09:00 in New York"
    assert not is_open(_in("Asia/Tokyo"), WEDNESDAY_14_UTC), "23:00 in Tokyo"
    opening = next_opening(_in("Asia/Tokyo"), WEDNESDAY_14_UTC)
    assert opening is not None and (opening.weekday(), opening.hour) == (3, 8) and str(opening.tzinfo) == "Asia/Tokyo"
    with pytest.raises(ValidationError, match="unknown time zone"):
        OfficeHours(time_zone="Mars/Olympus_Mons")


def test_the_desks_zone_is_every_teams_without_one_and_a_bad_one_is_named(store_dir: Path,
                                                                           client: HelplineClient) -> None:
    path = store_dir / "directory.json"
    data = json.loads(path.read_text())
    for team in data["teams"]:  # the demo's teams name their zone: here they leave it to the desk
        team["office_hours"]["time_zone"] = None
    data["time_zone"] = "Europe/Amsterdam"
    path.write_text(json.dumps(data))
    teams = LocalStore(store_dir).teams()
    assert {team.office_hours.time_zone for team in teams.values()} == {"Europe/Amsterdam"}
    data["time_zone"] = "Atlantis/Capital"
    path.write_text(json.dumps(data))
    with pytest.raises(StoreDamaged, match="Atlantis"):
        LocalStore(store_dir).teams()


async def test_a_running_session_picks_up_new_hours_and_says_when_a_closed_team_opens(
        store_dir: Path, client: HelplineClient) -> None:
    ticket = await client.create(NewTicket(subject="Printer on floor 2 jams on every job", requester="Eva Holm",
                                           category="Printing"))
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        store = LocalStore(store_dir)  # the directory edited while the session runs
        tomorrow = (datetime.now(UTC) + timedelta(days=1)).weekday()
        teams = [team.model_copy(update={"office_hours": OfficeHours(weekdays=[tomorrow], time_zone="UTC")})
                 if team.id == "infrastructure" else team for team in store.teams().values()]
        store.save_directory(teams, list(store.agents().values()))
        await pilot.press("r")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
        assert app.screen.desk.teams["infrastructure"].office_hours.weekdays == [tomorrow], "read again on refresh"
        screen = await open_from_journal(app, pilot, ticket.code, "d", DispatchScreen)
        options = screen.query_one(OptionList)
        line = next(str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
                    if options.get_option_at_index(i).id == "infrastructure")
        day = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[tomorrow]
        assert "closed now" in line and f"opens {day} 08:00 (UTC)" in line, line

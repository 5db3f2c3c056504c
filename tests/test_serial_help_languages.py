"""Field e's serial-number help in each language names the menus as that language's OS shows them (issue 19)."""

from __future__ import annotations

import pytest

from app.client import HelplineClient
from app.config import Settings
from app.i18n import set_language
from app.tui import HelplineApp
from tests.pilot_helpers import settle
from tests.test_escalation_form_screen import open_form, printer_incident
from widgets.serial_help import SERIAL_NUMBER_HELP, SerialHelp

# The form's own labels g and h as the agent reads them (for sv, the corrections of issue 19).
LABELS_G_H: dict[str, tuple[str, str]] = {
    "da": ("g) Hvor akut er det for brugeren?", "h) Vedhæftede filer"),
    "sv": ("g) Hur brådskande är det för användaren?", "h) Bilagor"),
    "nl": ("g) Hoe dringend is het voor de gebruiker?", "h) Bijlagen"),
}

# The OS's own menu names in each language (macOS "About This Mac", Windows Settings > System > About).
MENUS: dict[str, tuple[str, str]] = {
    "en": ("About This Mac", "Settings → System → About"),
    "da": ("Om denne Mac", "Indstillinger → System → Om"),
    "sv": ("Om den här datorn", "Inställningar → System → Om"),
    "nl": ("Over deze Mac", "Instellingen → Systeem → Info"),
}


def test_every_language_has_its_own_serial_help() -> None:
    assert set(SERIAL_NUMBER_HELP) == set(MENUS)
    for language, (mac, windows) in MENUS.items():
        text = " ".join(how for _, how in SERIAL_NUMBER_HELP[language])
        assert mac in text and windows in text, language
        if language != "en":
            assert "About This Mac" not in text, language


@pytest.mark.parametrize("language", ["da", "sv", "nl"])
async def test_f1_in_the_escalation_form_shows_the_menus_in_the_agents_language(
        client: HelplineClient, language: str) -> None:
    ticket = await printer_incident(client)
    set_language(language)  # as app/cli.py does from settings.language; tests/conftest.py resets it
    app = HelplineApp(Settings(language=language), client=client)  # type: ignore[arg-type]
    async with app.run_test(size=(120, 50)) as pilot:
        form = await open_form(app, pilot, ticket.code)
        await pilot.press("f1")
        await settle(app, pilot)
        help_panel = form.query_one(SerialHelp)
        assert not help_panel.has_class("hidden")
        shown = str(help_panel.render())
        mac, windows = MENUS[language]
        assert mac in shown and windows in shown
        assert "About This Mac" not in shown
        letters = [str(label.render()) for label in form.query(".letter")]
        assert set(LABELS_G_H[language]) <= set(letters), letters

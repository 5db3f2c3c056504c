"""Field e's help panel: where a user finds the serial number of the device (000 e; R-ESC-1).

Each language has its own text, not a translation through `t()`: the steps name the menus as the
user's operating system shows them in that language ("Om den här datorn", not "About This Mac").
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from app.i18n import get_language, t

# Read to the user over the phone, so each line is one thing to do on their own device.
SERIAL_NUMBER_HELP: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        ("macOS", "Apple menu → About This Mac: the serial number is listed there (or System Settings → "
                  "General → About)."),
        ("iOS / iPadOS", "Settings → General → About: Serial Number (touch and hold to copy it)."),
        ("Windows", "Settings → System → About, or Start → type cmd → run: wmic bios get serialnumber "
                    "(PowerShell: Get-CimInstance Win32_BIOS | Select SerialNumber); it is also on the "
                    "sticker under the laptop."),
        ("Printers and other devices", "the sticker on the back or underneath, often next to \"S/N\"."),
    ),
    "da": (
        ("macOS", "Apple-menuen → Om denne Mac: serienummeret står der (eller Systemindstillinger → "
                  "Generelt → Om)."),
        ("iOS / iPadOS", "Indstillinger → Generelt → Om: Serienummer (hold fingeren på det for at kopiere)."),
        ("Windows", "Indstillinger → System → Om, eller Start → skriv cmd → kør: wmic bios get serialnumber "
                    "(PowerShell: Get-CimInstance Win32_BIOS | Select SerialNumber); det står også på "
                    "mærkaten under den bærbare."),
        ("Printere og andre enheder", "mærkaten bagpå eller under enheden, ofte ved \"S/N\"."),
    ),
    "sv": (
        ("macOS", "Apple-menyn → Om den här datorn: serienumret står där (eller Systeminställningar → "
                  "Allmänt → Om)."),
        ("iOS / iPadOS", "Inställningar → Allmänt → Om: Serienummer (håll fingret på det för att kopiera)."),
        ("Windows", "Inställningar → System → Om, eller Start → skriv cmd → kör: wmic bios get serialnumber "
                    "(PowerShell: Get-CimInstance Win32_BIOS | Select SerialNumber); det står också på "
                    "etiketten under den bärbara datorn."),
        ("Skrivare och andra enheter", "etiketten på baksidan eller undersidan, ofta vid \"S/N\"."),
    ),
    "nl": (
        ("macOS", "Apple-menu → Over deze Mac: daar staat het serienummer (of Systeeminstellingen → "
                  "Algemeen → Info)."),
        ("iOS / iPadOS", "Instellingen → Algemeen → Info: Serienummer (houd het vast om te kopiëren)."),
        ("Windows", "Instellingen → Systeem → Info, of Start → typ cmd → voer uit: wmic bios get serialnumber "
                    "(PowerShell: Get-CimInstance Win32_BIOS | Select SerialNumber); het staat ook op de "
                    "sticker onder de laptop."),
        ("Printers en andere apparaten", "de sticker op de achterkant of onderkant, vaak bij \"S/N\"."),
    ),
}


class SerialHelp(Static):
    DEFAULT_CSS = """
    SerialHelp { height: auto; padding: 0 2; background: $boost; color: $text; }
    """

    def on_mount(self) -> None:
        text = Text(t("How to find the serial number") + "\n", style="bold")
        steps = SERIAL_NUMBER_HELP.get(get_language(), SERIAL_NUMBER_HELP["en"])
        for system, how in steps:
            text.append(f"{system}: ", style="bold")
            text.append(how + "\n")
        self.update(text)

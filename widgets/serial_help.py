"""Field e's help panel: where a user finds the serial number of the device (000 e; R-ESC-1)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from app.i18n import t

# Read to the user over the phone, so each line is one thing to do on their own device.
SERIAL_NUMBER_HELP = (
    ("macOS", "Apple menu → About This Mac: the serial number is listed there (or System Settings → General → "
              "About)."),
    ("iOS / iPadOS", "Settings → General → About: Serial Number (touch and hold to copy it)."),
    ("Windows", "Start → type cmd → run: wmic bios get serialnumber (or PowerShell: "
                "Get-CimInstance Win32_BIOS | Select SerialNumber); it is also on the sticker under the laptop."),
    ("Printers and other devices", "the sticker on the back or underneath, often next to \"S/N\"."),
)


class SerialHelp(Static):
    DEFAULT_CSS = """
    SerialHelp { height: auto; padding: 0 2; background: $boost; color: $text; }
    """

    def on_mount(self) -> None:
        text = Text(t("How to find the serial number") + "\n", style="bold")
        for system, how in SERIAL_NUMBER_HELP:
            text.append(f"{system}: ", style="bold")
            text.append(t(how) + "\n")
        self.update(text)

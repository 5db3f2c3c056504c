"""The journal's attachments (issue 19): pick one from the list (name and size), then open it with the system's
opener (saved to a private temporary folder first) or save it to a folder of the agent's choosing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.config import Settings
from app.domain.models import Attachment, Ticket
from app.errors import HelplineError
from app.i18n import t
from app.usecases import default_download_folder
from screens.choose import Choose
from screens.failures import report_failure
from screens.folder_prompt import FolderPrompt
from widgets.attachment_picker import human_size
from widgets.outside_text import tell

if TYPE_CHECKING:
    from screens.journal import JournalScreen


def described(attachment: Attachment) -> str:
    return f"{attachment.name}  {human_size(attachment.size)}  ({attachment.added_by}, {attachment.added:%Y-%m-%d})"


def _settings(screen: JournalScreen) -> Settings | None:
    settings = getattr(screen.app, "settings", None)
    return settings if isinstance(settings, Settings) else None


async def pick_and_use(screen: JournalScreen) -> None:
    ticket = screen.ticket
    if ticket is None:
        return
    if not ticket.attachments:
        tell(screen, t("{code} has no attachments.", code=ticket.code))
        return
    chosen = await screen.app.push_screen_wait(Choose(
        t("Attachments of {code}", code=ticket.code), [(described(a), a) for a in reversed(ticket.attachments)]))
    if chosen is None:
        return
    how = await screen.app.push_screen_wait(Choose(chosen.name, [(t("Open it"), "open"),
                                                                 (t("Save it to a folder"), "save")]))
    if how == "open":
        await _open(screen, ticket, chosen)
    elif how == "save":
        settings = _settings(screen)
        folder = await screen.app.push_screen_wait(FolderPrompt(
            t("Save {name} in which folder?", name=chosen.name),
            default_download_folder(settings.download_folder if settings else None)))
        if folder is not None:
            await _save(screen, ticket, chosen, folder)


async def _open(screen: JournalScreen, ticket: Ticket, attachment: Attachment) -> None:
    settings = _settings(screen)
    try:
        path, problem = await screen.desk.open_attachment(ticket, attachment, settings.opener if settings else None)
    except HelplineError as error:
        report_failure(screen, error, screen.desk.client.server)
        return
    if problem:
        tell(screen, problem, severity="warning", timeout=15)
    else:
        tell(screen, t("Opened {name} (a private copy: {path})", name=attachment.name, path=str(path)))


async def _save(screen: JournalScreen, ticket: Ticket, attachment: Attachment, folder: Path) -> None:
    try:
        path = await screen.desk.save_attachment(ticket, attachment, folder)
    except HelplineError as error:
        report_failure(screen, error, screen.desk.client.server)
        return
    tell(screen, t("Saved {name} as {path}", name=attachment.name, path=str(path)))

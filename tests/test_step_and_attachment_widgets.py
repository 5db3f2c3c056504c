"""Escalation form fields d (troubleshooting steps) and h (attachments) driven by keys (000 d/h; R-ESC-1)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input

from app.domain.escalation_form import AttachmentRef
from widgets.attachment_picker import AttachmentPicker, PathSuggester
from widgets.step_list import StepList


class StepHarness(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[list[str]] = []

    def compose(self) -> ComposeResult:
        yield StepList(["Restarted the laptop"])

    def on_step_list_changed(self, message: StepList.Changed) -> None:
        self.seen.append(message.steps)


class PickerHarness(App[None]):
    def __init__(self, max_bytes: int = 1000) -> None:
        super().__init__()
        self.max_bytes = max_bytes
        self.seen: list[list[AttachmentRef]] = []

    def compose(self) -> ComposeResult:
        yield AttachmentPicker(max_bytes=self.max_bytes)

    def on_attachment_picker_changed(self, message: AttachmentPicker.Changed) -> None:
        self.seen.append(message.attachments)


async def test_steps_are_added_edited_removed_and_reordered_by_keys() -> None:
    app = StepHarness()
    async with app.run_test() as pilot:
        steps = app.query_one(StepList)
        app.query_one("#step-input", Input).focus()
        await pilot.press(*"Cleared the [bold]cache[/]", "enter", " ", "enter", *"Reinstalled the driver", "enter")
        await pilot.pause()
        assert steps.steps == ["Restarted the laptop", "Cleared the [bold]cache[/]", "Reinstalled the driver"]
        assert app.seen[-1] == steps.steps, "every change is announced, for the draft"
        app.query_one("#step-options").focus()
        await pilot.press("end", "K", "K")  # the last step goes to the top
        await pilot.pause()
        assert steps.steps[0] == "Reinstalled the driver"
        await pilot.press("ctrl+down")
        await pilot.pause()
        assert steps.steps[:2] == ["Restarted the laptop", "Reinstalled the driver"]
        await pilot.press("e")
        await pilot.pause()
        box = app.query_one("#step-input", Input)
        assert box.has_focus and box.value == "Reinstalled the driver"
        box.value = ""
        await pilot.press(*"Reinstalled the printer driver", "enter")
        await pilot.pause()
        assert steps.steps[1] == "Reinstalled the printer driver" and len(steps.steps) == 3
        app.query_one("#step-options").focus()
        await pilot.press("home", "x")
        await pilot.pause()
        assert steps.steps == ["Reinstalled the printer driver", "Cleared the [bold]cache[/]"]


async def test_the_path_suggester_completes_files_and_folders(tmp_path: Path) -> None:
    (tmp_path / "photos").mkdir()
    (tmp_path / "printer.log").write_text("jam")
    (tmp_path / ".hidden").write_text("x")
    suggest = PathSuggester()
    assert await suggest.get_suggestion(f"{tmp_path}/pho") == f"{tmp_path}/photos/"
    assert await suggest.get_suggestion(f"{tmp_path}/pri") == f"{tmp_path}/printer.log"
    assert await suggest.get_suggestion(f"{tmp_path}/zzz") is None
    assert await suggest.get_suggestion(f"{tmp_path}/") in (f"{tmp_path}/photos/", f"{tmp_path}/printer.log")
    assert await suggest.get_suggestion(f"{tmp_path}/.h") == f"{tmp_path}/.hidden"
    assert await suggest.get_suggestion(f"{tmp_path}/nope/x") is None


async def test_files_are_checked_when_added_and_the_typed_path_is_kept(tmp_path: Path) -> None:
    small = tmp_path / "jam.jpg"
    small.write_bytes(b"0123456789")
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * 11)
    app = PickerHarness(max_bytes=10)
    async with app.run_test() as pilot:
        picker = app.query_one(AttachmentPicker)
        box = app.query_one("#attachment-path", Input)
        box.focus()
        for typed, reason in ((f"{tmp_path}/missing.txt", "does not exist"), (str(tmp_path), "folder"),
                              (str(big), "the limit is 10 B")):
            box.value = typed  # typing every character of a long path is slow in a test; one is typed below
            await pilot.press("enter")
            await pilot.pause()
            assert reason in picker.problem() and box.value == typed
        box.value = ""
        await pilot.press(*str(small), "enter")
        await pilot.pause()
        assert picker.attachments == [AttachmentRef(path=str(small), size=10)] and box.value == ""
        assert picker.problem() == "" and app.seen[-1] == picker.attachments
        box.value = str(small)
        await pilot.press("enter")
        await pilot.pause()
        assert "attached already" in picker.problem() and len(picker.attachments) == 1
        app.query_one("#attachment-options").focus()
        await pilot.press("x")
        await pilot.pause()
        assert picker.attachments == [] and app.seen[-1] == []


async def test_an_unreadable_file_is_refused_with_the_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    secret = tmp_path / "locked.pdf"
    secret.write_bytes(b"pdf")
    secret.chmod(0)
    if os.geteuid() == 0:  # root reads any file: make this one refuse as it would for an agent
        opener = Path.open

        def refusing(self: Path, *args: object, **kwargs: object) -> object:
            if self == secret:
                raise PermissionError(13, "Permission denied")
            return opener(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Path, "open", refusing)
    app = PickerHarness()
    async with app.run_test() as pilot:
        box = app.query_one("#attachment-path", Input)
        box.focus()
        box.value = str(secret)
        await pilot.press("enter")
        await pilot.pause()
        assert "cannot be read" in app.query_one(AttachmentPicker).problem()

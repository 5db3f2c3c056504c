"""The README shows the queue, a journal, the escalation form and dispatch (issue 19): each picture is a
snapshot test's SVG, so a renamed or removed snapshot breaks the README here, not on a newcomer's screen."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
PICTURE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<path>[^)\s]+)\)")


def _pictures() -> dict[str, Path]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return {match["alt"]: ROOT / unquote(match["path"]) for match in PICTURE.finditer(readme)}


def test_the_readme_pictures_the_four_main_screens() -> None:
    assert set(_pictures()) >= {"The queue", "A journal", "The escalation form", "Dispatch"}


def test_every_readme_picture_is_a_snapshot_svg_in_the_repository() -> None:
    for alt, path in _pictures().items():
        assert path.is_file(), f"README picture {alt!r}: no file {path.relative_to(ROOT)}"
        assert path.suffix == ".svg" and path.read_text(encoding="utf-8").lstrip().startswith("<svg"), alt

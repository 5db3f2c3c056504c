"""A desk's own wording of its letters (R-MAIL-1): `letters/<language>/<name>.txt` in the local store, checked
when the store is opened (app/domain/templates.py says the format). A file that is not a letter, is not UTF-8
or has a placeholder the letter does not have is refused, naming the file and the line. Core code: no Textual.
"""

from __future__ import annotations

from pathlib import Path

from app.backends.store_files import StoreFiles
from app.domain.templates import LETTER_LANGUAGES, PLACEHOLDERS, DeskLetters, TemplateError, check_template
from app.errors import StoreDamaged
from app.i18n import t

LETTERS_FOLDER = "letters"


def desk_letters(files: StoreFiles, root: Path, language: str | None) -> DeskLetters:
    folder = root / LETTERS_FOLDER
    own: dict[str, dict[str, str]] = {}
    if not files.check_folder(folder):
        return DeskLetters(language)
    for code in LETTER_LANGUAGES:
        sub = folder / code
        if not files.check_folder(sub):
            continue
        names = {f"{name}.txt": name for name in PLACEHOLDERS}
        for path in sorted(sub.iterdir()):
            if path.name.startswith("."):
                continue
            if path.name not in names:
                raise StoreDamaged(str(path), t("not a letter of Helpline (they are: {names})",
                                                names=", ".join(sorted(names))))
            try:
                text = files.read(path, folders_checked=True).decode("utf-8")
            except UnicodeDecodeError as exc:
                raise StoreDamaged(str(path), t("not UTF-8 text (byte {n})", n=exc.start)) from exc
            try:
                own.setdefault(code, {})[names[path.name]] = check_template(names[path.name], text, str(path))
            except TemplateError as exc:
                raise StoreDamaged(str(path), t("line {line}: {reason}", line=exc.line, reason=exc.reason)) from exc
    return DeskLetters(language, own)

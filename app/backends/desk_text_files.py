"""A desk's own canned answers and macros (issue 19), files of the local store laid out like its letters
(app/backends/letter_files.py): `snippets/<language>/<name>.txt` (app/domain/snippets.py says the format) and
`macros/<name>.toml` (app/domain/macros.py). Unlike a letter, a broken file does not stop the store: it is left
out and named with its line in `problems`, for the workstation to say, and the other files still load. The
files are only read, never written. Core code: no Textual.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from app.backends.store_files import StoreFiles
from app.domain.desk_texts import DeskTexts
from app.domain.macros import Macro, MacroError, check_macro, toml_error
from app.domain.snippets import SNIPPET_LANGUAGES
from app.errors import StoreDamaged
from app.i18n import t

SNIPPETS_FOLDER = "snippets"
MACROS_FOLDER = "macros"
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-")


def _text(files: StoreFiles, path: Path) -> str:
    raw = files.read(path, folders_checked=True)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StoreDamaged(str(path), t("not UTF-8 text (byte {n})", n=exc.start)) from exc


def _files(files: StoreFiles, folder: Path, suffix: str, texts: DeskTexts) -> list[tuple[str, Path]]:
    """The (name, path) of each `*suffix` file in `folder`; others are named as problems."""
    found: list[tuple[str, Path]] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        name = path.name.removesuffix(suffix)
        if not path.name.endswith(suffix) or not name or not set(name.lower()) <= _NAME_CHARS:
            texts.problems.append(t("{path}: not a {suffix} file with a name of letters, digits, - and _; "
                                    "left out", path=str(path), suffix=suffix))
            continue
        found.append((name, path))
    return found


def desk_texts(files: StoreFiles, root: Path) -> DeskTexts:
    texts = DeskTexts()
    _load_snippets(files, root / SNIPPETS_FOLDER, texts)
    _load_macros(files, root / MACROS_FOLDER, texts)
    return texts


def _load_snippets(files: StoreFiles, folder: Path, texts: DeskTexts) -> None:
    try:
        if not files.check_folder(folder):
            return
        for code in SNIPPET_LANGUAGES:
            sub = folder / code
            if not files.check_folder(sub):
                continue
            for name, path in _files(files, sub, ".txt", texts):
                try:
                    texts.own_snippets.setdefault(code, {})[name.lower()] = _text(files, path)
                except (StoreDamaged, OSError) as exc:
                    texts.problems.append(_unread(path, exc))
    except (StoreDamaged, OSError) as exc:
        texts.problems.append(_unread(folder, exc))


def _unread(where: Path, exc: StoreDamaged | OSError) -> str:
    """Why a desk file or folder was left out, for the warning at start."""
    return exc.message if isinstance(exc, StoreDamaged) else f"{where}: {exc.strerror or exc}"


def _load_macros(files: StoreFiles, folder: Path, texts: DeskTexts) -> None:
    own: dict[str, Macro] = {}
    try:
        if not files.check_folder(folder):
            return
        for name, path in _files(files, folder, ".toml", texts):
            try:
                text = _text(files, path)
                try:
                    data = tomllib.loads(text)
                except tomllib.TOMLDecodeError as exc:
                    raise toml_error(exc) from exc
                own[name.lower()] = check_macro(name.lower(), text, data)
            except MacroError as exc:
                texts.problems.append(t("{path}, line {line}: {reason}; left out", path=str(path), line=exc.line,
                                        reason=exc.reason))
            except (StoreDamaged, OSError) as exc:
                texts.problems.append(_unread(path, exc))
    except (StoreDamaged, OSError) as exc:
        texts.problems.append(_unread(folder, exc))
    finally:
        by_name = {macro.name: macro for macro in texts.macros} | own
        texts.macros = sorted(by_name.values(), key=lambda macro: macro.title.casefold())

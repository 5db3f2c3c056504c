"""What the `helpline` command reads from its arguments and writes for a terminal, made safe.

Arguments are checked before any work is done (numbers with bounds, names a header can carry, URLs), and
output that may hold outside text is written so a terminal shows it and never obeys it.
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from collections.abc import Callable

from app.config import is_sendable_username, url_problem
from app.i18n import t
from app.plain_text import printable


def shown(text: str, limit: int = 40) -> str:
    """A value from the command line as a message may quote it: visible and not endless."""
    return printable(text if len(text) <= limit else text[:limit] + "…")


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high`, checked before any work is done."""

    def parse(text: str) -> int:
        # ASCII digits only: int() also reads other scripts' digits and "1_000", and a very long number
        # would be converted before it could be refused.
        digits = text.strip()
        if re.fullmatch(r"[0-9]{1,12}", digits) and low <= int(digits) <= high:
            return int(digits)
        raise argparse.ArgumentTypeError(t("{value} is not a whole number from {low} to {high}",
                                           value=shown(text), low=low, high=high))

    return parse


def user_name(text: str) -> str:
    if is_sendable_username(text):
        return text
    raise argparse.ArgumentTypeError(t("{value} is not a user name (1 to 64 printable ASCII characters, "
                                       "no spaces)", value=shown(text)))


def url_argument(text: str) -> str:
    problem = url_problem(text)
    if problem:  # the URL itself is not quoted: it may hold a password
        raise argparse.ArgumentTypeError(problem)
    return text


# JSON escapes C0 controls itself but leaves these as they are, and a terminal obeys or hides them: C1 controls
# (0x9b is CSI to some terminals), bidi and zero-width format characters, line and paragraph separators, and
# lone surrogates (bytes of a file name that were not UTF-8), which cannot even be written as UTF-8.
_NOT_ASCII = re.compile(r"[^\x00-\x7e]")
_HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def _json_escape(match: re.Match[str]) -> str:
    char = match.group()
    if unicodedata.category(char) not in _HIDDEN_CATEGORIES:
        return char
    code = ord(char)
    if code > 0xFFFF:  # JSON writes a character beyond the BMP as a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def json_for_terminal(document: str) -> str:
    """JSON as printed for a terminal or a script: the same document, with what a terminal would obey or hide
    written as \\u escapes. They can only stand inside strings, where an escape means the same character."""
    return _NOT_ASCII.sub(_json_escape, document)


def visible_argument(arg: str) -> str:
    """An argument that is not UTF-8, shown as what was typed: its undecodable bytes as \\xNN."""
    try:
        raw = arg.encode("utf-8", "surrogateescape")  # how Python decoded argv: bytes back as they came
    except UnicodeEncodeError:  # a lone surrogate that no byte stands for (possible on Windows)
        return ascii(arg)
    return printable(raw.decode("utf-8", "backslashreplace"))


def refuse_non_utf8(parser: argparse.ArgumentParser, argv: list[str]) -> None:
    # Python decodes argv with surrogateescape: such an argument cannot be printed, sent or stored, and every
    # later step would fail on it with an encoding error.
    for number, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            parser.error(t("argument {n} is not UTF-8 text: {arg}", n=number, arg=visible_argument(arg)))

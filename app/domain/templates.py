"""Letters sent to the end user on the desk's behalf (R-STATUS-4, R-JOURNAL-5, 001 2c, R-MAIL-1): in the desk's
language (en, da, sv, nl), signed by the team that sends them.

A desk words them its own way in files of its store, `letters/<language>/<name>.txt` (app/backends/
letter_files.py reads them): plain UTF-8 text with the placeholders below in braces, `{{` and `}}` for a brace
itself. A placeholder the letter does not have is refused when the file is loaded, naming the file and the
line; so is a letter that leaves out the one it must carry (a resolve letter without its solution).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from string import Formatter

from app.i18n import get_language

LETTER_LANGUAGES = ("en", "da", "sv", "nl")
# Each letter's placeholders, and the ones it must carry.
PLACEHOLDERS = {"resolved": {"code", "solution", "team"}, "passed_on": {"code", "to_team", "team"},
                "portal": {"team"}, "closed": {"code", "team"}}
REQUIRED = {"resolved": {"solution"}, "passed_on": {"to_team"}, "portal": set[str](), "closed": set[str]()}

BUILT_IN: dict[str, dict[str, str]] = {
    "en": {
        "closed": "Dear user,\n\nyour case {code} was resolved 30 days ago and is now closed. If the problem is "
                  "back, write to us and a new case will be opened for it.\n\nKind regards,\n{team}",
        "resolved": "Dear user,\n\nyour case {code} has been resolved:\n\n{solution}\n\nIf the problem is not "
                    "solved, answer this message within 30 days and we will reopen the case.\n\nKind regards,\n{team}",
        "passed_on": "Dear user,\n\nyour case {code} has been passed on to {to_team}, who will continue the work. "
                     "You will hear from us.\n\nKind regards,\n{team}",
        "portal": "Dear user,\n\nthank you for your message. So that your case is not lost when I am away, please "
                  "send it through the support portal or to the Service Desk address; it will then be registered "
                  "and handled by the team.\n\nKind regards,\n{team}",
    },
    "da": {
        "closed": "Kære bruger\n\nDin sag {code} blev løst for 30 dage siden og er nu lukket. Hvis problemet er "
                  "tilbage, så skriv til os, så opretter vi en ny sag.\n\nVenlig hilsen\n{team}",
        "resolved": "Kære bruger\n\nDin sag {code} er løst:\n\n{solution}\n\nHvis problemet ikke er løst, så svar på "
                    "denne besked inden for 30 dage, så genåbner vi sagen.\n\nVenlig hilsen\n{team}",
        "passed_on": "Kære bruger\n\nDin sag {code} er givet videre til {to_team}, som arbejder videre med den. Du "
                     "hører fra os.\n\nVenlig hilsen\n{team}",
        "portal": "Kære bruger\n\nTak for din besked. Send den venligst via supportportalen eller til Service Desks "
                  "adresse, så din sag ikke går tabt, når jeg er væk; så bliver den registreret og behandlet af "
                  "teamet.\n\nVenlig hilsen\n{team}",
    },
    "sv": {
        "closed": "Hej,\n\nditt ärende {code} löstes för 30 dagar sedan och är nu stängt. Om problemet är "
                  "tillbaka, skriv till oss så öppnas ett nytt ärende.\n\nVänliga hälsningar\n{team}",
        "resolved": "Hej,\n\nditt ärende {code} är löst:\n\n{solution}\n\nOm problemet inte är löst, svara på det här "
                    "meddelandet inom 30 dagar så öppnar vi ärendet igen.\n\nVänliga hälsningar\n{team}",
        "passed_on": "Hej,\n\nditt ärende {code} har lämnats vidare till {to_team}, som fortsätter arbetet. Du hör "
                     "av oss.\n\nVänliga hälsningar\n{team}",
        "portal": "Hej,\n\ntack för ditt meddelande. Skicka det via supportportalen eller till Service Desks adress, "
                  "så att ditt ärende inte försvinner när jag är borta; då registreras det och hanteras av "
                  "gruppen.\n\nVänliga hälsningar\n{team}",
    },
    "nl": {
        "closed": "Beste gebruiker,\n\nuw melding {code} is 30 dagen geleden opgelost en nu gesloten. Is het "
                  "probleem terug, schrijf ons dan en er wordt een nieuwe melding geopend.\n\n"
                  "Met vriendelijke groet,\n{team}",
        "resolved": "Beste gebruiker,\n\nuw melding {code} is opgelost:\n\n{solution}\n\nIs het probleem niet "
                    "opgelost, beantwoord dit bericht dan binnen 30 dagen en wij heropenen de melding.\n\n"
                    "Met vriendelijke groet,\n{team}",
        "passed_on": "Beste gebruiker,\n\nuw melding {code} is doorgegeven aan {to_team}, dat het werk voortzet. U "
                     "hoort van ons.\n\nMet vriendelijke groet,\n{team}",
        "portal": "Beste gebruiker,\n\ndank voor uw bericht. Stuur het via het supportportaal of naar het adres van "
                  "de Servicedesk, zodat uw melding niet verloren gaat als ik afwezig ben; dan wordt ze geregistreerd "
                  "en door het team behandeld.\n\nMet vriendelijke groet,\n{team}",
    },
}
DESK_SIGNATURE = {"en": "the Service Desk", "da": "Service Desk", "sv": "Service Desk", "nl": "de Servicedesk"}


class TemplateError(ValueError):
    """A letter file that cannot be used: `where` is its file, `line` the line of the problem."""

    def __init__(self, where: str, line: int, reason: str) -> None:
        super().__init__(f"{where}, line {line}: {reason}")
        self.where, self.line, self.reason = where, line, reason


def check_template(name: str, text: str, where: str) -> str:
    """The text of a desk's letter `name`, checked: every placeholder one of the letter's, the required ones
    there, no format spec or conversion (a letter is words, not code)."""
    allowed = PLACEHOLDERS[name]
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines() or [""], start=1):
        try:
            fields = list(Formatter().parse(line))
        except ValueError as exc:  # a lone { or }
            raise TemplateError(where, number, f"{exc} (write {{{{ or }}}} for a brace)") from exc
        for _, placeholder, spec, conversion in fields:
            if placeholder is None:
                continue
            if placeholder not in allowed or spec or conversion:
                raise TemplateError(where, number, f"{{{placeholder}}} is not a placeholder of this letter "
                                                   f"(it has {', '.join('{' + p + '}' for p in sorted(allowed))})")
            seen.add(placeholder)
    missing = REQUIRED[name] - seen
    if missing:
        raise TemplateError(where, 1, f"the letter must carry {', '.join('{' + p + '}' for p in sorted(missing))}")
    return text


@dataclass
class DeskLetters:
    """The desk's letter language and its own wording (language: letter name: text); empty: the built-in ones."""

    language: str | None = None  # None: the interface's
    own: dict[str, dict[str, str]] = field(default_factory=dict)


_desk = DeskLetters()


def use_desk_letters(letters: DeskLetters) -> None:
    """The letters of the desk this process serves (app/backends/local.py sets them from its store)."""
    global _desk
    _desk = letters


def letter(name: str, **values: str) -> str:
    """Letter `name` in the desk's language, its placeholders filled in (the values' own braces are left as they
    are: a solution may hold any text)."""
    language = _desk.language or get_language()
    language = language if language in LETTER_LANGUAGES else "en"
    text = _desk.own.get(language, {}).get(name) or BUILT_IN[language][name]
    return text.format_map({key: values.get(key, "") for key in PLACEHOLDERS[name]})


def signature(team_name: str | None) -> str:
    language = _desk.language or get_language()
    return team_name or DESK_SIGNATURE.get(language, DESK_SIGNATURE["en"])


def dear_user(solution: str, code: str, team_name: str | None = None) -> str:
    """R-STATUS-4: the solution text inside the resolve letter, signed by the resolving team."""
    return letter("resolved", code=code, solution=solution.strip(), team=signature(team_name))


def moved_to_team(team_name: str, code: str, from_team: str | None = None) -> str:
    """001 2c: the user is told which team now holds the ticket, by the team that passed it on."""
    return letter("passed_on", code=code, to_team=team_name, team=signature(from_team))


def redirect_to_portal(team_name: str | None = None) -> str:
    """R-JOURNAL-5: the answer to a message that reached an agent personally."""
    return letter("portal", team=signature(team_name))


def closed_notice(code: str, team_name: str | None = None) -> str:
    """R-STATUS-6: the user told that a resolved case has closed by itself, and how to come back."""
    return letter("closed", code=code, team=signature(team_name))

"""`config.toml` as a person reads it: every key with its meaning in a comment above it, from the settings'
own descriptions (app/config.py, app/mail/settings.py), so the file and the code never disagree.

Written on the first run (the defaults, to change in place) and printed by `helpline config` (the effective
values, secrets redacted). What it writes loads back as the same settings (tests/test_config_file.py).
"""

from __future__ import annotations

import textwrap
from typing import Any

import tomli_w
from pydantic import BaseModel

from app.config import BackendSettings, Identity, Settings, redacted
from app.mail.settings import MailSettings

HEADER = """\
# Helpline's settings. Every key is here with its meaning; a line starting with # is a comment.
# Secrets are better in the environment: HELPLINE_TOKEN, HELPLINE_PASSWORD, HELPLINE_SMTP_PASSWORD and
# HELPLINE_IMAP_PASSWORD win over this file. `helpline config` prints what is in effect.
"""
# An example of the table that is off until a desk sets it up, shown commented out.
MAIL_EXAMPLE = {"from_address": "servicedesk@example.org", "smtp_host": "smtp.example.org"}
MODELS: dict[str, type[BaseModel]] = {"me": Identity, "backend": BackendSettings}


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}" for line in textwrap.wrap(" ".join(text.split()), 100)]


def _value_line(key: str, value: Any) -> str:
    return tomli_w.dumps({key: value}).strip()


def _table(model: type[BaseModel], values: dict[str, Any], off: bool = False) -> list[str]:
    lines: list[str] = []
    for key, field in model.model_fields.items():
        lines += _comment(field.description or "")
        value = values.get(key)
        if value is None:
            lines.append(f"# {key} =   (unset)")
        else:
            lines.append(("# " if off else "") + _value_line(key, value))
    return lines


def defaults() -> str:
    """The file the first run writes: every key at its default, to change in place."""
    return commented(Settings().model_dump(mode="json"))


def effective(settings: Settings) -> str:
    """What `helpline config` prints: the values in effect, secrets as ***, the store folder resolved."""
    return commented(redacted(settings))


def commented(data: dict[str, Any]) -> str:
    """Settings' data (as `redacted` or a JSON dump gives it) as commented TOML."""
    lines = [HEADER]
    tables = {"me", "backend", "mail", "keymap", "categories"}
    for key, field in Settings.model_fields.items():
        if key in tables:
            continue
        lines += _comment(field.description or "")
        # A key unset by default (the attachments' opener and folder) is named, to set in place.
        lines.append(f"# {key} =   (unset)" if data[key] is None else _value_line(key, data[key]))
        lines.append("")
    for key in ("me", "backend"):
        lines += [*_comment(Settings.model_fields[key].description or ""), f"[{key}]"]
        lines += [*_table(MODELS[key], data[key]), ""]
    mail = data.get("mail")
    lines += _comment(Settings.model_fields["mail"].description or "")
    if mail is None:
        example = MailSettings.model_validate(MAIL_EXAMPLE).model_dump(mode="json")
        lines += ["# [mail]", *_table(MailSettings, example, off=True), ""]
    else:
        lines += ["[mail]", *_table(MailSettings, mail), ""]
    lines += [*_comment(Settings.model_fields["keymap"].description or ""), "[keymap]"]
    lines += [_value_line(name, keys) for name, keys in data["keymap"].items()] + [""]
    lines += [*_comment(Settings.model_fields["categories"].description or ""), "[categories]"]
    lines += [_value_line(name, words) for name, words in data["categories"].items()]
    return "\n".join(lines).rstrip() + "\n"

"""Config: defaults, round trip, clear errors naming file and key, secrets kept secret."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from pydantic import SecretStr

from app.config import (
    ConfigError,
    Settings,
    config_path,
    load_settings,
    load_settings_with_warnings,
    redacted,
    save_settings,
)


def test_missing_file_gives_defaults() -> None:
    settings = load_settings()
    assert settings.backend.kind == "local" and settings.me.username == "anna"
    assert str(config_path()).startswith(str(Path(config_path()).parent))


def test_round_trip_and_owner_only(tmp_path: Path) -> None:
    settings = Settings.model_validate({"language": "da", "backend": {"kind": "http", "url": "http://127.0.0.1:1",
                                                                     "token": "t0ken"}})
    path = save_settings(settings, tmp_path / "c" / "config.toml")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = load_settings(path)
    assert again.language == "da" and again.backend.token == SecretStr("t0ken")
    assert again.backend.token is not None and again.backend.token.get_secret_value() == "t0ken"


@pytest.mark.parametrize(
    ("text", "key"),
    [('[backend]\nkind = "ftp"\n', "backend.kind"), ('colour = "red"\n', "colour"),
     ("update_flag_overdue_hours = -1\n", "update_flag_overdue_hours"), ('[me]\nroles = ["wizard"]\n', "me.roles")],
)
def test_bad_values_name_the_key_and_file(tmp_path: Path, text: str, key: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as error:
        load_settings(path)
    assert key in str(error.value) and str(path) in str(error.value) and "\n" not in str(error.value)


def test_toml_syntax_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("language = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(path)


def test_secrets_are_redacted_and_env_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[backend]\npassword = "hunter2"\n')
    path.chmod(0o644)
    settings, warnings = load_settings_with_warnings(path)
    assert warnings and "chmod 600" in warnings[0]
    assert "hunter2" not in str(redacted(settings)) and redacted(settings)["backend"]["password"] == "***"
    assert "hunter2" not in repr(settings)
    monkeypatch.setenv("HELPLINE_TOKEN", "from-env")
    token = load_settings(path).backend.token
    assert token is not None and token.get_secret_value() == "from-env"

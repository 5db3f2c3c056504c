"""Issue 19 (first run): the first start writes a commented config.toml with every key and its meaning, which
loads back as the defaults; `helpline config` prints the settings in effect as TOML, secrets redacted."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from pydantic import SecretStr

from app import cli
from app.config import BackendSettings, Identity, Settings, config_path
from app.config_toml import defaults, effective
from app.mail.settings import MailSettings


def test_the_first_runs_file_names_every_key_with_its_meaning_and_loads_as_the_defaults() -> None:
    text = defaults()
    assert Settings.model_validate(tomllib.loads(text)) == Settings()
    for model in (Settings, Identity, BackendSettings, MailSettings):
        for key, field in model.model_fields.items():
            assert f"{key} =" in text or f"[{key}]" in text, key
            assert (field.description or "").split()[0] in text, key
    assert "# [mail]" in text and '# from_address = "servicedesk@example.org"' in text, "mail: an example, off"


def test_helpline_config_prints_toml_with_secrets_redacted(capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(backend=BackendSettings(token=SecretStr("t0ken")), mail=MailSettings(
        from_address="servicedesk@example.org", smtp_host="smtp.example.org", smtp_password=SecretStr("hunter2")))
    shown = effective(settings)
    assert "t0ken" not in shown and "hunter2" not in shown
    parsed = tomllib.loads(shown)
    assert parsed["backend"]["token"] == "***" and parsed["mail"]["smtp_password"] == "***"
    assert parsed["mail"]["smtp_host"] == "smtp.example.org"
    assert cli.main(["config"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# {config_path()}") and tomllib.loads(out)["me"]["username"] == "anna"


def test_the_first_start_writes_the_file_and_a_later_one_leaves_it(monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import app.tui

    monkeypatch.setattr(app.tui, "run_workstation", lambda settings, store=None: 0)
    path = config_path()
    assert not path.exists()
    assert cli.main(["tui"]) == 0
    assert path.stat().st_mode & 0o777 == 0o600
    assert Settings.model_validate(tomllib.loads(path.read_text())) == Settings()
    assert "First run: wrote" in capsys.readouterr().err
    path.write_text('language = "da"\n')
    assert cli.main(["tui"]) == 0
    assert Path(path).read_text() == 'language = "da"\n', "never overwritten"


def test_a_keymap_of_its_own_loads_back() -> None:
    from app.config_toml import commented

    settings = Settings(keymap={"journal.note": "N", "queue.filter": "slash,f"})
    assert Settings.model_validate(tomllib.loads(commented(settings.model_dump(mode="json")))) == settings

"""app.config: defaults, round trip, errors naming file and key, secrets kept secret."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from pydantic import SecretStr

from app.config import (
    BackendSettings,
    ConfigError,
    Identity,
    Settings,
    config_dir,
    config_path,
    data_dir,
    default_store_dir,
    load_settings,
    load_settings_with_warnings,
    log_path,
    redacted,
    resolve_store_dir,
    save_settings,
)
from app.domain.enums import Role

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HELPLINE_CONFIG_DIR", str(tmp_path / "cfg"))
    monkeypatch.setenv("HELPLINE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("HELPLINE_TOKEN", raising=False)
    monkeypatch.delenv("HELPLINE_PASSWORD", raising=False)
    return tmp_path


def _write(path: Path, text: str, mode: int = 0o600) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_folders_follow_the_environment(home: Path) -> None:
    assert config_dir() == home / "cfg"
    assert config_path() == home / "cfg" / "config.toml"
    assert data_dir() == home / "data"
    assert default_store_dir() == home / "data" / "store"


def test_folders_default_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HELPLINE_CONFIG_DIR", raising=False)
    monkeypatch.delenv("HELPLINE_DATA_DIR", raising=False)
    assert "helpline" in str(config_dir()).lower() and "helpline" in str(data_dir()).lower()


def test_missing_file_gives_defaults(home: Path) -> None:
    settings, warnings = load_settings_with_warnings()
    assert settings == Settings()
    assert warnings == []
    assert settings.me == Identity(username="anna", name="Anna Berg", team="support",
                                   roles=[Role.FIRST_LINE, Role.DISPATCHER])
    assert settings.backend == BackendSettings()
    assert settings.backend.kind == "local" and settings.backend.timeout == 10.0
    assert settings.language == "en"
    assert settings.update_flag_overdue_hours == 24  # R-FLAG-1
    assert settings.stale_after_hours == 48  # R-ESC-4
    assert settings.demo_on_first_run is True


def test_every_field_says_what_it_is_for() -> None:
    for model in (Identity, BackendSettings, Settings):
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name}"


def test_round_trip(home: Path) -> None:
    settings = Settings(
        me=Identity(username="bo", name="Bo Ek", team="2nd", roles=[Role.SECOND_LINE]),
        language="sv",
        backend=BackendSettings(kind="http", url="https://desk.example", token=SecretStr("t0ken"),
                                username="bo", password=SecretStr("pw"), verify_tls=False, timeout=3.5,
                                store=home / "elsewhere"),
        update_flag_overdue_hours=12,
        stale_after_hours=72,
        demo_on_first_run=False,
    )
    path = save_settings(settings)
    assert path == config_path()
    again = load_settings(path)
    assert again == settings
    assert again.backend.token is not None and again.backend.token.get_secret_value() == "t0ken"


def test_saved_file_omits_unset_values(home: Path) -> None:
    path = save_settings(Settings())
    text = path.read_text(encoding="utf-8")
    assert "token" not in text and "url" not in text and "store" not in text
    assert load_settings(path) == Settings()


@posix_only
def test_saved_file_is_owner_only_and_replaces_atomically(home: Path) -> None:
    path = home / "deep" / "er" / "config.toml"
    save_settings(Settings(language="da"), path)
    save_settings(Settings(language="sv"), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_settings(path).language == "sv"
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]  # no temp file left behind


def test_a_failed_save_keeps_the_old_file(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = save_settings(Settings(language="da"))

    def crash(src: object, dst: object) -> None:
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", crash)
        with pytest.raises(OSError, match="disk full"):
            save_settings(Settings(language="sv"), path)
    assert load_settings(path).language == "da"
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]  # the temp file is gone


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[backend]\nkind = "ftp"\n', "backend.kind"),
        ('language = "fi"\n', "language"),
        ("update_flag_overdue_hours = -1\n", "update_flag_overdue_hours"),
        ('[me]\nroles = ["wizard"]\n', "me.roles.0"),
        ("[backend]\ntimeout = \"soon\"\n", "backend.timeout"),
    ],
)
def test_bad_value_names_the_dotted_key_and_the_file(home: Path, text: str, key: str) -> None:
    path = _write(home / "config.toml", text)
    with pytest.raises(ConfigError) as error:
        load_settings(path)
    message = str(error.value)
    assert key in message and str(path) in message
    assert "\n" not in message
    assert error.value.path == path and any(k == key for k, _ in error.value.problems)


def test_unknown_key_is_named(home: Path) -> None:
    path = _write(home / "config.toml", 'colour = "red"\n[backend]\nkindd = "local"\n')
    with pytest.raises(ConfigError) as error:
        load_settings(path)
    message = str(error.value)
    assert "colour: unknown key" in message and "backend.kindd: unknown key" in message


def test_toml_syntax_error_names_the_file_and_line(home: Path) -> None:
    path = _write(home / "config.toml", 'language = "da"\nlanguage = \n')
    with pytest.raises(ConfigError) as error:
        load_settings(path)
    message = str(error.value)
    assert str(path) in message and "line 2" in message and "TOML" in message


def test_a_secret_value_is_never_echoed_in_an_error(home: Path) -> None:
    path = _write(home / "config.toml", '[backend]\ntoken = "s3cret"\nverify_tls = "s3cret"\n')
    with pytest.raises(ConfigError) as error:
        load_settings(path)
    assert "s3cret" not in str(error.value) and "backend.verify_tls" in str(error.value)


def test_redacted_never_shows_a_secret(home: Path) -> None:
    settings = Settings(backend=BackendSettings(token=SecretStr("t0ken"), password=SecretStr("hunter2")))
    shown = redacted(settings)
    dumped = json.dumps(shown)  # JSON-able as it is
    assert "t0ken" not in dumped and "hunter2" not in dumped
    assert shown["backend"]["token"] == "***" and shown["backend"]["password"] == "***"
    assert shown["backend"]["store"] == str(default_store_dir())  # the effective folder
    assert shown["me"]["roles"] == ["first_line", "dispatcher"]


def test_mail_passwords_come_from_the_environment_and_are_redacted(home: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """R-MAIL-1/2: HELPLINE_SMTP_PASSWORD and HELPLINE_IMAP_PASSWORD win over the file, and no password of
    `[mail]` is ever shown (`helpline config`)."""
    path = _write(home / "config.toml", '[mail]\nfrom_address = "servicedesk@example.org"\n'
                  'smtp_host = "smtp.example.org"\nsmtp_password = "file-smtp"\n')
    monkeypatch.setenv("HELPLINE_SMTP_PASSWORD", "env-smtp")
    monkeypatch.setenv("HELPLINE_IMAP_PASSWORD", "env-imap")
    mail = load_settings(path).mail
    assert mail is not None and mail.smtp_password is not None and mail.imap_password is not None
    assert (mail.smtp_password.get_secret_value(), mail.imap_password.get_secret_value()) == ("env-smtp", "env-imap")
    shown = json.dumps(redacted(load_settings(path)))
    assert "env-smtp" not in shown and "env-imap" not in shown and "file-smtp" not in shown
    assert redacted(load_settings(path))["mail"]["smtp_password"] == "***"
    monkeypatch.delenv("HELPLINE_SMTP_PASSWORD")
    _write(home / "config.toml", "")
    assert load_settings(path).mail is None, "a password alone configures no mail"


def test_redacted_shows_unset_secrets_as_none() -> None:
    shown = redacted(Settings())
    assert shown["backend"]["token"] is None and shown["backend"]["password"] is None
    assert shown["backend"]["url"] is None


def test_secrets_stay_out_of_repr() -> None:
    settings = Settings(backend=BackendSettings(password=SecretStr("hunter2")))
    assert "hunter2" not in repr(settings) and "hunter2" not in str(settings)


def test_env_token_and_password_override_the_file(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(home / "config.toml", '[backend]\ntoken = "from-file"\npassword = "file-pw"\n')
    monkeypatch.setenv("HELPLINE_TOKEN", "from-env")
    monkeypatch.setenv("HELPLINE_PASSWORD", "env-pw")
    backend = load_settings(path).backend
    assert backend.token is not None and backend.token.get_secret_value() == "from-env"
    assert backend.password is not None and backend.password.get_secret_value() == "env-pw"


def test_env_token_applies_without_a_file(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HELPLINE_TOKEN", "from-env")
    token = load_settings().backend.token
    assert token is not None and token.get_secret_value() == "from-env"


def test_empty_env_token_counts_as_unset(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(home / "config.toml", '[backend]\ntoken = "from-file"\n')
    monkeypatch.setenv("HELPLINE_TOKEN", "")
    token = load_settings(path).backend.token
    assert token is not None and token.get_secret_value() == "from-file"


@posix_only
def test_a_secret_in_a_world_readable_file_gives_a_warning(home: Path) -> None:
    path = _write(home / "config.toml", '[backend]\npassword = "hunter2"\n', mode=0o644)
    settings, warnings = load_settings_with_warnings(path)
    assert settings.backend.password is not None
    assert len(warnings) == 1 and str(path) in warnings[0] and "chmod 600" in warnings[0]
    assert "hunter2" not in warnings[0]


@posix_only
def test_no_warning_for_owner_only_or_secret_free_files(home: Path) -> None:
    private = _write(home / "private.toml", '[backend]\ntoken = "t"\n', mode=0o600)
    public = _write(home / "public.toml", 'language = "da"\n', mode=0o644)
    assert load_settings_with_warnings(private)[1] == []
    assert load_settings_with_warnings(public)[1] == []


@posix_only
def test_an_env_secret_does_not_trigger_the_file_warning(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(home / "config.toml", 'language = "da"\n', mode=0o644)
    monkeypatch.setenv("HELPLINE_TOKEN", "from-env")
    assert load_settings_with_warnings(path)[1] == []


def test_resolve_store_dir(home: Path) -> None:
    assert resolve_store_dir(Settings(), None) == default_store_dir()
    configured = Settings(backend=BackendSettings(store=home / "mine"))
    assert resolve_store_dir(configured, None) == home / "mine"
    assert resolve_store_dir(configured, home / "cli") == home / "cli"


def test_store_path_in_the_file_expands_home(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(home))
    path = _write(home / "config.toml", '[backend]\nstore = "~/desk"\n')
    assert resolve_store_dir(load_settings(path), None) == home / "desk"


# ----- what the file must be before it is read -----------------------------------------------------


@posix_only
@pytest.mark.parametrize("special", ["/dev/zero", "fifo", "folder"])
def test_a_config_path_that_is_not_a_regular_file_is_refused_unread(home: Path, special: str) -> None:
    """Finding 11 (trust boundaries): /dev/zero was read until the memory was gone, and a FIFO waits for a
    writer forever; both, and a folder, are a ConfigError naming the path before a byte is read."""
    path = {"/dev/zero": Path("/dev/zero"), "folder": home}.get(special) or home / "config.toml"
    if special == "fifo":
        os.mkfifo(path)
    with pytest.raises(ConfigError) as error:
        load_settings(path)
    assert error.value.path == path and "not a regular file" in str(error.value)


def test_a_config_file_larger_than_a_megabyte_is_refused_unread(home: Path) -> None:
    """Finding 11 (trust boundaries): a file of any size was read whole into memory."""
    path = home / "config.toml"
    with path.open("wb") as file:
        file.truncate(2 * 1024 * 1024)
    with pytest.raises(ConfigError) as error:
        load_settings(path)
    assert str(path) in str(error.value) and "larger than 1 MB" in str(error.value)


def test_a_config_file_of_exactly_the_limit_is_read(home: Path) -> None:
    path = home / "config.toml"
    text = 'language = "da"\n'
    path.write_text(text + "#" * (1024 * 1024 - len(text)), encoding="utf-8")
    assert load_settings(path).language == "da"


@pytest.mark.parametrize("nesting", ["[" * 50_000 + "]" * 50_000, "{a = " * 50_000 + "1" + "}" * 50_000],
                         ids=["arrays", "inline-tables"])
def test_a_deeply_nested_value_is_a_config_error(home: Path, nesting: str) -> None:
    """Finding 11 (trust boundaries): tomllib parses arrays and inline tables recursively; deep nesting was a
    RecursionError, not a message naming the file."""
    path = _write(home / "config.toml", f"language = {nesting}\n")
    with pytest.raises(ConfigError) as error:
        load_settings(path)
    assert error.value.path == path and "nested too deeply" in str(error.value)


def test_a_config_file_that_is_not_utf8_is_a_config_error(home: Path) -> None:
    path = home / "config.toml"
    path.write_bytes(b'[me]\nname = "Bj\xf6rn"\n')
    with pytest.raises(ConfigError) as error:
        load_settings(path)
    assert error.value.path == path and "not UTF-8" in str(error.value)


@pytest.mark.parametrize(
    ("url", "reason"),
    [("http://127.0.0.1:9/\x1b]0;x\x07", "control"), ("desk.example", "http://"), ("http://h:99999", "not a URL")],
    ids=["control", "no-scheme", "port"],
)
def test_a_backend_url_the_http_library_would_refuse_is_a_config_error(home: Path, url: str, reason: str) -> None:
    """Finding 11 (trust boundaries): a control character in backend.url ended in httpx's InvalidURL traceback
    at the first request; now the config names the key (and not the URL, which may hold a password)."""
    path = _write(home / "config.toml", f"[backend]\nkind = \"http\"\nurl = {json.dumps(url)}\n")
    with pytest.raises(ConfigError) as error:
        load_settings(path)
    assert "backend.url" in str(error.value) and reason in str(error.value) and url not in str(error.value)


@pytest.mark.parametrize("username", ["anné", "an na", "anna\x1b]0;x\x07", "a" * 65])
def test_a_username_that_cannot_be_sent_is_a_config_error(home: Path, username: str) -> None:
    """Finding 11 (trust boundaries): me.username travels in an HTTP header; "anné" ended every command in a
    UnicodeEncodeError at the first request instead of a message naming the key."""
    path = _write(home / "config.toml", f"[me]\nusername = {json.dumps(username)}\n")
    with pytest.raises(ConfigError) as error:
        load_settings(path)
    assert "me.username" in str(error.value) and "printable ASCII" in str(error.value)


def test_the_log_file_is_in_the_data_folder(home: Path) -> None:
    assert log_path() == home / "data" / "helpline.log"

"""Where the SDK keeps things: one profile per server (its base URL), its tokens, its local store.

- Settings: `$RAPPORT_HOME` when set (everything below it), else `$XDG_CONFIG_HOME/rapport`
  (`~/.config/rapport`) for `profiles.json` and the token files, `$XDG_DATA_HOME/rapport`
  (`~/.local/share/rapport`) for each profile's SQLite store.
- Tokens: the system keyring when the `keyring` package is installed and has a real backend
  (Secret Service, macOS Keychain, Windows Credential Locker), else `tokens/<profile>.json`,
  created 0600 in a 0700 folder. `RAPPORT_TOKEN_STORE=file` forces the file.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

DEFAULT_PROFILE = "default"
DEFAULT_BASE_URL = "http://127.0.0.1:8080"
_PROFILE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class BadProfile(ValueError):
    """A profile name that cannot name a file."""


def _home(kind: str) -> Path:
    if os.environ.get("RAPPORT_HOME"):
        return Path(os.environ["RAPPORT_HOME"]) / ("data" if kind == "data" else "")
    if kind == "data":
        return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "rapport"
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "rapport"


def _private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def _write_private(path: Path, data: dict[str, Any]) -> None:
    """Write JSON readable by the user only: created 0600, replaced in one rename."""
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, sort_keys=True)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


@dataclass(frozen=True)
class Profile:
    name: str
    base_url: str

    @property
    def store_path(self) -> Path:
        return _private_dir(_home("data")) / f"{self.name}.sqlite"


def check_profile(name: str) -> str:
    if not _PROFILE.match(name):
        raise BadProfile(f"a profile name is 1–64 letters, digits, '.', '_' or '-', not {name!r}")
    return name


def load_profile(name: str = DEFAULT_PROFILE, base_url: str | None = None) -> Profile:
    """The profile, with `base_url` (when given) taking the place of the saved one."""
    check_profile(name)
    saved = _read_profiles().get(name, {})
    return Profile(name, (base_url or saved.get("base_url") or DEFAULT_BASE_URL).rstrip("/"))


def save_profile(profile: Profile) -> None:
    profiles = _read_profiles()
    profiles[profile.name] = {"base_url": profile.base_url}
    _write_private(_private_dir(_home("config")) / "profiles.json", profiles)


def _read_profiles() -> dict[str, dict[str, str]]:
    path = _home("config") / "profiles.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except ValueError:
        return {}  # a damaged file is rewritten by the next login


class TokenStore(Protocol):
    def load(self) -> dict[str, Any] | None: ...
    def save(self, tokens: dict[str, Any]) -> None: ...
    def clear(self) -> None: ...


class FileTokens:
    """`tokens/<profile>.json`, 0600."""

    def __init__(self, profile: str):
        self.path = _home("config") / "tokens" / f"{check_profile(profile)}.json"

    def load(self) -> dict[str, Any] | None:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None

    def save(self, tokens: dict[str, Any]) -> None:
        _private_dir(self.path.parent)
        _write_private(self.path, tokens)

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


class KeyringTokens:
    """The system keyring: service `rapport`, one entry per profile."""

    def __init__(self, profile: str, keyring_module: Any):
        self.profile, self.keyring = check_profile(profile), keyring_module

    def load(self) -> dict[str, Any] | None:
        raw = self.keyring.get_password("rapport", self.profile)
        return json.loads(raw) if raw else None

    def save(self, tokens: dict[str, Any]) -> None:
        self.keyring.set_password("rapport", self.profile, json.dumps(tokens))

    def clear(self) -> None:
        try:
            self.keyring.delete_password("rapport", self.profile)
        except Exception:  # keyring's PasswordDeleteError: nothing was stored
            pass


def token_store(profile: str) -> TokenStore:
    if os.environ.get("RAPPORT_TOKEN_STORE", "").lower() != "file":
        try:
            import keyring
            from keyring.backends import fail
        except ImportError:
            keyring = None
        if keyring is not None and not isinstance(keyring.get_keyring(), fail.Keyring):
            return KeyringTokens(profile, keyring)
    return FileTokens(profile)

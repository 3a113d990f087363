"""Project configuration: ``[tool.rasoat]`` in pyproject.toml or a ``rasoat.toml``.

Looked for from the checked path upward, then from the working directory upward; the first
``rasoat.toml``, or ``pyproject.toml`` that has a ``[tool.rasoat]`` table, wins. Keys may be
written with dashes or underscores (``min-severity`` = ``min_severity``)::

    [tool.rasoat]
    select = ["SO", "NN"]              # rule ids or prefixes
    ignore = ["NN002"]
    min-severity = "warning"           # error | warning | info
    allowed-words = ["Xòe"]            # extra words the language rules accept
    allowed-names = ["Nậm Nhùn"]       # extra proper names
    period = "tháng 6/2021"            # report period override
    term-lengths = { "Đại hội Đảng" = 5 }
    commemorations = [{ name = "Ngày Thương binh - Liệt sĩ", day = 27, month = 7, year = 1947 }]

    [tool.rasoat.severity]             # per-rule severity overrides
    NN001 = "info"

    [tool.rasoat.per-file-ignores]     # glob (relative to the config file) -> rule ids
    "nhap/*.docx" = ["NN"]

A config error is one clear line (ConfigError) and exit 2, never a traceback.
"""

from __future__ import annotations

import fnmatch
import sys
from pathlib import Path, PurePosixPath
from typing import Any, Iterable, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .context import Settings
from .findings import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAMES = ("rasoat.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""


def _codes(value: Any) -> Any:
    if isinstance(value, str):
        value = [v for v in value.split(",")]
    if isinstance(value, list):
        return [str(v).strip().upper() for v in value if str(v).strip()]
    return value


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    min_severity: Optional[Severity] = None
    allowed_words: list[str] = Field(default_factory=list)
    allowed_names: list[str] = Field(default_factory=list)
    term_lengths: dict[str, int] = Field(default_factory=dict)
    commemorations: list[dict[str, Any]] = Field(default_factory=list)
    period: Optional[str] = None
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict)

    path: Optional[Path] = Field(default=None, exclude=True)  # the file it came from

    @field_validator("select", "ignore", mode="before")
    @classmethod
    def _rule_codes(cls, value: Any) -> Any:
        return _codes(value)

    @field_validator("severity", mode="before")
    @classmethod
    def _upper_keys(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k).upper(): v for k, v in value.items()}
        return value

    @field_validator("per_file_ignores", mode="before")
    @classmethod
    def _pfi(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k): _codes(v) for k, v in value.items()}
        return value

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def settings(self) -> Settings:
        words = list(dict.fromkeys(self.allowed_words + self.allowed_names))
        return Settings(allowed_words=words, allowed_names=list(self.allowed_names),
                        term_lengths=dict(self.term_lengths), commemorations=list(self.commemorations),
                        period=self.period)

    def severity_for(self, rule_id: str) -> Optional[Severity]:
        """The configured severity of a rule: its own id wins over the longest matching prefix."""
        keys = [k for k in self.severity if rule_id.startswith(k)]
        return self.severity[max(keys, key=len)] if keys else None

    def ignored_for(self, path: str) -> list[str]:
        """Rule ids/prefixes the per-file ignores name for ``path``."""
        if not self.per_file_ignores:
            return []
        p = Path(path)
        try:
            rel = p.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            rel = p.as_posix()
        out: list[str] = []
        for pattern, codes in self.per_file_ignores.items():
            if (fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(p.name, pattern)
                    or PurePosixPath(rel).match(pattern)):
                out.extend(codes)
        return out

    def check_codes(self, known: Iterable[str]) -> None:
        """Every rule code named in the configuration must exist."""
        known = set(known)
        named = [("select", c) for c in self.select] + [("ignore", c) for c in self.ignore]
        named += [("severity", c) for c in self.severity]
        named += [(f"per-file-ignores.\"{g}\"", c) for g, cs in self.per_file_ignores.items() for c in cs]
        for key, code in named:
            if not any(rid.startswith(code) for rid in known):
                raise ConfigError(f"{self.path or 'cấu hình'}: khóa {key}: không có quy tắc nào mang mã "
                                  f"'{code}' (unknown rule code)")


def _normalise_keys(table: dict, nested: bool = True) -> dict:
    out = {}
    for key, value in table.items():
        k = key.replace("-", "_") if isinstance(key, str) else key
        # severity / per-file-ignores / term-lengths keys are data (rule ids, globs, terms): keep them
        out[k] = value
    return out


def parse_config(path: Path) -> Config:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: TOML không hợp lệ (invalid TOML: {exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: không đọc được tệp cấu hình ({exc})") from None
    if path.name == "pyproject.toml":
        table = raw.get("tool", {}).get("rasoat")
        if table is None:
            return Config(path=path)
        where = "tool.rasoat"
    else:
        table = raw.get("tool", {}).get("rasoat", raw) if "tool" in raw else raw
        where = ""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [{where or 'rasoat'}] phải là một bảng (expected a table)")
    data = _normalise_keys(table)
    try:
        return Config.model_validate({**data, "path": path})
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(x) for x in err["loc"]).replace("_", "-")
        key = f"{where}.{loc}" if where else loc
        if err["type"] == "extra_forbidden":
            msg = "không được hỗ trợ (unknown key)"
        else:
            msg = f"giá trị không hợp lệ ({err['msg']}; got {err.get('input')!r})"
        raise ConfigError(f"{path}: khóa {key}: {msg}") from None


def _has_rasoat_table(pyproject: Path) -> bool:
    try:
        return "rasoat" in tomllib.loads(pyproject.read_text(encoding="utf-8-sig")).get("tool", {})
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
        return False


def find_config(start: Path) -> Optional[Path]:
    """The nearest rasoat.toml / pyproject.toml with [tool.rasoat], from ``start`` upward."""
    start = start.resolve()
    if start.is_file() or not start.exists():
        start = start.parent
    for directory in (start, *start.parents):
        candidate = directory / "rasoat.toml"
        if candidate.is_file():
            return candidate
        candidate = directory / "pyproject.toml"
        if candidate.is_file() and _has_rasoat_table(candidate):
            return candidate
    return None


def load_config(paths: Iterable[str] = (), explicit: Optional[str] = None) -> Config:
    """The configuration for a run: ``explicit`` if given, else found from the first path, else cwd."""
    if explicit:
        p = Path(explicit)
        if not p.is_file():
            raise ConfigError(f"{explicit}: không tìm thấy tệp cấu hình (config file not found)")
        return parse_config(p)
    for raw in list(paths)[:1]:
        found = find_config(Path(raw))
        if found:
            return parse_config(found)
    found = find_config(Path.cwd())
    return parse_config(found) if found else Config()

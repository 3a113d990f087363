"""Rule files: rules/*.yaml, one file per family, validated with pydantic."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .findings import Severity

RULE_ID_PATTERN = r"^[A-Z]{2}\d{3}$"


class FlagExample(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    excerpt: Optional[str] = None  # the exact text the finding must point at
    suggestion: Optional[str] = None  # when given, the finding's suggestion must contain it


class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    flag: list[FlagExample] = Field(min_length=1)
    pass_: list[str] = Field(alias="pass", min_length=1)

    @field_validator("flag", mode="before")
    @classmethod
    def _plain_strings(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"text": v} if isinstance(v, str) else v for v in value]
        return value


class RuleSpec(BaseModel):
    """One rule: identity, wording, the check it uses and the proof that it works."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=RULE_ID_PATTERN)
    title: str
    severity: Severity
    message: str
    check: str
    params: dict[str, Any] = Field(default_factory=dict)
    description: str = ""  # what it checks
    why: str = ""  # why it matters
    family: str = ""  # file stem, filled by the loader
    examples: Examples


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    family: str
    title: str = ""
    rules: list[RuleSpec]


class RuleFileError(Exception):
    """A rule file that does not validate: names the file and the field."""


def default_rules_dir() -> Path:
    """rules/ beside the package in a checkout, else the copy installed with it."""
    here = Path(__file__).resolve().parent
    checkout = here.parent / "rules"
    if checkout.is_dir():
        return checkout
    return here / "_rules"


def load_rule_file(path: Path) -> RuleFile:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RuleFileError(f"{path}: YAML không hợp lệ (invalid YAML): {exc}") from None
    if not isinstance(raw, dict):
        raise RuleFileError(f"{path}: tệp quy tắc phải là một mapping có khóa 'rules' (expected a mapping)")
    raw.setdefault("family", path.stem)
    try:
        rule_file = RuleFile.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = _field_path(raw, err["loc"])
        raise RuleFileError(f"{path}: trường {where}: {err['msg']}") from None
    for rule in rule_file.rules:
        rule.family = rule_file.family
    return rule_file


def _field_path(raw: dict, loc: tuple) -> str:
    parts: list[str] = []
    node: Any = raw
    for key in loc:
        if isinstance(key, int) and isinstance(node, list) and key < len(node):
            node = node[key]
            rid = node.get("id") if isinstance(node, dict) else None
            parts.append(f"[{key}]" + (f"({rid})" if rid else ""))
        else:
            node = node.get(key) if isinstance(node, dict) else None
            parts.append(f".{key}")
    return "".join(parts).lstrip(".")


def load_rules(directory: Optional[Path] = None) -> list[RuleSpec]:
    directory = directory or default_rules_dir()
    rules: list[RuleSpec] = []
    seen: dict[str, Path] = {}
    for path in sorted(directory.glob("*.yaml")):
        for rule in load_rule_file(path).rules:
            if rule.id in seen:
                raise RuleFileError(f"{path}: mã quy tắc {rule.id} trùng với {seen[rule.id]} (duplicate rule id)")
            seen[rule.id] = path
            rules.append(rule)
    return rules

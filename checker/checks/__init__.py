"""Registered check functions. A rule in rules/*.yaml names one of these by ``check``.

A check is a pure function ``(ctx, rule, params) -> Iterable[Finding]``; its ``params``
model validates the rule's ``params`` when rules load, so a typo in a rule file is
caught before any document is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Callable, Iterable, Optional, Type

from pydantic import BaseModel, ConfigDict

from ..findings import Finding

CheckFn = Callable[..., Iterable[Finding]]


class NoParams(BaseModel):
    model_config = ConfigDict(extra="forbid")


@dataclass(frozen=True)
class Check:
    name: str
    fn: CheckFn
    params: Type[BaseModel]


_REGISTRY: dict[str, Check] = {}

# Modules that register checks; imported once, on first lookup.
CHECK_MODULES = (
    "checker.checks.generic",
    "checker.checks.numeric",
    "checker.checks.numeric_totals",
    "checker.checks.numeric_rates",
    "checker.checks.numeric_lists",
    "checker.checks.numeric_format",
    "checker.checks.dates",
    "checker.checks.dates_refs",
    "checker.checks.dates_header",
    "checker.checks.language",
    "checker.checks.structure",
    "checker.crossdoc.checks",  # cross-document rules: quiet on a single document
)


def register(name: str, params: Optional[Type[BaseModel]] = None) -> Callable[[CheckFn], CheckFn]:
    def decorate(fn: CheckFn) -> CheckFn:
        if name in _REGISTRY and _REGISTRY[name].fn is not fn:
            raise ValueError(f"check {name!r} registered twice")
        _REGISTRY[name] = Check(name, fn, params or NoParams)
        return fn

    return decorate


def registry() -> dict[str, Check]:
    for module in CHECK_MODULES:
        import_module(module)
    return _REGISTRY


def get_check(name: str) -> Check:
    checks = registry()
    if name not in checks:
        raise KeyError(name)
    return checks[name]

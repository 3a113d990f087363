"""pytest plugin (entry point ``pytest11``): each report becomes a test item.

    pytest --rasoat samples/          # every .docx/.txt/.md under samples/ is checked
    [tool.pytest.ini_options]
    rasoat_paths = ["bao_cao"]        # always check these folders, even with a bare ``pytest``

An item fails with the review list as its failure text (a one-line-per-finding list with
``-q``); it respects the project's rasoat configuration (rasoat.toml / [tool.rasoat]). An
unreadable report fails with its one-line reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import pytest

REPORT_SUFFIXES = {".docx", ".docm", ".txt", ".md"}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("rasoat", "rà soát báo cáo hành chính")
    group.addoption("--rasoat", action="store_true", default=False,
                    help="kiểm tra các báo cáo (.docx, .txt, .md) bằng rasoat, mỗi báo cáo một mục kiểm thử")
    parser.addini("rasoat_paths", type="paths", default=[],
                  help="thư mục/tệp báo cáo luôn được rasoat kiểm tra")
    parser.addini("rasoat_items", default="file",
                  help="'file': một mục kiểm thử cho mỗi báo cáo; 'family': một mục cho mỗi nhóm quy tắc")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "rasoat: một báo cáo được rasoat kiểm tra")
    paths = [str(p) for p in config.getini("rasoat_paths")]
    if paths and getattr(config, "args_source", None) != pytest.Config.ArgsSource.ARGS:
        for p in paths:
            if p not in config.args:
                config.args.append(p)


def _under(path: Path, roots: list[Path]) -> bool:
    path = path.resolve()
    for root in roots:
        root = root.resolve()
        if path == root or root in path.parents:
            return True
    return False


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> Optional[pytest.Collector]:
    if file_path.suffix.lower() not in REPORT_SUFFIXES or file_path.name.startswith("~$"):
        return None
    config = parent.config
    if not (config.getoption("rasoat") or _under(file_path, list(config.getini("rasoat_paths")))):
        return None
    return RasoatFile.from_parent(parent, path=file_path)


class RasoatFile(pytest.File):
    _result = None

    def collect(self):
        if str(self.config.getini("rasoat_items")).strip().lower() == "family":
            plan = _plan_for(self.config, self.path)
            families = list(dict.fromkeys(r.family or r.id[:2] for r in plan.all_rules))
            for family in families:
                yield RasoatItem.from_parent(self, name=f"rasoat[{family}]", family=family)
        else:
            yield RasoatItem.from_parent(self, name="rasoat")

    def result(self):
        """The file is checked once, whatever the number of items."""
        if self._result is None:
            from checker.api import check_with_plan

            self._result = check_with_plan(str(self.path), _plan_for(self.config, self.path))
        return self._result


class RasoatFailure(Exception):
    def __init__(self, result) -> None:
        super().__init__(result.path)
        self.result = result


def _plan_for(config: pytest.Config, path: Path):
    """One plan per configuration file (cached for the session)."""
    from checker.api import make_plan
    from checker.config import find_config, load_config

    cache = config.stash.setdefault(_PLANS, {})
    found = find_config(path)
    key = str(found) if found else ""
    if key not in cache:
        cache[key] = make_plan(load_config([str(path)]))
    return cache[key]


_PLANS = pytest.StashKey[dict]()


class RasoatItem(pytest.Item):
    def __init__(self, *, family: Optional[str] = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.family = family
        self.add_marker("rasoat")

    def runtest(self) -> None:
        result = self.parent.result()
        if self.family is not None and not result.error:
            plan = _plan_for(self.config, self.path)
            mine = {r.id for r in plan.all_rules if (r.family or r.id[:2]) == self.family}
            result = result.model_copy(update={"findings": [f for f in result.findings if f.rule in mine]})
        if result.error or result.findings:
            raise RasoatFailure(result)

    def repr_failure(self, excinfo, style=None):
        from checker.config import ConfigError

        if isinstance(excinfo.value, ConfigError):
            return f"rasoat: {excinfo.value}"
        if not isinstance(excinfo.value, RasoatFailure):
            return super().repr_failure(excinfo, style)
        result = excinfo.value.result
        if result.error:
            return f"rasoat: không đọc được {result.path}: {result.error}"
        if self.config.get_verbosity() < 0:
            return "\n".join(f"{f.rule} {f.severity.value} {f.location.label}: {f.message}"
                             for f in result.findings)
        import io

        from rich.console import Console

        from checker.reporters.terminal import render_file

        console = Console(file=io.StringIO(), width=110, no_color=True, color_system=None,
                          highlight=False, emoji=False)
        counts = {s: sum(1 for f in result.findings if f.severity.value == s) for s in ("error", "warning", "info")}
        console.print(f"rasoat: {len(result.findings)} phát hiện ({counts['error']} lỗi, {counts['warning']} "
                      f"cảnh báo, {counts['info']} gợi ý)")
        render_file(console, result)
        return console.file.getvalue().rstrip()

    def reportinfo(self):
        return self.path, None, f"rasoat: {self.path.name}"

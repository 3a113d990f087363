"""pytest plugin (entry point ``pytest11``): each report becomes a test item.

    pytest --rasoat samples/          # every .docx/.txt/.md under samples/ is checked
    [tool.pytest.ini_options]
    rasoat_paths = ["bao_cao"]        # always check these folders, even with a bare ``pytest``

An item fails with the review list as its failure text (a one-line-per-finding list with
``-q``); it respects the project's rasoat configuration (rasoat.toml / [tool.rasoat]). An
unreadable report fails with its one-line reason.

A series of periodic reports (``rasoat check --series``, docs/CROSSDOC.md) is one item::

    pytest --rasoat-series bao_cao_2026/     # repeatable: one item per folder
    [tool.pytest.ini_options]
    rasoat_series = ["bao_cao_2026"]         # checked by a bare ``pytest`` (or when a path given to
                                             # pytest is or contains the folder)

The item ``bao_cao_2026::rasoat-series`` fails with the review list of every report of the series
(each report's own findings and the cross-report ones), or with the reason a report could not be
read or placed in the series.
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
    group.addoption("--rasoat-series", action="append", default=[], metavar="PATH", dest="rasoat_series",
                    help="kiểm tra một chuỗi báo cáo theo kỳ (thư mục) như 'rasoat check --series', "
                         "thành một mục kiểm thử; dùng nhiều lần cho nhiều chuỗi")
    parser.addini("rasoat_series", type="paths", default=[],
                  help="thư mục chuỗi báo cáo theo kỳ, mỗi thư mục một mục kiểm thử (như 'rasoat check --series')")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "rasoat: một báo cáo được rasoat kiểm tra")
    _series_setup(config)
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


_HAS_DIRECTORY = hasattr(pytest, "Directory")  # directory collectors: pytest >= 8
_SERIES = pytest.StashKey[set]()


def _series_setup(config: pytest.Config) -> None:
    """Series folders: every ``--rasoat-series`` (added to the paths pytest collects) and the
    ``rasoat_series`` ini entries (added when pytest is run without paths, like ``rasoat_paths``)."""
    here = Path(config.invocation_params.dir)
    given = [here / p for p in config.getoption("rasoat_series", default=None) or []]
    configured = [Path(p) for p in config.getini("rasoat_series")]
    config.stash[_SERIES] = {p.resolve() for p in given + configured}
    if not config.stash[_SERIES]:
        return
    if not _HAS_DIRECTORY:
        raise pytest.UsageError("rasoat: kiểm tra chuỗi báo cáo (--rasoat-series, rasoat_series) cần pytest >= 8 "
                                "(series need pytest 8 or later)")
    bare = getattr(config, "args_source", None) != pytest.Config.ArgsSource.ARGS
    for p in given + (configured if bare else []):
        if str(p) not in config.args:
            config.args.append(str(p))


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_collect_directory(path: Path, parent: pytest.Collector) -> Optional[pytest.Collector]:
    if path.resolve() in parent.config.stash.get(_SERIES, set()):
        return RasoatSeries.from_parent(parent, path=path)
    return None


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


class RasoatSeriesFailure(Exception):
    def __init__(self, results: list) -> None:
        super().__init__(", ".join(r.path for r in results))
        self.results = results


if _HAS_DIRECTORY:
    class RasoatSeries(pytest.Directory):
        """A series folder: one item for the whole series, never one per report inside it."""

        def collect(self):
            yield RasoatSeriesItem.from_parent(self, name="rasoat-series")


class RasoatSeriesItem(pytest.Item):
    """A folder of periodic reports checked as a series (``rasoat check --series FOLDER``)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.add_marker("rasoat")

    def runtest(self) -> None:
        from checker.crossdoc import check_series_paths

        try:  # shorter names in the review list
            folder = str(self.path.relative_to(Path(self.config.invocation_params.dir)))
        except ValueError:
            folder = str(self.path)
        results = check_series_paths([folder], _plan_for(self.config, self.path))
        if any(r.error or r.findings for r in results):
            raise RasoatSeriesFailure(results)

    def repr_failure(self, excinfo, style=None):
        from checker.config import ConfigError

        if isinstance(excinfo.value, ConfigError):
            return f"rasoat: {excinfo.value}"
        if not isinstance(excinfo.value, RasoatSeriesFailure):
            return super().repr_failure(excinfo, style)
        results = excinfo.value.results
        errors = [f"rasoat: {r.path}: {r.error}" for r in results if r.error]
        if self.config.get_verbosity() < 0:
            return "\n".join(errors + [f"{r.path}: {f.rule} {f.severity.value} {f.location.label}: {f.message}"
                                       for r in results if not r.error for f in r.findings])
        import io

        from rich.console import Console

        from checker.reporters.terminal import render_file

        console = Console(file=io.StringIO(), width=110, no_color=True, color_system=None,
                          highlight=False, emoji=False)
        findings = [f for r in results for f in r.findings]
        counts = {s: sum(1 for f in findings if f.severity.value == s) for s in ("error", "warning", "info")}
        console.print(f"rasoat: chuỗi {len(results)} báo cáo, {len(findings)} phát hiện ({counts['error']} lỗi, "
                      f"{counts['warning']} cảnh báo, {counts['info']} gợi ý)")
        for line in errors:
            console.print(line, soft_wrap=True)
        for r in results:
            if r.findings:
                render_file(console, r)
        return console.file.getvalue().rstrip()

    def reportinfo(self):
        return self.path, None, f"rasoat-series: {self.path.name}"

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

A summary report checked against its units' reports (``rasoat check --sources … --summary …``) is
one item too::

    pytest --rasoat-summary tong_hop.docx --rasoat-sources don_vi/
    [tool.pytest.ini_options]
    rasoat_summary = "bao_cao/tong_hop.docx"      # with rasoat_sources: run by a bare ``pytest``
    rasoat_sources = ["bao_cao/don_vi"]

The item ``tong_hop.docx::rasoat-summary`` fails with the review list of the summary and of every
source report, or with the reason one could not be read.
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
    group.addoption("--rasoat-summary", default=None, metavar="PATH", dest="rasoat_summary",
                    help="báo cáo tổng hợp, đối chiếu với báo cáo của các đơn vị (--rasoat-sources), "
                         "thành một mục kiểm thử như 'rasoat check --sources … --summary …'")
    group.addoption("--rasoat-sources", action="append", default=[], metavar="PATH", dest="rasoat_sources",
                    help="báo cáo (tệp/thư mục) của các đơn vị, dùng với --rasoat-summary; dùng nhiều lần được")
    parser.addini("rasoat_summary", default="", help="báo cáo tổng hợp (như --rasoat-summary)")
    parser.addini("rasoat_sources", type="paths", default=[],
                  help="báo cáo của các đơn vị (như --rasoat-sources)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "rasoat: một báo cáo được rasoat kiểm tra")
    _series_setup(config)
    _summary_setup(config)
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
    config = parent.config
    summary = config.stash.get(_SUMMARY, None)
    is_summary = summary is not None and file_path.resolve() == summary[0]
    if not is_summary and (file_path.suffix.lower() not in REPORT_SUFFIXES or file_path.name.startswith("~$")):
        return None
    alone = config.getoption("rasoat") or _under(file_path, list(config.getini("rasoat_paths")))
    if not (alone or is_summary):
        return None
    return RasoatFile.from_parent(parent, path=file_path, alone=alone, summary=is_summary)


class RasoatFile(pytest.File):
    """A report: its own item(s) when reports are checked alone; the summary item when it is the
    ``--rasoat-summary`` report."""

    _result = None

    def __init__(self, *, alone: bool = True, summary: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.alone, self.summary = alone, summary

    def collect(self):
        if self.summary:
            yield RasoatSummaryItem.from_parent(self, name="rasoat-summary")
        if not self.alone:
            return
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


_SUMMARY = pytest.StashKey[tuple]()


def _summary_setup(config: pytest.Config) -> None:
    """``--rasoat-summary`` + ``--rasoat-sources`` (or the ini pair): the summary is added to the paths
    pytest collects (the ini one only when pytest is run without paths); the sources are not collected."""
    here = Path(config.invocation_params.dir)
    given = config.getoption("rasoat_summary", default=None)
    sources = [here / p for p in config.getoption("rasoat_sources", default=None) or []]
    ini_summary = str(config.getini("rasoat_summary") or "").strip()
    if not given and ini_summary:
        ini_sources = [Path(p) for p in config.getini("rasoat_sources")]
        sources = sources or ini_sources
    if not (given or ini_summary) and not sources:
        return
    if not (given or ini_summary) or not sources:
        raise pytest.UsageError("rasoat: --rasoat-summary và --rasoat-sources phải đi cùng nhau "
                                "(a summary needs its sources)")
    if given:
        summary = here / given
    else:  # relative to the ini file, like the "paths" ini options
        summary = Path(config.inipath).parent / ini_summary if config.inipath else here / ini_summary
    if not summary.is_file():
        raise pytest.UsageError(f"rasoat: {summary}: báo cáo tổng hợp không tìm thấy hoặc không phải tệp "
                                f"(summary not found or not a file)")
    config.stash[_SUMMARY] = (summary.resolve(), [str(p) for p in sources])
    bare = getattr(config, "args_source", None) != pytest.Config.ArgsSource.ARGS
    if (given or bare) and str(summary) not in config.args:
        config.args.append(str(summary))


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

    heading = "chuỗi"

    def _short(self, path) -> str:
        try:  # shorter names in the review list
            return str(Path(path).relative_to(Path(self.config.invocation_params.dir)))
        except ValueError:
            return str(path)

    def runtest(self) -> None:
        from checker.crossdoc import check_series_paths

        results = check_series_paths([self._short(self.path)], _plan_for(self.config, self.path))
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
        console.print(f"rasoat: {self.heading} {len(results)} báo cáo, {len(findings)} phát hiện ({counts['error']} lỗi, "
                      f"{counts['warning']} cảnh báo, {counts['info']} gợi ý)")
        for line in errors:
            console.print(line, soft_wrap=True)
        for r in results:
            if r.findings:
                render_file(console, r)
        return console.file.getvalue().rstrip()

    def reportinfo(self):
        return self.path, None, f"rasoat-series: {self.path.name}"


class RasoatSummaryItem(RasoatSeriesItem):
    """The summary report checked against its units' reports (``rasoat check --sources … --summary …``)."""

    heading = "tổng hợp"

    def runtest(self) -> None:
        from checker.crossdoc import check_summary_paths

        summary, sources = self.config.stash[_SUMMARY]
        results = check_summary_paths([self._short(p) for p in sources], self._short(summary),
                                      _plan_for(self.config, self.path))
        if any(r.error or r.findings for r in results):
            raise RasoatSeriesFailure(results)

    def reportinfo(self):
        return self.path, None, f"rasoat-summary: {self.path.name}"

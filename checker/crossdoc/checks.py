"""Cross-document checks: a series of reports over consecutive periods, and a summary
checked against its sources. Every finding sits on the later (or summary) report and
points at the other report through ``related``; evidence shows both sentences."""

from __future__ import annotations

from typing import Iterable, Optional

import regex

from ..context import CheckContext, sentence_context
from ..extract import period as periods
from ..findings import Finding
from ..model import TextUnit
from ..ruleset import RuleSpec
from ..checks import NoParams, register
from .indicators import Indicator, STOP_KEYS, document_indicators, located, unique_index
from .normalize import words
from .reports import END_OF_TASKS, Report, org_mentions

SERIES_CHECKS = ("cross_cumulative", "cross_earlier", "cross_plan", "cross_tasks")
SUMMARY_CHECKS = ("cross_summary",)


def _single_document(ctx, rule, params) -> Iterable[Finding]:
    """On one document a cross-document rule has nothing to compare: it stays quiet."""
    return ()


for _name in SERIES_CHECKS + SUMMARY_CHECKS:
    register(_name, NoParams)(_single_document)


def _fmt(ind: Indicator) -> str:
    return ind.shown


def _finding(rule: RuleSpec, this: Report, ind: Indicator, other: Report, other_unit: TextUnit,
             o_start: int, o_end: int, evidence: dict, **params) -> Finding:
    ctx = CheckContext(this.document)
    other_sentence = sentence_context(other_unit, o_start, o_end)
    ev = {"other_file": other.path, "other_location": other_unit.label(), "this_sentence": ind.sentence(),
          "other_sentence": other_sentence, "other_excerpt": other_unit.norm.excerpt(o_start, o_end), **evidence}
    found = ctx.finding(rule, ind.unit, ind.start, ind.end, related=located(other_unit, o_start, o_end, other.path),
                        evidence=ev, other_file=other.path.replace("\\", "/").rsplit("/", 1)[-1], **params)
    return found.model_copy(update={"related_path": other.path})


def _indicators(report: Report) -> list[Indicator]:
    cached = report.extra.get("indicators")
    if cached is None:
        cached = report.extra["indicators"] = document_indicators(report.document, report.next_start)
    return cached


def _index(report: Report) -> dict[tuple, Indicator]:
    cached = report.extra.get("index")
    if cached is None:
        cached = report.extra["index"] = unique_index(_indicators(report))
    return cached


def order(reports: list[Report]) -> tuple[list[Report], list[tuple[Report, str]]]:
    """Reports sorted by the period each declares; those without one (or a repeated one) set aside."""
    dated = [r for r in reports if r.period is not None]
    problems = [(r, "không xác định được kỳ báo cáo (no report period found in the title)")
                for r in reports if r.period is None]
    dated.sort(key=lambda r: (r.period.start, r.period.end, r.path))
    out: list[Report] = []
    for r in dated:
        if out and (out[-1].period.start, out[-1].period.end) == (r.period.start, r.period.end):
            problems.append((r, f"cùng kỳ báo cáo {r.period.label} với {out[-1].path} (same period twice)"))
            continue
        out.append(r)
    return out, problems


def run_series(reports: list[Report], rules: list[RuleSpec]) -> dict[str, list[Finding]]:
    ordered, _ = order(reports)
    found: dict[str, list[Finding]] = {r.path: [] for r in reports}
    by_check = {r.check: r for r in rules}
    for a, b in zip(ordered, ordered[1:]):
        if "cross_cumulative" in by_check:
            found[b.path].extend(_cumulative(by_check["cross_cumulative"], a, b))
        if "cross_plan" in by_check:
            found[b.path].extend(_plan(by_check["cross_plan"], a, b))
    for b in ordered:
        if "cross_earlier" in by_check:
            found[b.path].extend(_earlier(by_check["cross_earlier"], b, ordered))
        if "cross_tasks" in by_check:
            for a in ordered:
                if a is not b:
                    found[a.path].extend(_tasks(by_check["cross_tasks"], a, b))
    return found


# --- (a) series -------------------------------------------------------------------------------------------

def _cumulative(rule: RuleSpec, a: Report, b: Report) -> Iterable[Finding]:
    if a.period.year != b.period.year or not a.period.end < b.period.end:
        return  # year-to-date figures start again in January
    ia, ib = _index(a), _index(b)
    for key, new in ib.items():
        if new.kind != "cumulative" or new.measure == "%":
            continue
        old = ia.get(key)
        if old is None or new.value >= old.value:
            continue
        yield _finding(rule, b, new, a, old.unit, old.start, old.end,
                       {"this_value": _fmt(new), "other_value": _fmt(old), "matched_on": new.subject_text},
                       value=_fmt(new), other_value=_fmt(old), period=b.period.label, other_period=a.period.label)


def _plan(rule: RuleSpec, a: Report, b: Report) -> Iterable[Finding]:
    if a.period.year != b.period.year:
        return
    ia, ib = _index(a), _index(b)
    for key, new in ib.items():
        if new.kind != "plan":
            continue
        old = ia.get(key)
        if old is None or new.value == old.value or new.adjusted:
            continue
        yield _finding(rule, b, new, a, old.unit, old.start, old.end,
                       {"this_value": _fmt(new), "other_value": _fmt(old), "matched_on": new.subject_text},
                       value=_fmt(new), other_value=_fmt(old), period=b.period.label, other_period=a.period.label)


def _earlier_target(b: Report, ind: Indicator, ordered: list[Report]) -> Optional[Report]:
    p = b.period
    cue = ind.earlier.lower()
    wanted: Optional[periods.Period] = None
    if ind.earlier_month is not None:
        if p.kind != "month":
            return None
        month, year = ind.earlier_month
        year = year or (p.year if month < p.index else p.year - 1)
        wanted = periods.make_period("month", month, year)
        if not wanted.end < p.start:
            return None
    elif cue.startswith(("tháng trước", "kỳ trước", "quý trước")):
        if cue.startswith("tháng") and p.kind != "month" or cue.startswith("quý") and p.kind != "quarter":
            return None
        for r in ordered:
            if r.period is not None and periods.next_period(r.period) == periods.make_period(p.kind, p.index, p.year):
                return r
        return None
    elif cue.startswith("cùng kỳ"):
        wanted = periods.make_period(p.kind, p.index, p.year - 1)
    for r in ordered:
        if wanted is not None and (r.period.start, r.period.end) == (wanted.start, wanted.end):
            return r
    return None


def _earlier(rule: RuleSpec, b: Report, ordered: list[Report]) -> Iterable[Finding]:
    for ind in _indicators(b):
        if ind.kind != "earlier":
            continue
        target = _earlier_target(b, ind, ordered)
        if target is None:
            continue
        index = _index(target)
        kinds = [ind.of_kind] if ind.of_kind else ["current", "cumulative"]
        hits = [index[(k, ind.measure, ind.subject)] for k in kinds if (k, ind.measure, ind.subject) in index]
        if len(hits) != 1 or hits[0].value == ind.value:
            continue
        old = hits[0]
        yield _finding(rule, b, ind, target, old.unit, old.start, old.end,
                       {"this_value": _fmt(ind), "other_value": _fmt(old), "matched_on": ind.subject_text},
                       value=_fmt(ind), other_value=_fmt(old), cue=ind.earlier, other_period=target.period.label)


# --- tasks for the next period ---------------------------------------------------------------------------

GENERIC = frozenset(words("""tiếp tục triển khai thực hiện đẩy mạnh tăng cường chỉ đạo tổ chức công tác các xã thị trấn
    huyện tỉnh đơn vị cơ quan theo quy định kế hoạch chuẩn bị tốt nội dung hiệu quả phối hợp đôn đốc kiểm tra
    hướng dẫn trên địa bàn ngành liên quan nhiệm vụ tháng""")) | STOP_KEYS
MIN_TASK_WORDS = 4
ANSWERED = 0.5


def _terms(text: str) -> set[tuple[str, str]]:
    """Pairs of neighbouring syllables (Vietnamese words are mostly two syllables), generic pairs dropped."""
    ws = [w for w in words(text) if not w[0].isdigit()]
    return {(x, y) for x, y in zip(ws, ws[1:]) if not (x in GENERIC and y in GENERIC)}


def task_units(a: Report, heading) -> list[TextUnit]:
    units = a.document.units()
    nexts = [h.unit_index for h in a.next_headings if h.unit_index > heading.unit_index]
    stop = nexts[0] if nexts else len(units)
    out = []
    for u in units[heading.unit_index + 1:stop]:
        if END_OF_TASKS.search(u.ntext[:60]) or u.ntext.startswith("---- footnotes"):
            break
        if len(_terms(u.ntext)) >= MIN_TASK_WORDS and not u.in_table:
            out.append(u)
    return out


def _tasks(rule: RuleSpec, a: Report, b: Report) -> Iterable[Finding]:
    heads = [h for h in a.next_headings if (h.period.start, h.period.end) == (b.period.start, b.period.end)]
    if not heads:
        return
    results = [u for u in b.document.units()
               if (b.next_start is None or u.index < b.next_start) and not u.ntext.startswith("---- footnotes")]
    result_terms = [(u, _terms(u.ntext)) for u in results]
    for task in task_units(a, heads[0]):
        terms = _terms(task.ntext)
        best_unit, best = None, 0.0
        for u, ts in result_terms:
            score = len(terms & ts) / len(terms)
            if score > best:
                best_unit, best = u, score
        if best >= ANSWERED:
            continue
        ctx = CheckContext(a.document)
        shown = [" ".join(t) for t in sorted(terms)][:12]
        evidence = {"other_file": b.path, "matched_terms": shown, "best_score": round(best, 2),
                    "threshold": ANSWERED, "this_sentence": task.ntext[:300]}
        related = None
        if best_unit is not None and best > 0:
            related = located(best_unit, 0, len(best_unit.ntext), b.path)
            evidence["other_location"] = best_unit.label()
            evidence["other_sentence"] = best_unit.ntext[:300]
        found = ctx.finding(rule, task, 0, len(task.ntext), related=related, evidence=evidence,
                            period=heads[0].period.label, other_file=b.path.replace("\\", "/").rsplit("/", 1)[-1],
                            score=f"{best:.0%}")
        yield found.model_copy(update={"related_path": b.path})


# --- (b) summary ------------------------------------------------------------------------------------------

ROW_LABEL = regex.compile(r"^\s*(?:\d+|[IVX]+|[a-zđ])[.)]?\s*$")


def _summary_scope(summary: Report, orgs: dict[str, Report]) -> dict[int, tuple[str, int, int]]:
    """Unit index -> (org key, start, end) of the unit it speaks of: named in the same text, or
    named by the last group line ("2 | Phòng Tài nguyên và môi trường") above it."""
    from ..structure import heading_number

    scope: dict[int, tuple[str, int, int]] = {}
    current: Optional[str] = None
    for u in summary.document.units():
        # a unit named as the subject: at the start of the text ("- Phòng TN&MT: …"), not "phối hợp Phòng …"
        named = [(s, e, k) for s, e, k in org_mentions(u.ntext) if any(_same_org(k, o) for o in orgs)
                 and not u.ntext[:s].strip(" -+•*–'\t")]
        mentioned = org_mentions(u.ntext)
        if len(u.ntext) < 120 and len(mentioned) == 1 and not regex.search(r"\d", u.ntext[mentioned[0][1]:]):
            # a group line naming one unit (ours or not): the lines below speak of it
            current = next((o for o in orgs if named and _same_org(named[0][2], o)), None)
            continue
        if not named and (u.heading_level or heading_number(u.ntext)):
            current = None
        if len(named) == 1:
            scope[u.index] = (next(o for o in orgs if _same_org(named[0][2], o)), named[0][0], named[0][1])
        elif not named and current is not None:
            scope[u.index] = (current, 0, 0)
    return scope


def _same_org(mentioned: str, org: str) -> bool:
    return mentioned == org or mentioned.startswith(org + " ")


def run_summary(sources: list[Report], summary: Report, rules: list[RuleSpec]) -> dict[str, list[Finding]]:
    found: dict[str, list[Finding]] = {summary.path: []}
    rule = next((r for r in rules if r.check == "cross_summary"), None)
    if rule is None:
        return found
    orgs: dict[str, Report] = {}
    for s in sources:
        if s.org and s.org not in orgs:
            orgs[s.org] = s
        elif s.org in orgs:
            orgs[s.org] = None  # two sources of one unit: ambiguous
    orgs = {k: v for k, v in orgs.items() if v is not None}
    if not orgs:
        return found
    scope = _summary_scope(summary, orgs)
    units = {u.index: u for u in summary.document.units()}
    from .indicators import unit_indicators, unique_index as uniq

    for index, (org, _s, _e) in scope.items():
        source = orgs[org]
        drop = frozenset(words(org)) | frozenset(words(source.org_text))
        s_index = uniq(document_indicators(source.document, source.next_start, drop))
        for ind in unit_indicators(units[index], drop):
            other = s_index.get(ind.key)
            if other is None or other.value == ind.value:
                continue
            found[summary.path].append(_finding(
                rule, summary, ind, source, other.unit, other.start, other.end,
                {"this_value": _fmt(ind), "other_value": _fmt(other), "matched_on": ind.subject_text,
                 "unit": source.org_text},
                value=_fmt(ind), other_value=_fmt(other), org=source.org_text))
    return found

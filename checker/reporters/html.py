"""One self-contained HTML page: each report's text with findings highlighted in place, the
review list beside it, and a filter by rule and severity (no network, no external files).

The filter can be preset from the address: ``report.html#severity=error,warning&rule=SO001``.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from typing import Iterable, Optional

from .. import __version__
from ..api import FileResult
from ..findings import Finding
from ..model import Document, TextUnit
from ..ruleset import RuleSpec

SEV_VI = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Gợi ý"}

CSS = """
body{font-family:"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;margin:0;color:#1d1d1f;background:#f6f7f9}
header{background:#1f3b5b;color:#fff;padding:12px 20px;position:sticky;top:0;z-index:2}
header h1{font-size:18px;margin:0 0 6px}
#filters{display:flex;flex-wrap:wrap;gap:14px;font-size:14px;align-items:center}
#filters fieldset{border:1px solid #ffffff55;border-radius:6px;padding:4px 8px;margin:0}
#filters label{margin-right:8px;white-space:nowrap}
main{padding:12px 20px}
section.file{background:#fff;border:1px solid #d8dde3;border-radius:8px;margin:0 0 18px;padding:10px 16px}
section.file h2{font-size:16px;margin:4px 0 10px;word-break:break-all}
.cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:18px}
.doc p{margin:4px 0;line-height:1.55}
.doc table{border-collapse:collapse;margin:8px 0;width:100%}
.doc td{border:1px solid #c9ced6;padding:3px 6px;vertical-align:top}
.doc td p{margin:2px 0}
mark{background:none;border-bottom:2px solid transparent;padding:0 1px;cursor:pointer}
mark.on.error{background:#ffd7d5;border-color:#d1242f}
mark.on.warning{background:#fff1c2;border-color:#bf8700}
mark.on.info{background:#d7ecff;border-color:#0969da}
ol.findings{padding-left:20px;margin:0}
li.finding{margin:0 0 10px;font-size:14px}
li.finding.hidden{display:none}
.sev{font-weight:bold;border-radius:4px;padding:0 5px;font-size:12px}
.sev.error{background:#d1242f;color:#fff}.sev.warning{background:#bf8700;color:#fff}.sev.info{background:#0969da;color:#fff}
.where,.arith,.sugg{display:block;color:#555}
.arith{color:#6f42c1}.sugg{color:#1a7f37}
.excerpt{font-weight:bold}
.err{color:#d1242f;font-weight:bold}
.clean{color:#1a7f37}
.count{font-size:13px;color:#555}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:8px;margin:4px 0}
.pair blockquote{margin:0;padding:4px 8px;background:#f6f7f9;border-left:3px solid #c9ced6}
.pair .head{display:block;font-size:12px;color:#555;margin-bottom:2px}
.pair b{background:#fff1c2}
.pair .none{color:#777;font-style:italic}
"""

JS = """
(function(){
  var boxes = document.querySelectorAll('#filters input[type=checkbox]');
  function chosen(kind){var s={};document.querySelectorAll('#filters input[data-kind='+kind+']').forEach(function(b){if(b.checked)s[b.value]=1;});return s;}
  function apply(){
    var sev=chosen('severity'), rule=chosen('rule'), shown={}, n=0;
    document.querySelectorAll('li.finding').forEach(function(li){
      var ok = sev[li.dataset.severity] && rule[li.dataset.rule];
      li.classList.toggle('hidden', !ok); if(ok){shown[li.id]=1;n++;}
    });
    document.querySelectorAll('mark[data-findings]').forEach(function(m){
      var ids=m.dataset.findings.split(' '), on=false, sevs={};
      ids.forEach(function(id){ if(shown[id]){on=true; sevs[document.getElementById(id).dataset.severity]=1;} });
      m.classList.toggle('on', on);
      m.classList.remove('error','warning','info');
      if(on){m.classList.add(sevs.error?'error':(sevs.warning?'warning':'info'));}
    });
    document.getElementById('shown').textContent = n;
  }
  function fromHash(){
    var h=location.hash.replace(/^#/,''); if(!h) return;
    h.split('&').forEach(function(kv){
      var p=kv.split('='); if(p.length!=2) return; var vals=decodeURIComponent(p[1]).split(',');
      document.querySelectorAll('#filters input[data-kind='+p[0]+']').forEach(function(b){b.checked=vals.indexOf(b.value)>=0;});
    });
  }
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  document.querySelectorAll('mark[data-findings]').forEach(function(m){
    m.addEventListener('click',function(){var id=m.dataset.findings.split(' ')[0];var el=document.getElementById(id);if(el)el.scrollIntoView({behavior:'smooth',block:'center'});});
  });
  fromHash(); apply();
  window.addEventListener('hashchange',function(){fromHash();apply();});
})();
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _key(unit: TextUnit) -> tuple:
    return (unit.block, unit.table, unit.row, unit.col, unit.paragraph)


def _marked(text: str, spans: list[tuple[int, int, str]]) -> str:
    """``text`` with <mark> around the spans; overlapping spans are cut into pieces."""
    cuts = sorted({0, len(text), *[s for s, e, _ in spans], *[e for s, e, _ in spans]})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        ids = [fid for s, e, fid in spans if s <= a and b <= e]
        piece = _e(text[a:b])
        out.append(f'<mark data-findings="{" ".join(ids)}">{piece}</mark>' if ids else piece)
    return "".join(out).replace("\n", "<br>")


def _unit_html(unit: TextUnit, spans: dict, uid: str) -> str:
    return f'<p id="{uid}">{_marked(unit.text, spans.get(_key(unit), []))}</p>'


def _document_html(doc: Document, spans: dict, prefix: str) -> str:
    parts: list[str] = []
    units = doc.units()
    i = 0
    while i < len(units):
        u = units[i]
        if u.table is None:
            parts.append(_unit_html(u, spans, f"{prefix}-u{u.index}"))
            i += 1
            continue
        block = u.block
        rows: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
        while i < len(units) and units[i].block == block and units[i].table is not None:
            v = units[i]
            rows[v.row or 0][v.col or 0].append(_unit_html(v, spans, f"{prefix}-u{v.index}"))
            i += 1
        parts.append("<table>")
        for r in sorted(rows):
            parts.append("<tr>" + "".join(f"<td>{''.join(rows[r][c])}</td>" for c in sorted(rows[r])) + "</tr>")
        parts.append("</table>")
    return "\n".join(parts)


def _sentence(sentence: str, excerpt: Optional[str]) -> str:
    at = sentence.find(excerpt) if excerpt else -1
    if at < 0:
        return _e(sentence)
    return _e(sentence[:at]) + f"<b>{_e(excerpt)}</b>" + _e(sentence[at + len(excerpt):])


def _name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _pair_html(f: Finding, path: str, here: str, there: str) -> str:
    """A cross-document finding: this report's sentence and the other report's, side by side."""
    ev = f.evidence or {}
    other = _name(f.related_path or ev.get("other_file") or "")
    other_head = _e(f.related.label if f.related is not None and f.related.label else other)
    if there:
        other_head = f'<a href="#{there}">{other_head}</a>'
    left = _sentence(ev.get("this_sentence") or f.context or "", f.excerpt)
    if ev.get("other_sentence"):
        right = _sentence(ev["other_sentence"], ev.get("other_excerpt") or ev.get("other_value"))
    else:
        right = f'<span class="none">(không thấy đoạn nào tương ứng trong {_e(other)})</span>'
    return (f'<div class="pair"><blockquote><span class="head">{_e(_name(path))} — {here}</span>{left}</blockquote>'
            f'<blockquote><span class="head">{other_head}</span>{right}</blockquote></div>')


def _finding_html(f: Finding, fid: str, target: Optional[str], path: str = "",
                  related_target: Optional[str] = None) -> str:
    sev = f.severity.value
    where = _e(f.location.label)
    if target:
        where = f'<a href="#{target}">{where}</a>'
    bits = [f'<li class="finding" id="{fid}" data-rule="{_e(f.rule)}" data-severity="{sev}">',
            f'<span class="sev {sev}">{SEV_VI[sev]}</span> <b>{_e(f.rule)}</b> {_e(f.message)}',
            f'<span class="where">tại: {where}'
            + (f' — “<span class="excerpt">{_e(f.excerpt)}</span>”' if f.excerpt else "") + "</span>"]
    if f.crosses_documents:
        bits.append(_pair_html(f, path, where, related_target or ""))
    if f.evidence and f.evidence.get("arithmetic"):
        bits.append(f'<span class="arith">phép tính: {_e(f.evidence["arithmetic"])}</span>')
    if f.related is not None and not f.crosses_documents:
        rel = _e(f.related.label)
        if related_target:
            rel = f'<a href="#{related_target}">{rel}</a>'
        bits.append(f'<span class="where">xem thêm: {rel}</span>')
    if f.suggestion:
        bits.append(f'<span class="sugg">gợi ý: {_e(f.suggestion)}</span>')
    bits.append("</li>")
    return "".join(bits)


class _Anchors:
    """Element ids of the paragraphs shown on the page, to link a finding to a place in any report."""

    def __init__(self, results: list[FileResult], documents: dict[str, Document]) -> None:
        self.units: dict[str, tuple[str, dict]] = {}
        for n, r in enumerate(results):
            doc = documents.get(r.path)
            if doc is not None and not r.error and r.path not in self.units:
                self.units[r.path] = (f"f{n}", {_key(u): u for u in doc.units()})

    def unit(self, path: str, loc) -> Optional[TextUnit]:
        units = self.units.get(path, ("", {}))[1]
        return units.get((loc.block, loc.table, loc.row, loc.col, loc.paragraph))

    def target(self, path: Optional[str], loc) -> Optional[str]:
        if path is None or loc is None:
            return None
        unit = self.unit(path, loc)
        return f"{self.units[path][0]}-u{unit.index}" if unit is not None else None


def _file_html(n: int, result: FileResult, doc: Optional[Document], anchors: Optional[_Anchors] = None) -> str:
    prefix = f"f{n}"
    head = f'<section class="file" id="{prefix}"><h2>{_e(result.path)}</h2>'
    if result.error:
        return head + f'<p class="err">Không đọc được: {_e(result.error)}</p></section>'
    units_by_key = {_key(u): u for u in doc.units()} if doc else {}
    spans: dict[tuple, list] = defaultdict(list)
    items = []
    for k, f in enumerate(result.findings):
        fid = f"{prefix}-x{k}"
        loc = f.location
        key = (loc.block, loc.table, loc.row, loc.col, loc.paragraph)
        unit = units_by_key.get(key)
        target = f"{prefix}-u{unit.index}" if unit is not None else None
        if unit is not None and loc.end > loc.start:
            spans[key].append((loc.start, loc.end, fid))
        related_target = None
        if anchors is not None and f.related is not None:
            related_target = anchors.target(f.related_path or result.path, f.related)
        items.append(_finding_html(f, fid, target, result.path, related_target))
    listing = ('<ol class="findings">' + "".join(items) + "</ol>") if items else \
        '<p class="clean">Không phát hiện vấn đề nào.</p>'
    text = _document_html(doc, spans, prefix) if doc else ""
    return (head + f'<div class="cols"><div class="doc">{text}</div><div>{listing}</div></div></section>')


def render_html(results: Iterable[FileResult], rules: Iterable[RuleSpec],
                documents: Optional[dict[str, Document]] = None) -> str:
    results = list(results)
    rules = list(rules)
    if documents is None:
        from ..readers import ReadError, read_document

        documents = {}
        for r in results:
            if not r.error:
                try:
                    documents[r.path] = read_document(r.path)
                except ReadError:
                    pass
    used = sorted({f.rule for r in results for f in r.findings})
    titles = {r.id: r.title for r in rules}
    total = sum(len(r.findings) for r in results)
    sev_boxes = "".join(f'<label><input type="checkbox" data-kind="severity" value="{s}" checked> {SEV_VI[s]}</label>'
                        for s in ("error", "warning", "info"))
    rule_boxes = "".join(f'<label title="{_e(titles.get(rid, ""))}"><input type="checkbox" data-kind="rule" '
                         f'value="{_e(rid)}" checked> {_e(rid)}</label>' for rid in used)
    anchors = _Anchors(results, documents)
    files = "\n".join(_file_html(n, r, documents.get(r.path), anchors) for n, r in enumerate(results))
    meta = json.dumps({"tool": "rasoat", "version": __version__, "files": len(results), "findings": total},
                      ensure_ascii=False)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rasoat {_e(__version__)}">
<title>rasoat — kết quả rà soát</title>
<style>{CSS}</style>
<script type="application/json" id="rasoat-meta">{meta}</script>
</head><body>
<header><h1>rasoat — kết quả rà soát: {len(results)} tệp, <span id="shown">{total}</span>/{total} phát hiện</h1>
<div id="filters"><fieldset><legend>Mức độ</legend>{sev_boxes}</fieldset>
<fieldset><legend>Quy tắc</legend>{rule_boxes or '<span class="count">không có</span>'}</fieldset></div>
</header>
<main>
{files}
</main>
<script>{JS}</script>
</body></html>"""

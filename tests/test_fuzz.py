"""Never crash: mutated report text and mutated .docx XML give findings or a clear ReadError.

A rule that raises becomes one internal-error finding; the other rules still run.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _rawdocx import docx_bytes, p, table
from checker.api import check_text
from checker.checks import _REGISTRY, register
from checker.engine import run_rules
from checker.findings import Finding
from checker.readers import ReadError, parse_text
from checker.readers.docx_reader import DocxReader
from checker.ruleset import load_rules

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
EMBEDDED = (
    "Nhân dân đã gieo cấy lúa vụ mùa được 3.425ha/3.750ha, đạt 92,3% KH.\n"
    "Tổ chức 06 lớp/152 học viên; hỗ trợ 389 hộ/1.709 khẩu, trong đó: 15/17 xã đạt chuẩn.\n"
    "Ngày 10/5/2021, Công văn số 1120/UBND-TNMT ngày 30/2/2021 giai đoạn 2021 – 2026.\n"
    "TT\tNội dung\tKết quả\n1\tSố hộ được được hỗ trợ\t120\n2\tTỷ lệ\t91,3 %\n"
)


def _seed_lines() -> list[str]:
    lines: list[str] = []
    if SEEDS.is_dir():
        for f in sorted(SEEDS.glob("*.txt")):
            lines += [x for x in f.read_text(encoding="utf-8").splitlines() if x.strip()]
    return lines or EMBEDDED.splitlines()


LINES = _seed_lines()
RULES = load_rules()

lines = st.lists(st.sampled_from(LINES), min_size=1, max_size=6)
TOKENS = list("0123456789.,/%:;()–-\t \n") + ["ha", "hộ", "đạt", "ngày ", "tháng ", "năm ", "\u0301",
                                                "\u0323", "KH", "xã", "tỷ đồng", "1.234,5", "24/24h"]
noise = st.lists(st.sampled_from(TOKENS), max_size=12).map("".join)


@st.composite
def mutated_text(draw) -> str:
    text = "\n".join(draw(lines))
    for _ in range(draw(st.integers(0, 4))):
        if not text:
            break
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 30)))
        op = draw(st.sampled_from(["insert", "delete", "replace", "duplicate"]))
        if op == "insert":
            text = text[:i] + draw(noise) + text[i:]
        elif op == "delete":
            text = text[:i] + text[j:]
        elif op == "replace":
            text = text[:i] + draw(noise) + text[j:]
        else:
            text = text[:j] + text[i:j] + text[j:]
    return text


def assert_no_internal_error(findings: list[Finding]) -> None:
    crashed = [f for f in findings if (f.evidence or {}).get("internal_error")]
    assert not crashed, [f.message for f in crashed]


FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@FUZZ
@given(mutated_text())
def test_mutated_text_never_crashes_a_rule(text):
    findings = check_text(text, RULES)
    assert_no_internal_error(findings)
    for f in findings:
        assert f.location.start <= f.location.end


@FUZZ
@given(st.text(max_size=200))
def test_arbitrary_unicode_never_crashes_a_rule(text):
    assert_no_internal_error(check_text(text, RULES))


def _docx_from(document_xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", document_xml)
    return buf.getvalue()


BASE_XML = zipfile.ZipFile(io.BytesIO(docx_bytes(
    p(LINES[0][:200]) + table([["TT", "Nội dung", "Kết quả"], ["1", LINES[-1][:80], "91,3%"]])
    + p("Ngày 10/5/2021 đạt 15/17 xã.")))).read("word/document.xml")


@st.composite
def mutated_xml(draw) -> bytes:
    data = bytearray(BASE_XML)
    for _ in range(draw(st.integers(1, 5))):
        i = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["flip", "delete", "insert", "tag"]))
        if op == "flip":
            data[i] = draw(st.integers(0, 255))
        elif op == "delete":
            del data[i:i + draw(st.integers(1, 40))]
        elif op == "insert":
            data[i:i] = draw(st.binary(max_size=20))
        else:
            data[i:i] = draw(st.sampled_from([b"<w:tbl>", b"</w:tc>", b"<w:tr>", b"<w:p>", b"</w:p>",
                                              b'<w:gridSpan w:val="99999"/>', b"<w:vMerge/>", b"<w:ins>",
                                              b"<!DOCTYPE x>", b"&amp;", b"&#0;", b"\xff\xfe"]))
    return bytes(data)


@FUZZ
@given(mutated_xml())
def test_mutated_docx_xml_reads_or_fails_clearly(tmp_path_factory, xml):
    f = tmp_path_factory.mktemp("fz") / "m.docx"
    f.write_bytes(_docx_from(xml))
    try:
        doc = DocxReader(str(f)).read()
    except ReadError as exc:
        assert exc.message and "\n" not in exc.message
        return
    assert_no_internal_error(run_rules(doc, RULES))


def test_a_crashing_rule_is_one_internal_error_and_the_others_run():
    name = "_test_crashes_always"
    if name not in _REGISTRY:
        @register(name)
        def _crash(ctx, rule, params):
            raise ZeroDivisionError("cố ý")
            yield  # pragma: no cover

    base = next(r for r in RULES if r.check == "repeated")
    crashing = base.model_copy(update={"id": "RS999", "check": name, "params": {}})
    findings = run_rules(parse_text("Các hộ dân được được hỗ trợ."), [crashing, base])
    internal = [f for f in findings if f.rule == "RS999"]
    assert len(internal) == 1 and internal[0].evidence["internal_error"]
    assert "ZeroDivisionError" in internal[0].message
    assert any(f.rule == base.id for f in findings)  # the healthy rule still ran
    _REGISTRY.pop(name, None)


def test_a_generator_rule_that_raises_midway_keeps_no_partial_findings_and_the_rest_run():
    name = "_test_crashes_midway"

    @register(name)
    def _midway(ctx, rule, params):
        for unit in ctx.units():
            yield ctx.finding(rule, unit, 0, 1)
            raise KeyError("giữa chừng")

    base = next(r for r in RULES if r.check == "repeated")
    crashing = base.model_copy(update={"id": "RS998", "check": name, "params": {}})
    findings = run_rules(parse_text("Các hộ dân được được hỗ trợ."), [crashing, base])
    assert [f.rule for f in findings if f.rule == "RS998"] == ["RS998"]
    assert any(f.rule == base.id for f in findings)
    _REGISTRY.pop(name, None)

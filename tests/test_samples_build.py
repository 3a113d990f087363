"""scripts/build_samples.py: seed 000 rows rebuilt from the pasted table, .docx faithful to the seeds."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import docx as python_docx
import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
spec = importlib.util.spec_from_file_location("build_samples", ROOT / "scripts" / "build_samples.py")
build_samples = importlib.util.module_from_spec(spec)
sys.modules["build_samples"] = build_samples  # dataclasses look their module up
spec.loader.exec_module(build_samples)

needs_seeds = pytest.mark.skipif(not SEEDS.exists(), reason="seeds not available")


@needs_seeds
def test_seed_000_rows():
    rows = build_samples.parse_followup_table((SEEDS / build_samples.SEED_000).read_text(encoding="utf-8"))
    units = [r.cells[1].text for r in rows if r.kind == "unit"]
    assert units[0] == "Phòng Lao động thương binh và xã hội"
    assert units[-1] == "Phòng Giáo dục và đào tạo" and rows[-1].kind == "unit"
    assert len(units) == 12
    tasks = [r for r in rows if r.kind == "task"]
    assert all(len(r.cells) == 4 for r in tasks)
    texts = [tuple(c.text for c in r.cells) for r in tasks]
    assert len(texts) - len(set(texts)) == 1  # the row pasted twice is kept twice
    quyet_toan = next(r for r in tasks if "30/68" in r.cells[2].text)
    assert quyet_toan.cells[3].text == ""


@needs_seeds
def test_build_writes_faithful_samples(tmp_path):
    (tmp_path / f"{build_samples.OUT_CLEAN}.txt").write_text(
        (ROOT / "samples" / f"{build_samples.OUT_CLEAN}.txt").read_text(encoding="utf-8"), encoding="utf-8")
    build_samples.build(tmp_path)
    assert (tmp_path / f"{build_samples.OUT_000}.txt").read_bytes() == (SEEDS / build_samples.SEED_000).read_bytes()
    assert (tmp_path / f"{build_samples.OUT_001}.txt").read_bytes() == (SEEDS / build_samples.SEED_001).read_bytes()
    d = python_docx.Document(tmp_path / f"{build_samples.OUT_000}.docx")
    table = d.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["TT", "Nội dung yêu cầu tại kết luận", "Kết quả", "Nguyên nhân"]
    assert table.rows[1].cells[0].text == "1" and table.rows[1].cells[1].text == table.rows[1].cells[3].text
    d = python_docx.Document(tmp_path / f"{build_samples.OUT_001}.docx")
    headings = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "Phần thứ nhất") in headings
    assert ("Heading 4", "1.5. T (Viêttel: 1.450 thuê bao; Viễn Thông:131 thuê bao)-tttài chính, ngân hàng") in headings


def test_samples_in_repo_match_seeds():
    if not SEEDS.exists():
        pytest.skip("seeds not available")
    for seed, name in ((build_samples.SEED_000, build_samples.OUT_000), (build_samples.SEED_001, build_samples.OUT_001)):
        assert (ROOT / "samples" / f"{name}.txt").read_bytes() == (SEEDS / seed).read_bytes()

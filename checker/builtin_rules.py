"""Rules of the tool itself (RS…): they have no check function and no rule file.

RS100 reports a suppression that suppressed nothing (as Ruff's RUF100 does); RS900 is the
internal-error finding the engine emits when a rule crashes. They are listed here so that
``rasoat rules``, ``rasoat explain`` and the SARIF rule metadata know them.
"""

from __future__ import annotations

from .findings import Severity
from .ruleset import Examples, FlagExample, RuleSpec

UNUSED_SUPPRESSION = "RS100"
INTERNAL_ERROR = "RS900"

BUILTIN_RULES: list[RuleSpec] = [
    RuleSpec(
        id=UNUSED_SUPPRESSION,
        title="Lệnh bỏ qua không còn tác dụng",
        severity=Severity.warning,
        message="Lệnh bỏ qua “{marker}” không che phát hiện nào của {target}",
        check="(suppression)",
        family="tool",
        description=(
            "Một dấu “rasoat: bỏ qua <MÃ>” (hoặc “rasoat: ignore <MÃ>”) trong đoạn văn, dòng bảng "
            "hay trong một ghi chú (comment) Word mà quy tắc đó không còn báo gì tại chỗ ấy, "
            "hoặc mã quy tắc không tồn tại."),
        why=(
            "Lệnh bỏ qua cũ che mất lỗi mới sau này ở cùng chỗ. Khi lỗi đã được sửa, hãy xoá "
            "dấu bỏ qua để rasoat tiếp tục kiểm tra đoạn đó."),
        examples=Examples(
            flag=[FlagExample(text="Tỷ lệ đạt 100%. rasoat: bỏ qua SO001", excerpt="rasoat: bỏ qua SO001")],
            pass_=["được được cách ly tại khu tập trung. rasoat: bỏ qua NN001"],
        ),
    ),
    RuleSpec(
        id=INTERNAL_ERROR,
        title="Lỗi nội bộ khi chạy một quy tắc",
        severity=Severity.warning,
        message="Lỗi nội bộ: quy tắc không chạy được trên tài liệu này",
        check="(engine)",
        family="tool",
        description="Một quy tắc gặp lỗi khi chạy trên tài liệu; các quy tắc khác vẫn chạy bình thường.",
        why="Tài liệu này chưa được quy tắc đó kiểm tra: hãy báo lỗi kèm tệp để sửa quy tắc.",
        examples=Examples(flag=[FlagExample(text="(mọi tài liệu làm quy tắc gặp lỗi)")],
                          pass_=["(mọi tài liệu quy tắc chạy được)"]),
    ),
]


def with_builtins(rules: list[RuleSpec]) -> list[RuleSpec]:
    """File rules followed by the tool's own rules (never duplicated)."""
    known = {r.id for r in rules}
    return list(rules) + [r for r in BUILTIN_RULES if r.id not in known]

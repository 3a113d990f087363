"""A report of a cross-document run: its document, declared period, next-period part, author unit."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import regex

from ..extract import period as periods  # the dates engineer's period detector, reused
from ..model import Document
from .normalize import key_text

# "PHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG", "UBND XÃ BẢN LANG", "SỞ Y TẾ", "BAN QUẢN LÝ RỪNG PHÒNG HỘ"
ORG_RE = regex.compile(
    r"(?<!\p{L})(?P<type>(?i:phòng|ban|sở|xã|phường|thị trấn|trung tâm))\s+(?P<name>(?:[\p{Lu}Đ][\p{L}&]*|và|&)"
    r"(?:\s+(?:[\p{Lu}Đ][\p{L}&]*|và|&|[\p{Ll}]+)){0,7})")
ORG_HEADER_RE = regex.compile(
    r"^\s*(?:(?:UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s+)?(?P<org>(?:PHÒNG|BAN|SỞ|XÃ|PHƯỜNG|THỊ TRẤN|TRUNG TÂM)"
    r"\s+[\p{Lu}Đ][\p{Lu}Đ\s&,-]{2,80}?)\s*(?:\t|$|Số\s*:|CỘNG)")
END_OF_TASKS = regex.compile(r"KIẾN NGHỊ|ĐỀ XUẤT|Nơi nhận|Trên đây là", regex.IGNORECASE)


@dataclass
class Report:
    path: str
    document: Document
    period: Optional[periods.Period] = None
    next_start: Optional[int] = None  # first unit of the next-period part
    next_headings: tuple = ()
    org: Optional[str] = None  # normalised author unit ("phòng tài nguyên và môi trường")
    org_text: str = ""
    extra: dict = field(default_factory=dict)


def load(path: str, document: Document, override: Optional[str] = None) -> Report:
    units = document.units()
    texts = [u.ntext for u in units]
    levels = [u.heading_level for u in units]
    rp = periods.detect(texts, levels, override)
    org, org_text = author_unit(texts)
    return Report(path, document, rp.period, rp.next_start, rp.next_headings, org, org_text)


def author_unit(texts: list[str]) -> tuple[Optional[str], str]:
    """The issuing unit from the header lines ("PHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG")."""
    for text in texts[:8]:
        m = ORG_HEADER_RE.search(text)
        if m:
            org = " ".join(m.group("org").split()).rstrip(" ,-")
            return key_text(org), org
    return None, ""


def org_mentions(text: str) -> list[tuple[int, int, str]]:
    """Units named in a text: (start, end, normalised name)."""
    return [(m.start(), m.end(), key_text(m.group())) for m in ORG_RE.finditer(text)]

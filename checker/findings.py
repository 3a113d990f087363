"""The one finding model every reporter formats."""

from __future__ import annotations

from enum import Enum
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict

from .model import Location


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]

    @property
    def vi(self) -> str:
        return {"error": "lỗi", "warning": "cảnh báo", "info": "gợi ý"}[self.value]


class Finding(BaseModel):
    model_config = ConfigDict(use_enum_values=False)

    rule: str
    severity: Severity
    message: str
    excerpt: str
    context: str
    location: Location
    suggestion: Optional[str] = None
    evidence: Optional[dict[str, Any]] = None
    title: str = ""
    related: Optional[Location] = None  # a second place (the first occurrence, the other report)
    related_path: Optional[str] = None  # the other report's path when the second place is in another file

    @property
    def crosses_documents(self) -> bool:
        """A cross-document finding (XB…): compared with another report, named by ``related_path``."""
        return self.related_path is not None

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.block, loc.row or 0, loc.col or 0, loc.paragraph or 0, loc.start, self.rule)

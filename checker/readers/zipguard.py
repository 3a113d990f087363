"""Refuse decompression bombs from the zip directory, before inflating anything."""

from __future__ import annotations

import os
import zipfile
from typing import Optional

from pydantic import BaseModel, Field

from .errors import ReadError


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        return default
    return value if value > 0 else default


class ZipLimits(BaseModel):
    """Limits checked against the zip directory before anything is inflated.

    Defaults can be changed per run with the environment variables ``RASOAT_MAX_UNZIPPED_MB``
    (one XML part, inflated; default 256) and ``RASOAT_MAX_ZIP_RATIO`` (default 200), or by
    passing ``ZipLimits(...)`` to ``read_document`` / ``check_file``.
    """

    max_part_bytes: int = Field(default_factory=lambda: int(_env_number("RASOAT_MAX_UNZIPPED_MB", 256) * 2**20))
    max_ratio: float = Field(default_factory=lambda: _env_number("RASOAT_MAX_ZIP_RATIO", 200.0))  # inflated/compressed
    ratio_from_bytes: int = 10 * 2**20  # the ratio is judged only for parts inflating beyond this
    max_entries: int = 100_000  # a zip directory with more entries than this is not a report


def open_docx_part(zf: zipfile.ZipFile, name: str, path: str, limits: ZipLimits,
                   required: bool = False) -> Optional[bytes]:
    if len(zf.filelist) > limits.max_entries:
        raise ReadError(path, f"tệp .docx có quá nhiều phần ({len(zf.filelist):,}) "
                              f"(zip directory has over {limits.max_entries:,} entries)")
    try:
        info = zf.getinfo(name)
    except KeyError:
        if required:
            names = set(zf.namelist())
            if "xl/workbook.xml" in names:
                what = "đây là bảng tính Excel (.xlsx) bị đổi tên (an .xlsx renamed .docx)"
            elif "ppt/presentation.xml" in names:
                what = "đây là tệp PowerPoint (.pptx) bị đổi tên (a .pptx renamed .docx)"
            else:
                what = "thiếu word/document.xml (zip without word/document.xml)"
            raise ReadError(path, f"không phải tệp Word .docx: {what}") from None
        return None
    if info.flag_bits & 0x1:
        raise ReadError(path, "tệp .docx bị mã hóa (encrypted zip entry)")
    if info.file_size > limits.max_part_bytes:
        raise ReadError(path, f"tệp .docx quá lớn khi giải nén: {name} {info.file_size:,} byte "
                              f"(decompressed size over the limit of {limits.max_part_bytes:,} bytes; "
                              f"raise it with RASOAT_MAX_UNZIPPED_MB)")
    if info.file_size > limits.ratio_from_bytes and info.file_size > limits.max_ratio * max(info.compress_size, 1):
        raise ReadError(path, f"tệp .docx nghi là 'bom nén': {name} nở {info.file_size // max(info.compress_size, 1)}× "
                              f"(decompression bomb: ratio above {limits.max_ratio:g})")
    try:
        with zf.open(info) as fh:
            data = fh.read(limits.max_part_bytes + 1)
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
        raise ReadError(path, f"tệp .docx bị hỏng (corrupt zip entry {name}: {exc})") from None
    except Exception as exc:  # zlib.error and friends from a truncated stream
        raise ReadError(path, f"tệp .docx bị hỏng (corrupt zip entry {name}: {exc})") from None
    if len(data) > limits.max_part_bytes:
        raise ReadError(path, "tệp .docx quá lớn khi giải nén (decompressed size over the limit)")
    return data

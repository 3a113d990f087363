"""Refuse decompression bombs from the zip directory, before inflating anything."""

from __future__ import annotations

import zipfile
from typing import Optional

from pydantic import BaseModel

from .errors import ReadError


class ZipLimits(BaseModel):
    max_part_bytes: int = 256 * 1024 * 1024  # one XML part, inflated
    max_ratio: float = 200.0  # inflated / compressed, for parts over 1 MB


def open_docx_part(zf: zipfile.ZipFile, name: str, path: str, limits: ZipLimits,
                   required: bool = False) -> Optional[bytes]:
    try:
        info = zf.getinfo(name)
    except KeyError:
        if required:
            raise ReadError(path, "không phải tệp Word .docx: thiếu word/document.xml "
                                  "(zip without word/document.xml — maybe .xlsx/.pptx renamed)") from None
        return None
    if info.flag_bits & 0x1:
        raise ReadError(path, "tệp .docx bị mã hóa (encrypted zip entry)")
    if info.file_size > limits.max_part_bytes:
        raise ReadError(path, f"tệp .docx quá lớn khi giải nén: {name} {info.file_size:,} byte "
                              f"(decompressed size over the limit of {limits.max_part_bytes:,} bytes)")
    if info.file_size > 1_000_000 and info.file_size > limits.max_ratio * max(info.compress_size, 1):
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

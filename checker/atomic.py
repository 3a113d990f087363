"""Atomic output: write a temp file beside the target, then rename. Inputs are never written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable


class OutputError(Exception):
    """An output that must not or cannot be written (one clear line)."""


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    pa, pb = Path(a), Path(b)
    try:
        if pa.exists() and pb.exists():
            return pa.samefile(pb)
    except OSError:
        pass
    return pa.resolve() == pb.resolve()


def guard_output(output: str | os.PathLike, inputs: Iterable[str | os.PathLike]) -> None:
    for src in inputs:
        if same_file(output, src):
            raise OutputError(f"{output}: không ghi đè lên tệp đầu vào — hãy chọn tên tệp khác "
                              f"(refusing to overwrite the input)")


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target}: là một thư mục, không ghi được (is a directory)")
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{target}: thư mục chứa không tồn tại (no such directory: {directory})")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            try:
                os.chmod(tmp, target.stat().st_mode & 0o777)
            except OSError:
                pass
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))

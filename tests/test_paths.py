"""Which files a folder walk treats as reports."""

from pathlib import Path

from checker.api import expand_paths


def test_folder_walk_skips_readme_lock_files_and_hidden_folders(tmp_path: Path) -> None:
    (tmp_path / "bc_thang01.txt").write_text("Báo cáo tháng 01.", encoding="utf-8")
    (tmp_path / "README.md").write_text("# Thư mục báo cáo", encoding="utf-8")
    (tmp_path / "~$bc_thang01.docx").write_bytes(b"lock")
    (tmp_path / "ghi_chu.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "note.txt").write_text("x", encoding="utf-8")
    (tmp_path / "quy2").mkdir()
    (tmp_path / "quy2" / "bc_quy2.md").write_text("Báo cáo quý II.", encoding="utf-8")

    files, errors = expand_paths([str(tmp_path)])

    assert [Path(f).relative_to(tmp_path).as_posix() for f in files] == ["bc_thang01.txt", "quy2/bc_quy2.md"]
    assert errors == []


def test_a_readme_named_explicitly_is_still_checked(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Ghi chú", encoding="utf-8")
    files, errors = expand_paths([str(readme)])
    assert files == [str(readme)] and errors == []


def test_folder_with_only_a_readme_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Ghi chú", encoding="utf-8")
    files, errors = expand_paths([str(tmp_path)])
    assert files == [] and len(errors) == 1 and "không có báo cáo" in errors[0].error

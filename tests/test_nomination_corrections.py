"""A corrected nominations file imported again (DATA-FORMAT F): the lists of the units it names
are replaced — added, removed, kept and name fixes shown per unit with the quota — units it does
not name keep theirs, over quota refuses everything; several nominations deleted and restored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.models import Database
from app.scoring import ProblemList
from app.services import audit, figures, imports, nomination_bulk, nominations
from app.services.errors import QuotaError
from app.services.nomination_diff import Change
from tests.test_commands_exchange import run
from tests.test_exchange_helpers import write_xlsx
from tests.test_imports import (
    SAMPLE_NOMINATIONS,
    SAMPLE_UNITS,
    assert_unchanged,
    dump,
    period_id,
)

pytestmark = pytest.mark.skipif(not SAMPLE_NOMINATIONS.exists(), reason="no shared sample data")
HEADER = ["Họ và tên", "Chức vụ", "Đơn vị", "Tóm tắt thành tích", "Ngày sinh", "Giới tính"]
CAY_DUONG, HOA_AN, TAN_BINH = "31396", "31423", "31399"


def sample_rows(unit: str) -> list[list[str]]:
    lines = SAMPLE_NOMINATIONS.read_text(encoding="utf-8-sig").splitlines()[1:]
    return [line.split(",") for line in lines if line.split(",")[2] == unit]


def corrected_file(path: Path) -> Path:
    """As an office sends it back: Cây Dương's list with one name corrected, Hòa An's with two
    people dropped and one new — as an .xlsx typed again, birth dates as Excel dates."""
    import datetime as dt

    cay_duong = sample_rows("Thị trấn Cây Dương")
    cay_duong[0][0] = "Huỳnh Trúc Phương"  # was "Huỳnh Trúc Phát": same birth date and position
    hoa_an = sample_rows("Xã Hòa An")[:2]
    hoa_an.append(["Lê Thị Mới", "Công chức Địa chính", "Xã Hòa An", "Hỗ trợ người dân", "", "Nữ"])
    rows: list[list[Any]] = [HEADER]
    for row in [*cay_duong, *hoa_an]:
        day = dt.datetime.strptime(row[4], "%d/%m/%Y") if row[4] else None
        rows.append([*row[:4], day, row[5]])
    return write_xlsx(path, rows)


@pytest.fixture
def full_db(storage: Database) -> Database:
    """Sample figures and the sample nominations (every quota filled)."""
    pid = period_id(storage)
    figures.import_figures(storage, pid, SAMPLE_UNITS, backup=False)
    imports.import_nominations(storage, pid, SAMPLE_NOMINATIONS, backup=False)
    return storage


def people(db: Database, code: str) -> list[tuple[int, str]]:
    return [(n.id, n.full_name) for n in nominations.list_nominations(db, period_id(db), code)]


def test_corrected_file_adds_removes_and_fixes_a_name(full_db: Database, tmp_path: Path) -> None:
    pid = period_id(full_db)
    path = corrected_file(tmp_path / "de-nghi-sua.xlsx")
    cay_before, hoa_before = people(full_db, CAY_DUONG), people(full_db, HOA_AN)
    others = [
        n
        for n in nominations.list_nominations(full_db, pid)
        if n.unit_code not in (CAY_DUONG, HOA_AN)
    ]
    before = dump(full_db.path)
    preview = imports.preview_nominations(full_db, pid, path)
    assert dump(full_db.path) == before  # a preview writes nothing
    cay, hoa = preview.units
    assert (cay.unit_code, cay.before, cay.after) == (CAY_DUONG, 5, 5)
    (fix,) = cay.of(Change.RENAMED)
    assert (fix.old_name, fix.full_name, fix.nomination_id) == (
        "Huỳnh Trúc Phát",
        "Huỳnh Trúc Phương",
        cay_before[0][0],
    )
    assert len(cay.of(Change.KEPT)) == 4 and not cay.of(Change.ADDED)
    assert "chỉ tiêu 5 cá nhân" in cay.summary()
    assert (hoa.before, hoa.after) == (4, 3)
    assert [p.full_name for p in hoa.of(Change.ADDED)] == ["Lê Thị Mới"]
    assert [p.full_name for p in hoa.of(Change.REMOVED)] == [n for _, n in hoa_before[2:]]
    text = "\n".join(preview.lines())
    assert "Sửa tên: Huỳnh Trúc Phát → Huỳnh Trúc Phương" in text and "Bỏ: Châu Gia Toàn" in text
    assert "Giữ nguyên danh sách của" in text and "Xã Tân Bình" in text

    result = imports.apply_nominations(full_db, preview)
    assert (result.added, result.removed, result.renamed, result.kept) == (1, 2, 1, 6)
    assert result.backup_path is not None
    # Kept and renamed people keep their nomination (id and place); the new one comes after.
    assert people(full_db, CAY_DUONG) == [(cay_before[0][0], "Huỳnh Trúc Phương"), *cay_before[1:]]
    hoa_after = people(full_db, HOA_AN)
    assert hoa_after[:2] == hoa_before[:2] and hoa_after[2][1] == "Lê Thị Mới"
    assert [
        n
        for n in nominations.list_nominations(full_db, pid)
        if n.unit_code not in (CAY_DUONG, HOA_AN)
    ] == others
    entries = audit.list_audit(full_db, limit=2)  # newest first: one entry per unit changed
    assert {e.action for e in entries} == {audit.Action.NOMINATIONS_IMPORT}
    assert sorted(e.subject for e in entries) == sorted([CAY_DUONG, HOA_AN])
    assert audit.action_label(entries[0].action) == "Nhập lại danh sách đề nghị"
    # The same file again changes nothing.
    assert not imports.preview_nominations(full_db, pid, path).has_changes


def test_over_quota_refuses_the_whole_file(full_db: Database, tmp_path: Path) -> None:
    rows = [HEADER, *sample_rows("Thị trấn Cây Dương"), *sample_rows("Xã Hòa An")[:1]]
    rows.append(["Nguyễn Văn Thừa", "Công chức", "Thị trấn Cây Dương", "", "01/01/1990", "Nam"])
    path = write_xlsx(tmp_path / "qua.xlsx", rows)
    message = assert_unchanged(
        full_db, lambda: imports.import_nominations(full_db, period_id(full_db), path), ProblemList
    )
    assert "Thị trấn Cây Dương" in message and "được 5 cá nhân" in message
    assert "danh sách mới có 6 (đang có 5)" in message


def test_free_texts_kept_when_the_file_leaves_them_out(full_db: Database, tmp_path: Path) -> None:
    pid = period_id(full_db)
    (person,) = nominations.list_nominations(full_db, pid, TAN_BINH)
    nominations.update_nomination(full_db, person.id, achievement_text="Hướng dẫn 300 hồ sơ")
    row = sample_rows("Xã Tân Bình")[0]
    row[1] = "Chủ tịch UBND"  # promoted: a change of position, the same person
    imports.import_nominations(full_db, pid, write_xlsx(tmp_path / "tb.xlsx", [HEADER, row]))
    (after,) = nominations.list_nominations(full_db, pid, TAN_BINH)
    assert (after.id, after.position, after.achievement_text) == (
        person.id,
        "Chủ tịch UBND",
        "Hướng dẫn 300 hồ sơ",
    )


def test_delete_several_and_restore_exactly(full_db: Database) -> None:
    pid = period_id(full_db)
    everyone = nominations.list_nominations(full_db, pid)
    chosen = [everyone[1].id, everyone[3].id, everyone[4].id]
    deleted = nomination_bulk.delete_nominations(full_db, chosen)
    assert deleted.ids == tuple(sorted(chosen))
    assert [n.id for n in nominations.list_nominations(full_db, pid)] == [
        n.id for n in everyone if n.id not in chosen
    ]
    nomination_bulk.restore_nominations(full_db, deleted)
    assert nominations.list_nominations(full_db, pid) == everyone
    actions = [e.action for e in audit.list_audit(full_db)][:2]
    assert set(actions) == {audit.Action.NOMINATIONS_DELETE, audit.Action.NOMINATIONS_RESTORE}


def test_restore_refused_when_the_quota_was_used_meanwhile(full_db: Database) -> None:
    pid = period_id(full_db)
    (person,) = nominations.list_nominations(full_db, pid, TAN_BINH)
    deleted = nomination_bulk.delete_nominations(full_db, [person.id])
    nominations.add_nomination(full_db, pid, TAN_BINH, "Người Khác", "Công chức")
    with pytest.raises(QuotaError, match="Không hoàn tác được"):
        nomination_bulk.restore_nominations(full_db, deleted)


@pytest.mark.usefixtures("restore_thidua_logging")
def test_command_prints_the_diff_and_applies_only_with_yes(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "--db", str(db_path), "import-figures", str(SAMPLE_UNITS))
    status, _, _ = run(
        capsys, "--db", str(db_path), "import-nominations", str(SAMPLE_NOMINATIONS), "--yes"
    )
    assert status == 0
    path = corrected_file(tmp_path / "sua.xlsx")
    before = dump(db_path)
    status, out, err = run(capsys, "--db", str(db_path), "import-nominations", str(path))
    assert status == 2 and "--yes" in err and "Chưa nhập" in err
    assert "Sửa tên: Huỳnh Trúc Phát → Huỳnh Trúc Phương" in out and "Thêm: Lê Thị Mới" in out
    assert dump(db_path) == before
    status, out, _ = run(capsys, "--db", str(db_path), "import-nominations", str(path), "--yes")
    assert status == 0 and "thêm 1 người" in out and "bỏ 2" in out
    assert dump(db_path) != before
    status, out, _ = run(capsys, "--db", str(db_path), "import-nominations", str(path))
    assert status == 0 and "không có gì để nhập" in out


def test_a_commune_imports_only_its_own_list(full_db: Database, tmp_path: Path) -> None:
    rows = [HEADER, *sample_rows("Xã Tân Bình"), *sample_rows("Xã Hòa An")[:1]]
    path = write_xlsx(tmp_path / "xa.xlsx", rows)
    pid = period_id(full_db)
    message = assert_unchanged(
        full_db,
        lambda: imports.preview_nominations(full_db, pid, path, only_unit=TAN_BINH),
        ProblemList,
    )
    assert "ở chế độ đơn vị chỉ nhập đề nghị của Xã Tân Bình" in message and "Dòng 3" in message
    own = write_xlsx(tmp_path / "tb.xlsx", [HEADER, *sample_rows("Xã Tân Bình")])
    preview = imports.preview_nominations(full_db, pid, own, only_unit=TAN_BINH)
    assert [u.unit_code for u in preview.units] == [TAN_BINH] and not preview.has_changes

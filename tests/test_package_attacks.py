"""Signed commune packages under attack (DATA-FORMAT.md section D, issue 13): a package edited in
Excel, made by commune A in commune B's name, replayed, made for next year's campaign of the same
name, swapped between the preview and the write, unsigned. Each attack leaves every table of the
district's database exactly as it was and says what is wrong, naming the unit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from app.exchange.package import META_SHEET, NOMINATIONS_SHEET, PackageError, Signer, write_package
from app.exchange.signature import KeyCodeError, key_code, parse_key_code
from app.models import Database
from app.scoring import UnitFigures, UnitKind
from app.services import audit, campaigns, exports, figures, imports, nominations, package_keys
from app.services.errors import ServiceError
from app.services.imports import UnsignedPackageError
from app.services.setup import open_storage
from tests.test_imports import assert_unchanged, dump

CAY_DUONG, TAN_BINH = "31396", "31399"
GOOD = UnitFigures(TAN_BINH, "Xã Tân Bình", UnitKind.XA, 1677, 2741, 355, 14287, 15238)


def _open(template: Path, path: Path) -> Database:
    from app.models.files import copy_database

    copy_database(template, path)
    return open_storage(path, daily=False)


@pytest.fixture
def offices(tmp_path: Path, seeded_template: Path) -> Iterator[dict[str, Any]]:
    """The district (keys for Tân Bình and Cây Dương) and Tân Bình's program (its key typed in,
    its figures and one nominee)."""
    district = _open(seeded_template, tmp_path / "huyen" / "thidua.sqlite3")
    commune = _open(seeded_template, tmp_path / "xa" / "thidua.sqlite3")
    try:
        for code in (TAN_BINH, CAY_DUONG):
            package_keys.create_key(district, code)
        typed = package_keys.show_key_code(district, TAN_BINH).lower().replace("-", " ")
        package_keys.enter_key(commune, TAN_BINH, code=typed)
        pid = period(commune)
        figures.set_unit_figures(commune, pid, GOOD)
        nominations.add_nomination(commune, pid, TAN_BINH, "Nguyễn Văn An", "Công chức Tư pháp")
        yield {"district": district, "commune": commune, "dir": tmp_path}
    finally:
        district.close()
        commune.close()


def period(db: Database) -> int:
    return campaigns.find_period(db).id


def export(db: Database, out: Path) -> Path:
    exports.export_package(db, period(db), TAN_BINH, out)
    return out


def stored(db: Database) -> UnitFigures | None:
    return next((u for u in figures.period_figures(db, period(db)) if u.code == TAN_BINH), None)


def set_cell(path: Path, sheet: str, cell: str, value: object) -> Path:
    workbook = load_workbook(path)
    workbook[sheet][cell].value = value
    workbook.save(path)
    return path


def meta_row(path: Path, label: str) -> str:
    sheet = load_workbook(path)[META_SHEET]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == label)
    return f"B{row}"


def test_a_signed_package_goes_in_and_everything_is_audited(offices: dict[str, Any]) -> None:
    district, commune = offices["district"], offices["commune"]
    out = export(commune, offices["dir"] / "goi.xlsx")
    preview = imports.preview_package(district, out)
    assert preview.signed and preview.meta.sequence == 1
    assert "Chữ ký: hợp lệ" in preview.signature_status()
    imports.import_package(district, preview, backup=False)
    assert stored(district) == GOOD
    assert [e.subject for e in audit.list_audit(district, action="package.key.create")] == [
        CAY_DUONG,
        TAN_BINH,
    ]
    (entry,) = audit.list_audit(district, action="package.import.signed")
    assert entry.subject == TAN_BINH and entry.new["sequence"] == 1
    assert audit.action_label(entry.action) == "Nhập gói số liệu có chữ ký"
    assert len(audit.list_audit(commune, action="package.key.enter")) == 1
    # the key itself is never written to the audit log
    secret = parse_key_code(package_keys.show_key_code(district, TAN_BINH), TAN_BINH)
    assert secret.hex() not in str(dump(district.path)["audit_entry"])
    # the next package continues the numbers
    again = export(commune, offices["dir"] / "goi-2.xlsx")
    assert imports.preview_package(district, again).meta.sequence == 2


@pytest.mark.parametrize(
    ("sheet", "cell", "value"),
    [
        ("Số liệu", "D2", 1700),  # a figure changed in Excel
        ("Số liệu", "B2", "Xã Tân Bình mới"),  # the unit's name
        (NOMINATIONS_SHEET, "A2", "Nguyễn Văn Bình"),  # the nominee
        (NOMINATIONS_SHEET, "A3", "Người thêm vào"),  # a nominee added
    ],
)
def test_a_package_edited_in_excel_is_refused(
    offices: dict[str, Any], sheet: str, cell: str, value: object
) -> None:
    district, commune = offices["district"], offices["commune"]
    out = export(commune, offices["dir"] / "goi.xlsx")
    if cell == "A3":
        set_cell(out, sheet, "B3", "Công chức")
        set_cell(out, sheet, "C3", TAN_BINH)
    set_cell(out, sheet, cell, value)
    message = assert_unchanged(
        district, lambda: imports.preview_package(district, out), PackageError
    )
    assert "Xã Tân Bình (31399)" in message and "đã bị sửa" in message
    assert_unchanged(
        district,
        lambda: imports.import_package(district, out, accept_unsigned=True),
        PackageError,
    )


def test_the_information_sheet_edited_is_refused(offices: dict[str, Any]) -> None:
    district, commune = offices["district"], offices["commune"]
    out = export(commune, offices["dir"] / "goi.xlsx")
    set_cell(out, META_SHEET, meta_row(out, "Số thứ tự gói"), 99)  # to beat a later package
    message = assert_unchanged(
        district, lambda: imports.preview_package(district, out), PackageError
    )
    assert "đã bị sửa" in message


def test_commune_a_cannot_send_a_package_in_commune_bs_name(offices: dict[str, Any]) -> None:
    district, folder = offices["district"], offices["dir"]
    # Cây Dương's program, with Cây Dương's key, writes a package naming Tân Bình
    cay_duong_key = parse_key_code(package_keys.show_key_code(district, CAY_DUONG), CAY_DUONG)
    campaign = campaigns.current_campaign(district)
    info = campaigns.find_period(district)
    out = folder / "gia-mao.xlsx"
    with sqlite3.connect(district.path) as conn:
        (campaign_uid,) = conn.execute("SELECT uid FROM campaign").fetchone()
        (period_uid,) = conn.execute("SELECT uid FROM period").fetchone()
    conn.close()
    write_package(
        out,
        dataclasses.replace(GOOD, online=1000),
        campaign=campaign.name,
        campaign_uid=campaign_uid,
        campaign_year=campaign.year,
        period_name=info.name,
        period=(info.start_date, info.end_date),
        period_uid=period_uid,
        nominations=[],
        signer=Signer(cay_duong_key, 50),
    )
    message = assert_unchanged(
        district,
        lambda: imports.import_package(district, out, accept_unsigned=True),
        PackageError,
    )
    assert "Xã Tân Bình (31399)" in message and "khóa của Thị trấn Cây Dương (31396)" in message
    # the same with a key this district never made
    write_package(
        out,
        GOOD,
        campaign=campaign.name,
        campaign_uid=campaign_uid,
        campaign_year=campaign.year,
        period=(info.start_date, info.end_date),
        period_uid=period_uid,
        nominations=[],
        signer=Signer(b"k" * 20, 50),
    )
    message = assert_unchanged(
        district, lambda: imports.preview_package(district, out), PackageError
    )
    assert "chữ ký không khớp khóa của Xã Tân Bình (31399)" in message


def test_an_older_package_is_refused_after_a_newer_one(offices: dict[str, Any]) -> None:
    district, commune, folder = offices["district"], offices["commune"], offices["dir"]
    first = export(commune, folder / "goi-1.xlsx")
    better = dataclasses.replace(GOOD, accounts=500)
    figures.set_unit_figures(commune, period(commune), better)
    second = export(commune, folder / "goi-2.xlsx")
    imports.import_package(district, second, backup=False)
    assert stored(district) == better
    message = assert_unchanged(
        district, lambda: imports.import_package(district, first, backup=False), PackageError
    )
    assert "Xã Tân Bình (31399)" in message and "cũ hơn gói đã nhập" in message
    assert "gói số 2" in message
    # the same package again is no replay: it changes nothing
    assert not imports.preview_package(district, second).has_changes
    # a package numbered like the last one but with other content (the commune restored an old
    # copy of its database and exported again) is refused too
    with sqlite3.connect(commune.path) as conn:
        conn.execute("UPDATE package_key SET last_sequence = 1")
    conn.close()
    figures.set_unit_figures(commune, period(commune), GOOD)
    third = export(commune, folder / "goi-3.xlsx")
    message = assert_unchanged(
        district, lambda: imports.preview_package(district, third), PackageError
    )
    assert "mang số 2 như gói đã nhập" in message


def test_packages_without_a_number_are_ordered_by_export_time(offices: dict[str, Any]) -> None:
    district, commune, folder = offices["district"], offices["commune"], offices["dir"]
    first = export(commune, folder / "goi-1.xlsx")
    imports.import_package(district, first, backup=False)
    with sqlite3.connect(district.path) as conn:  # as if the last was exported in 2099
        conn.execute("UPDATE package_receipt SET exported_at = ?", ("2099-01-01 00:00:00",))
    conn.close()
    # a signed package is ordered by its number: a commune's clock cannot block it
    second = export(commune, folder / "goi-2.xlsx")
    assert imports.preview_package(district, second).signed
    # an unsigned one, by its export time
    with sqlite3.connect(commune.path) as conn:
        conn.execute("DELETE FROM package_key")
    conn.close()
    unsigned = export(commune, folder / "goi-3.xlsx")
    message = assert_unchanged(
        district,
        lambda: imports.import_package(district, unsigned, accept_unsigned=True),
        PackageError,
    )
    assert "Xã Tân Bình (31399)" in message and "cũ hơn gói đã nhập" in message
    assert "00:00:00 ngày 01/01/2099" in message


def test_next_years_campaign_of_the_same_name_refuses_the_package(
    offices: dict[str, Any],
) -> None:
    district, commune, folder = offices["district"], offices["commune"], offices["dir"]
    out = export(commune, folder / "goi.xlsx")
    # a district database for next year: same campaign name, another stable id
    other = folder / "nam-sau" / "thidua.sqlite3"
    other.parent.mkdir()
    shutil.copy(district.path, other)
    with sqlite3.connect(other) as conn:
        conn.execute("UPDATE campaign SET uid = 'a7e2c9d0-0000-4000-8000-000000000001'")
    conn.close()
    with open_storage(other, daily=False) as next_year:
        assert (
            campaigns.current_campaign(next_year).name == campaigns.current_campaign(district).name
        )
        message = assert_unchanged(
            next_year,
            lambda: imports.import_package(next_year, out, accept_unsigned=True),
            PackageError,
        )
    assert "Xã Tân Bình (31399)" in message and "thuộc đợt thi đua" in message
    assert "dù tên có thể giống nhau" in message
    # correcting the campaign's year or name at the district (communes cannot) changes nothing
    campaign = campaigns.current_campaign(district)
    campaigns.update_campaign(district, campaign.id, year=2024, name="Tên mới")
    assert imports.preview_package(district, out).signed


def test_a_period_with_other_dates_refuses_the_package(offices: dict[str, Any]) -> None:
    district, commune, folder = offices["district"], offices["commune"], offices["dir"]
    out = export(commune, folder / "goi.xlsx")
    info = campaigns.find_period(district)
    campaigns.update_period(district, info.id, end_date=dt.date(2024, 12, 31))
    message = assert_unchanged(
        district, lambda: imports.preview_package(district, out), PackageError
    )
    assert "Xã Tân Bình (31399)" in message and "từ 01/09/2023 đến 31/12/2023" in message
    # a period chosen by hand that is not the package's is refused too
    campaigns.update_period(district, info.id, end_date=info.end_date)
    other = campaigns.add_period(
        district, info.campaign_id, "Sơ kết", dt.date(2023, 9, 1), dt.date(2023, 10, 31)
    )
    message = assert_unchanged(
        district,
        lambda: imports.import_package(district, out, period_id=other.id),
        PackageError,
    )
    assert "là số liệu kỳ" in message and "không phải kỳ «Sơ kết»" in message
    # a period renamed keeps its id: the package still goes there
    campaigns.update_period(district, info.id, end_date=info.end_date, name="Năm 2023 (đổi tên)")
    assert imports.preview_package(district, out).period_name == "Năm 2023 (đổi tên)"


def test_swapping_the_file_after_the_preview_changes_nothing(offices: dict[str, Any]) -> None:
    district, commune, folder = offices["district"], offices["commune"], offices["dir"]
    out = export(commune, folder / "goi.xlsx")
    preview = imports.preview_package(district, out)
    # after the officer saw the preview, the file is replaced by another valid package …
    figures.set_unit_figures(commune, period(commune), dataclasses.replace(GOOD, eid=1))
    export(commune, folder / "khac.xlsx").replace(out)
    imports.import_package(district, preview, backup=False)
    assert stored(district) == GOOD  # … what is stored is what was shown
    # … or by garbage, or removed: the preview is stored all the same
    figures.set_unit_figures(commune, period(commune), dataclasses.replace(GOOD, eid=2))
    later = imports.preview_package(district, export(commune, folder / "goi-3.xlsx"))
    (folder / "goi-3.xlsx").write_bytes(b"not a package")
    (folder / "goi-3.xlsx").unlink()
    imports.import_package(district, later, backup=False)
    assert stored(district) == dataclasses.replace(GOOD, eid=2)


def test_swapping_the_file_to_a_forged_one_after_preview_stores_the_preview(
    offices: dict[str, Any],
) -> None:
    district, commune, folder = offices["district"], offices["commune"], offices["dir"]
    out = export(commune, folder / "goi.xlsx")
    preview = imports.preview_package(district, out)
    set_cell(out, "Số liệu", "D2", 9)  # edited after the preview
    imports.import_package(district, preview, backup=False)
    assert stored(district) == GOOD
    rows = dump(district.path)["unit_figures"]
    assert [r[3] for r in rows if r[2] != 0] == [GOOD.online]


def test_an_unsigned_package_needs_the_officers_confirmation(offices: dict[str, Any]) -> None:
    district, folder, seeded = offices["district"], offices["dir"], offices["commune"]
    with sqlite3.connect(seeded.path) as conn:  # a commune program that has no key
        conn.execute("DELETE FROM package_key")
    conn.close()
    out = export(seeded, folder / "goi.xlsx")
    preview = imports.preview_package(district, out)
    assert not preview.signed and preview.key_known
    assert "CẢNH BÁO: gói không có chữ ký" in preview.signature_status()
    assert "Đơn vị đã được cấp khóa" in preview.signature_status()
    message = assert_unchanged(
        district, lambda: imports.import_package(district, preview), UnsignedPackageError
    )
    assert "Xã Tân Bình (31399)" in message and "không có chữ ký" in message
    imports.import_package(district, preview, backup=False, accept_unsigned=True)
    assert stored(district) == GOOD
    (entry,) = audit.list_audit(district, action="package.import.unsigned")
    assert entry.subject == TAN_BINH and entry.new["signed"] is False


def test_a_signature_removed_makes_it_unsigned_not_trusted(offices: dict[str, Any]) -> None:
    district, commune = offices["district"], offices["commune"]
    out = export(commune, offices["dir"] / "goi.xlsx")
    set_cell(out, META_SHEET, meta_row(out, "Chữ ký (HMAC-SHA-256)"), None)
    set_cell(out, "Số liệu", "D2", 1700)
    preview = imports.preview_package(district, out)
    assert not preview.signed
    assert_unchanged(district, lambda: imports.import_package(district, preview), PackageError)


def test_a_signed_package_without_the_key_here_is_refused(
    offices: dict[str, Any], seeded_template: Path
) -> None:
    fresh = _open(seeded_template, offices["dir"] / "khac" / "thidua.sqlite3")
    try:
        out = export(offices["commune"], offices["dir"] / "goi.xlsx")
        message = assert_unchanged(fresh, lambda: imports.preview_package(fresh, out), PackageError)
        assert "chưa có khóa ký gói của Xã Tân Bình (31399)" in message
    finally:
        fresh.close()


def test_key_codes_catch_typos_and_other_units(offices: dict[str, Any]) -> None:
    district, commune = offices["district"], offices["commune"]
    code = package_keys.show_key_code(district, TAN_BINH)
    groups = code.split("-")
    assert len(groups) == 9 and all(len(g) == 4 for g in groups)
    wrong = ("B" if code[5] != "B" else "C").join([code[:5], code[6:]])
    before = dump(commune.path)
    for bad, words in (
        (wrong, "gõ nhầm một ký tự"),
        (code[:-5], "phải có 36 ký tự"),
        (code.replace(code[0], "!", 1), "ký tự không dùng trong mã"),
    ):
        with pytest.raises(KeyCodeError, match=words):
            package_keys.enter_key(commune, TAN_BINH, code=bad)
    with pytest.raises(KeyCodeError, match="mã của đơn vị khác"):
        package_keys.enter_key(commune, CAY_DUONG, code=code)
    assert dump(commune.path) == before
    # 0 and 1 typed for O and I are read as meant
    secret = parse_key_code(code, TAN_BINH)
    assert parse_key_code(code.replace("O", "0").replace("I", "1"), TAN_BINH) == secret
    assert key_code(TAN_BINH, secret) == code


def test_key_file_round_trip_and_replacing_a_key(offices: dict[str, Any]) -> None:
    district, commune, folder = offices["district"], offices["commune"], offices["dir"]
    path = package_keys.export_key_file(district, TAN_BINH, folder / "khoa.txt")
    assert "Mã đơn vị: 31399" in path.read_text(encoding="utf-8")
    with pytest.raises(ServiceError, match="đã có khóa ký gói"):
        package_keys.create_key(district, TAN_BINH)
    old = export(commune, folder / "goi-cu.xlsx")
    package_keys.create_key(district, TAN_BINH, replace=True)
    (entry,) = audit.list_audit(district, action="package.key.replace")
    assert entry.subject == TAN_BINH
    message = assert_unchanged(
        district, lambda: imports.preview_package(district, old), PackageError
    )
    assert "khóa cũ" in message
    package_keys.export_key_file(district, TAN_BINH, path)
    package_keys.enter_key(commune, TAN_BINH, file=path)
    new = export(commune, folder / "goi-moi.xlsx")
    assert imports.preview_package(district, new).signed


def test_a_district_export_for_a_unit_is_signed_with_its_key(offices: dict[str, Any]) -> None:
    district, commune, folder = offices["district"], offices["commune"], offices["dir"]
    figures.set_unit_figures(district, period(district), GOOD)
    nominations.add_nomination(district, period(district), TAN_BINH, "Lê Thị Hoa", "Cán bộ")
    out = folder / "tu-huyen.xlsx"
    assert (
        "đã ký bằng khóa của đơn vị"
        in exports.export_package(district, period(district), TAN_BINH, out).summary
    )
    preview = imports.preview_package(commune, out, own_unit=TAN_BINH)
    assert preview.signed
    imports.import_package(commune, preview, backup=False)
    assert [n.full_name for n in nominations.list_nominations(commune, period(commune))] == [
        "Lê Thị Hoa"
    ]


def _ids(path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT c.uid, p.uid, p.name FROM campaign c JOIN period p ON p.campaign_id = c.id "
            "ORDER BY p.start_date, p.id"
        ).fetchall()
    conn.close()
    return rows


def test_programs_set_up_apart_name_campaign_and_period_alike(tmp_path: Path) -> None:
    """A commune's program is set up on its own computer: its campaign and periods must get the
    district's ids (derived when made), and keep them when renamed."""
    paths = [tmp_path / "huyen.sqlite3", tmp_path / "xa.sqlite3"]
    for path in paths:
        with open_storage(path, daily=False, with_units=False) as db:
            campaign = campaigns.current_campaign(db)
            campaigns.add_period(
                db, campaign.id, "Sơ kết 6 tháng", dt.date(2023, 9, 1), dt.date(2023, 10, 31)
            )
    district, commune = (_ids(p) for p in paths)
    assert [row[:2] for row in district] == [row[:2] for row in commune]
    assert len({row[1] for row in district}) == 2 and all(len(r[0]) == 36 for r in district)
    with open_storage(paths[1], daily=False) as db:
        campaign = campaigns.current_campaign(db)
        campaigns.update_campaign(db, campaign.id, name="Tên khác")
        campaigns.update_period(db, campaigns.find_period(db).id, name="Cả năm")
    assert [row[:2] for row in _ids(paths[1])] == [row[:2] for row in district]


def test_an_upgraded_database_gets_the_same_ids(tmp_path: Path) -> None:
    from app.models import make_engine, open_database, upgrade_schema
    from app.services import setup

    old = tmp_path / "cu.sqlite3"
    engine = make_engine(old)
    upgrade_schema(engine, "0003")
    engine.dispose()
    with sqlite3.connect(old) as conn:
        conn.execute(
            "INSERT INTO campaign (id, name, year, plan_number, issuing_body, rules_json, "
            "settings_json, created_at) VALUES (1, ?, ?, '', '', '{}', '{}', '2023-09-01')",
            (setup.SEED_CAMPAIGN, setup.SEED_YEAR),
        )
        conn.execute(
            "INSERT INTO period (campaign_id, name, start_date, end_date, is_final) "
            "VALUES (1, 'Tên cũ', ?, ?, 1)",
            (setup.SEED_START.isoformat(), setup.SEED_END.isoformat()),
        )
    conn.close()
    open_database(old).close()
    fresh = tmp_path / "moi.sqlite3"
    open_storage(fresh, daily=False, with_units=False).close()
    assert [row[:2] for row in _ids(old)] == [row[:2] for row in _ids(fresh)]

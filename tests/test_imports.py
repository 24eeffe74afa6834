"""The import and export services (app.services.dossiers / imports / exports) on real databases:
good files change what they should; every bad file gives a clear message and leaves every table of
the database exactly as it was."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.exchange.dossiers import DEFAULT_CHANNELS, MappingError
from app.exchange.package import PackageError
from app.exchange.tables import TableError
from app.models import Database
from app.scoring import ProblemList, UnitFigures, UnitKind
from app.services import (
    audit,
    campaigns,
    dossiers,
    exports,
    figures,
    import_reports,
    imports,
    nominations,
)
from app.services.errors import ServiceError
from app.services.setup import open_storage
from tests.test_exchange_helpers import write_csv, write_xlsx, write_zip_bomb

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SAMPLE_UNITS = SHARED / "data" / "sample-units-2023.csv"
SAMPLE_NOMINATIONS = SHARED / "data" / "sample-nominations-2023.csv"
HEADER = [
    "STT",
    "Mã hồ sơ",
    "Cơ quan tiếp nhận",
    "Hình thức nộp",
    "Tài khoản nộp",
    "Ngày tiếp nhận",
]
CAY_DUONG, TAN_BINH, HOA_AN = "31396", "31399", "31423"


def dump(db: Database | Path | str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (what 'the database is unchanged' means), on either backend: of
    an open database, a file, or a server URL."""
    from app.models import Base, make_engine
    from app.models.postgres import is_server_url, make_server_engine

    if isinstance(db, Database):
        engine = db.engine
    elif is_server_url(db):
        engine = make_server_engine(str(db))
    else:
        engine = make_engine(Path(db))
    try:
        with engine.connect() as conn:
            return {
                table.name: sorted((tuple(r) for r in conn.execute(table.select())), key=repr)
                for table in Base.metadata.sorted_tables
            }
    finally:
        if not isinstance(db, Database):
            engine.dispose()


def period_id(db: Database) -> int:
    return campaigns.find_period(db).id


def stored(db: Database, code: str) -> UnitFigures:
    return next(u for u in figures.period_figures(db, period_id(db)) if u.code == code)


def dossier_rows(start: int, count: int, **overrides: str) -> list[list[str]]:
    """Dossiers H{start}…: Cây Dương and Tân Bình alternately, 3 in 4 online, accounts A0–A6."""
    rows = []
    for i in range(start, start + count):
        row = [
            str(i),
            f"H{i:06d}",
            ["UBND Thị trấn Cây Dương", "Xã Tân Bình"][i % 2],
            "Trực tiếp" if i % 4 == 0 else "Trực tuyến toàn trình",
            f"0{i % 7}",
            "15/10/2023",
        ]
        rows.append(row)
    for key, value in overrides.items():
        rows[int(key.lstrip("r"))][HEADER.index("Cơ quan tiếp nhận")] = value
    return rows


def expected_counts(ids: range) -> dict[str, tuple[int, int, int]]:
    """(total, online, distinct accounts) per unit for the dossiers of ``dossier_rows``."""
    out = {}
    for code, parity in ((CAY_DUONG, 0), (TAN_BINH, 1)):
        mine = [i for i in ids if i % 2 == parity]
        online = [i for i in mine if i % 4 != 0]
        out[code] = (len(mine), len(online), len({i % 7 for i in online}))
    return out


def assert_unchanged(db: Database, action: Callable[[], object], error: type[Exception]) -> str:
    before = dump(db)
    with pytest.raises(error) as caught:
        action()
    assert dump(db) == before
    return str(caught.value)


# --- portal dossier exports ------------------------------------------------------------------


def test_dossier_import_counts_units_keeps_eid_and_reports(
    storage: Database, tmp_path: Path
) -> None:
    pid = period_id(storage)
    figures.set_unit_figures(
        storage, pid, UnitFigures(CAY_DUONG, "", UnitKind.THI_TRAN, eid=500, citizens=900)
    )
    rows = dossier_rows(0, 40)
    rows.append(["99", "H999999", "Xã Không Có", "Trực tuyến", "x", "15/10/2023"])
    rows.append(["100", "H000001", "Xã Tân Bình", "Trực tuyến", "x", "15/10/2023"])  # duplicate
    rows.append(["101", "H777777", "Xã Tân Bình", "Trực tuyến", "x", "15/10/2022"])  # outside
    path = write_csv(tmp_path / "hs.csv", [HEADER, *rows])
    seen: list[tuple[int, int]] = []
    result = dossiers.import_dossiers(storage, pid, path, progress=lambda d, t: seen.append((d, t)))
    counts = expected_counts(range(40))
    for code, (total, online, accounts) in counts.items():
        stats = result.units[code]
        assert (stats.total, stats.online, stats.accounts) == (total, online, accounts)
        unit = stored(storage, code)
        assert (unit.total, unit.online, unit.accounts) == (total, online, accounts)
        assert stats.dossiers_per_account == pytest.approx(online / accounts)
        assert 0 < len(stats.top_accounts) <= 5
        assert stats.top_share is not None and 0 < stats.top_share <= 1
    assert (stored(storage, CAY_DUONG).eid, stored(storage, CAY_DUONG).citizens) == (500, 900)
    assert result.rows_read == 43 and result.counted == 40 and result.new_dossiers == 40
    assert result.skipped == {"duplicate": 1, "outside_period": 1, "unknown_unit": 1}
    assert result.unknown_units == {"Xã Không Có": 1}
    assert set(result.changed) == {CAY_DUONG, TAN_BINH}
    if storage.server:  # the server keeps the import whole in its transaction
        assert result.backup_path is None
    else:
        assert result.backup_path is not None and Path(result.backup_path).exists()
    text = import_reports.dossiers_report(result).text()
    assert "Đã đọc 43 dòng" in text and "Xã Không Có" in text and "ngoài thời gian thi đua" in text
    assert seen[-1] == (dossiers.PROGRESS_TOTAL, dossiers.PROGRESS_TOTAL)
    from app.services.audit import list_audit

    actions = {e.action for e in list_audit(storage)}
    assert {"dossiers.import", "figures.import", "dossiers.mapping"} <= actions


def test_same_and_overlapping_exports_count_each_dossier_once(
    storage: Database, tmp_path: Path
) -> None:
    pid = period_id(storage)
    first = write_csv(tmp_path / "a.csv", [HEADER, *dossier_rows(0, 60)])
    dossiers.import_dossiers(storage, pid, first)
    after_first = dump(storage)["unit_figures"]
    again = dossiers.import_dossiers(storage, pid, first)
    assert (again.new_dossiers, again.known_dossiers, again.changed) == (0, 60, ())
    assert dump(storage)["unit_figures"] == after_first
    overlap = write_xlsx(tmp_path / "b.xlsx", [HEADER, *dossier_rows(30, 60)])
    result = dossiers.import_dossiers(storage, pid, overlap)
    assert (result.new_dossiers, result.known_dossiers, result.stored_dossiers) == (30, 30, 90)
    for code, (total, online, accounts) in expected_counts(range(90)).items():
        unit = stored(storage, code)
        assert (unit.total, unit.online, unit.accounts) == (total, online, accounts)


def test_first_import_counts_as_a_recount_of_the_stored_dossiers(
    storage: Database, tmp_path: Path
) -> None:
    """The first import of a period takes its unit counts from the file as read; they must be what
    counting the stored dossiers gives, busiest accounts and their ties included, and so must the
    counts after a second, overlapping import (counted from the stored dossiers)."""
    from collections import Counter

    pid = period_id(storage)
    accounts = ["zeta", "Đặng.an", "an", "Ba", "ba", "", "0909", "an", "Zoe", "ăn"]
    channels = ["Trực tuyến toàn trình", "Trực tiếp", "Bưu chính", "Trực tuyến một phần"]
    rows = [
        [
            str(i),
            f"H{i:06d}",
            ["UBND Thị trấn Cây Dương", "Xã Tân Bình"][i % 2],
            channels[(i // 2) % 4],
            accounts[(i // 8) % len(accounts)],  # first seen ≠ text order; ties at 5th place
            "15/01/2024" if i % 11 == 5 else "15/10/2023",  # some outside the period
        ]
        for i in range(160)
    ]
    rows.append(list(rows[3]))  # a duplicate
    first = dossiers.import_dossiers(storage, pid, write_csv(tmp_path / "a.csv", [HEADER, *rows]))
    recounted = dossiers.period_dossier_stats(storage, pid)
    assert first.units == recounted
    filed = Counter(
        row[4]
        for row in rows[:160]
        if row[2].endswith("Dương")
        and row[3].startswith("Trực tuyến")
        and row[5] == "15/10/2023"
        and row[4]
    )
    expected = sorted(filed.items(), key=lambda item: (-item[1], item[0]))[:5]
    assert recounted[CAY_DUONG].top_accounts == tuple(expected)
    assert len({n for _, n in filed.items()}) < len(filed)  # there are ties to order
    stored_rows = dump(storage)["dossier"]
    assert stored_rows and all(row[6:] == (None,) * 5 for row in stored_rows)  # no optional column
    more = [
        [str(i), f"X{i:06d}", "Xã Tân Bình", "Trực tuyến toàn trình", "Ba", "16/10/2023"]
        for i in range(3)
    ]
    second = dossiers.import_dossiers(storage, pid, write_csv(tmp_path / "b.csv", [HEADER, *more]))
    assert second.new_dossiers == 3
    assert second.units == dossiers.period_dossier_stats(storage, pid)
    assert second.units[TAN_BINH].total == first.units[TAN_BINH].total + 3


def test_recount_follows_the_period_dates(storage: Database, tmp_path: Path) -> None:
    import datetime as dt

    pid = period_id(storage)
    rows = dossier_rows(0, 20)
    for row in rows[10:]:
        row[5] = "05/12/2023"
    dossiers.import_dossiers(storage, pid, write_csv(tmp_path / "a.csv", [HEADER, *rows]))
    assert sum(s.total for s in dossiers.period_dossier_stats(storage, pid).values()) == 20
    campaigns.update_period(storage, pid, end_date=dt.date(2023, 11, 30))
    stats = dossiers.period_dossier_stats(storage, pid)
    assert sum(s.total for s in stats.values()) == 10
    assert list(stats) == [CAY_DUONG, TAN_BINH]  # register order


def test_replace_forgets_the_stored_dossiers(storage: Database, tmp_path: Path) -> None:
    pid = period_id(storage)
    path = write_csv(tmp_path / "a.csv", [HEADER, *dossier_rows(0, 20)])
    dossiers.import_dossiers(storage, pid, path, channels={"Trực tuyến toàn trình": False})
    assert stored(storage, CAY_DUONG).online == 0  # the wrong channel values …
    again = dossiers.import_dossiers(storage, pid, path, channels={"Trực tuyến toàn trình": True})
    assert again.new_dossiers == 0 and stored(storage, CAY_DUONG).online == 0  # … are kept
    fixed = dossiers.import_dossiers(storage, pid, path, channels=DEFAULT_CHANNELS, replace=True)
    assert (fixed.new_dossiers, fixed.known_dossiers, fixed.stored_dossiers) == (20, 0, 20)
    assert stored(storage, CAY_DUONG).online == expected_counts(range(20))[CAY_DUONG][1]
    assert any("Đã bỏ 20 hồ sơ" in w for w in fixed.warnings)


def test_cancelled_dossier_import_changes_nothing(storage: Database, tmp_path: Path) -> None:
    pid = period_id(storage)
    path = write_csv(tmp_path / "hs.csv", [HEADER, *dossier_rows(0, 30)])
    probe = write_csv(tmp_path / "probe.csv", [HEADER, *dossier_rows(100, 30)])
    calls = [0]

    def counting() -> bool:
        calls[0] += 1
        return False

    dossiers.import_dossiers(storage, pid, probe, cancel=counting)
    checks = calls[0]
    assert checks >= 3
    for stop_at in (1, checks - 1, checks):
        seen = [0]

        def cancel(stop_at: int = stop_at, seen: list[int] = seen) -> bool:
            seen[0] += 1
            return seen[0] >= stop_at

        assert_unchanged(
            storage,
            lambda cancel=cancel: dossiers.import_dossiers(storage, pid, path, cancel=cancel),  # type: ignore[misc]
            dossiers.ImportCancelled,
        )


def test_mapping_given_then_remembered_per_campaign(storage: Database, tmp_path: Path) -> None:
    pid = period_id(storage)
    header = ["Số BN", "Nơi nhận", "Kênh", "TK người dùng", "Ngày"]
    rows = [[r[1], r[2], r[3], r[4], r[5]] for r in dossier_rows(0, 10)]
    path = write_csv(tmp_path / "other.csv", [header, *rows])
    message = assert_unchanged(
        storage, lambda: dossiers.import_dossiers(storage, pid, path), MappingError
    )
    assert "Số BN" in message  # the file's columns are listed
    mapping = {"id": "Số BN", "unit": "Nơi nhận", "channel": "Kênh", "account": "TK người dùng"}
    mapping["date"] = "Ngày"
    channels = {"Trực tuyến toàn trình": True, "Trực tiếp": True}  # the officer's choice
    result = dossiers.import_dossiers(storage, pid, path, mapping, channels)
    assert result.units[CAY_DUONG].online == result.units[CAY_DUONG].total
    campaign_id = campaigns.current_campaign(storage).id
    assert dossiers.dossier_choices(storage, campaign_id) == (mapping, channels)
    more = write_csv(tmp_path / "more.csv", [header, *[r[1:] for r in dossier_rows(10, 10)]])
    again = dossiers.import_dossiers(storage, pid, more)  # no mapping given: the remembered one
    assert again.mapping == mapping and again.new_dossiers == 10


def test_nfd_names_and_formula_looking_cells(storage: Database, tmp_path: Path) -> None:
    pid = period_id(storage)
    rows = dossier_rows(0, 8)
    for row in rows:
        row[2] = unicodedata.normalize("NFD", row[2])
        row[3] = unicodedata.normalize("NFD", row[3])
        row[4] = '=HYPERLINK("http://x")' if row[4] == "01" else row[4]
    rows[0][1] = "+H000000"
    path = write_xlsx(tmp_path / "nfd.xlsx", [HEADER, *rows])
    result = dossiers.import_dossiers(storage, pid, path)
    assert result.counted == 8 and not result.skipped
    accounts = {a for s in result.units.values() for a, _ in s.top_accounts}
    assert '=HYPERLINK("http://x")' in accounts  # kept as text, never evaluated
    assert "+H000000" in {row[1] for row in dump(storage)["dossier"]}


@pytest.mark.parametrize(
    ("name", "content", "error", "words"),
    [
        ("empty.csv", b"", TableError, "trống"),
        (
            "header.csv",
            "Mã hồ sơ,Cơ quan tiếp nhận,Hình thức nộp,Ngày tiếp nhận\n".encode(),
            ServiceError,
            "không có dòng",
        ),
        ("wrong.csv", b"a,b,c\n1,2,3\n", MappingError, "chưa chọn cột"),
        (
            "latin.csv",
            # not UTF-8: read as Windows-1258, its broken headers listed
            "Mã hồ sơ,Đơn vị\n1,Xã\n".encode("latin-1", "replace") + b"\xff\xfe",
            MappingError,
            "Các cột của tệp",
        ),
        (
            "unknown.csv",
            "Mã hồ sơ,Cơ quan tiếp nhận,Hình thức nộp,Ngày tiếp nhận\nH1,Xã Không Có,Trực tuyến,15/10/2023\n".encode(),
            ServiceError,
            "Xã Không Có",
        ),
        (
            "dates.csv",
            "Mã hồ sơ,Cơ quan tiếp nhận,Hình thức nộp,Ngày tiếp nhận\nH1,Xã Tân Bình,Trực tuyến,abc\n".encode(),
            ServiceError,
            "ngày",
        ),
    ],
)
def test_bad_dossier_files_change_nothing(
    storage: Database, tmp_path: Path, name: str, content: bytes, error: type[Exception], words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    message = assert_unchanged(
        storage, lambda: dossiers.import_dossiers(storage, period_id(storage), path), error
    )
    assert words in message


def test_dossier_zip_bomb_refused(storage: Database, tmp_path: Path) -> None:
    bomb = write_zip_bomb(tmp_path / "bomb.xlsx")
    message = assert_unchanged(
        storage, lambda: dossiers.import_dossiers(storage, period_id(storage), bomb), TableError
    )
    assert "zip bomb" in message


# --- police e-ID figures ---------------------------------------------------------------------

EID_HEADER = ["Đơn vị", "Số tài khoản định danh mức 2", "Số người dân có CCCD"]


def test_eid_import_matches_names_and_keeps_dossier_figures(
    storage: Database, tmp_path: Path
) -> None:
    pid = period_id(storage)
    figures.set_unit_figures(
        storage, pid, UnitFigures(TAN_BINH, "", UnitKind.XA, online=5, total=9, accounts=2)
    )
    path = write_csv(
        tmp_path / "eid.csv",
        [
            EID_HEADER,
            ["xa tan binh", "1.200", "2000"],
            [unicodedata.normalize("NFD", "TT Cây Dương"), 700, 800],
            [HOA_AN, "5", "5"],
        ],
    )
    result = imports.import_eid(storage, pid, path)
    assert result.rows_read == 3 and set(result.result.changed) == {TAN_BINH, CAY_DUONG, HOA_AN}
    tan_binh = stored(storage, TAN_BINH)
    assert (tan_binh.online, tan_binh.total, tan_binh.accounts) == (5, 9, 2)
    assert (tan_binh.eid, tan_binh.citizens) == (1200, 2000)
    assert (stored(storage, CAY_DUONG).eid, stored(storage, CAY_DUONG).total) == (700, None)
    assert "cập nhật số tài khoản định danh và số người có CCCD của 3 đơn vị" in (
        import_reports.eid_report(result).text()
    )


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        ([["Tên", "Số", "CCCD"], ["Xã Tân Bình", 1, 2]], "thiếu cột"),
        ([EID_HEADER, ["Xã Tân Bình", "abc", 2]], "số nguyên"),
        ([EID_HEADER, ["Xã Tân Bình", 30, 20]], "(30) lớn hơn số người dân có CCCD (20)"),
        ([EID_HEADER, ["Xã Tân Bìnhh", 1, 2]], "gần giống: Xã Tân Bình"),
        ([EID_HEADER, ["Phòng Nội vụ", 1, 2]], "không có đơn vị này"),  # agencies are not offered
        ([EID_HEADER, ["Xã Tân Bình", 1, 2], [TAN_BINH, 1, 2]], "hai dòng"),
        ([EID_HEADER, ["=cmd|' /C calc'!A0", 1, 2]], "không có đơn vị này"),
        ([EID_HEADER], "không có dòng số liệu"),
    ],
)
def test_bad_eid_files_change_nothing(
    storage: Database, tmp_path: Path, rows: list[list[Any]], words: str
) -> None:
    path = write_xlsx(tmp_path / "eid.xlsx", rows)
    message = assert_unchanged(
        storage, lambda: imports.import_eid(storage, period_id(storage), path), ProblemList
    )
    assert words in message


def test_eid_empty_file_and_zip_bomb(storage: Database, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    pid = period_id(storage)
    assert "trống" in assert_unchanged(
        storage, lambda: imports.import_eid(storage, pid, empty), TableError
    )
    bomb = write_zip_bomb(tmp_path / "bomb.xlsx")
    assert_unchanged(storage, lambda: imports.import_eid(storage, pid, bomb), TableError)


# --- nominations -----------------------------------------------------------------------------


@pytest.fixture
def sample_db(storage: Database) -> Database:
    figures.import_figures(storage, period_id(storage), SAMPLE_UNITS, backup=False)
    return storage


@pytest.mark.skipif(not SAMPLE_NOMINATIONS.exists(), reason="no shared sample data")
def test_sample_nominations_fill_every_quota(sample_db: Database) -> None:
    pid = period_id(sample_db)
    result = imports.import_nominations(sample_db, pid, SAMPLE_NOMINATIONS)
    rows = len(SAMPLE_NOMINATIONS.read_text(encoding="utf-8-sig").strip().splitlines()) - 1
    assert result.added == result.rows_read == rows
    report = nominations.nomination_quotas(sample_db, pid)
    assert not report.over_quota and not report.problems()
    assert all(u.nominated == u.quota for u in report.units if u.quota)
    assert (result.backup_path is not None) is not sample_db.server


@pytest.mark.skipif(not SAMPLE_NOMINATIONS.exists(), reason="no shared sample data")
def test_one_nomination_beyond_a_quota_refuses_the_file(
    sample_db: Database, tmp_path: Path
) -> None:
    lines = SAMPLE_NOMINATIONS.read_text(encoding="utf-8-sig").splitlines()
    extra = [*lines, "Nguyễn Văn Thêm,Công chức,Thị trấn Cây Dương,Thêm một người,,Nam"]
    path = tmp_path / "qua-chi-tieu.csv"
    path.write_text("\n".join(extra) + "\n", encoding="utf-8")
    message = assert_unchanged(
        sample_db,
        lambda: imports.import_nominations(sample_db, period_id(sample_db), path),
        ProblemList,
    )
    assert "Thị trấn Cây Dương" in message and "vượt chỉ tiêu 1" in message
    assert "được 5 cá nhân" in message and "danh sách mới có 6" in message


def test_nominations_file_keeps_the_optional_report_texts(
    sample_db: Database, tmp_path: Path
) -> None:
    pid = period_id(sample_db)
    path = write_xlsx(
        tmp_path / "dn.xlsx",
        [
            ["Họ và tên", "Chức vụ", "Đơn vị", "Thành tích đạt được", "Khen thưởng đã nhận"],
            ["Lê Văn Tâm", "Công chức", TAN_BINH, "Hướng dẫn 300 hồ sơ", "Giấy khen 2022"],
        ],
    )
    imports.import_nominations(sample_db, pid, path)
    person = nominations.list_nominations(sample_db, pid, TAN_BINH)[0]
    assert (person.achievement_text, person.past_awards_text) == (
        "Hướng dẫn 300 hồ sơ",
        "Giấy khen 2022",
    )


def test_nominations_nfd_and_formula_looking_text_stored_as_text(
    sample_db: Database, tmp_path: Path
) -> None:
    pid = period_id(sample_db)
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    path = write_xlsx(
        tmp_path / "dn.xlsx",
        [
            ["Họ và tên", "Chức vụ", "Đơn vị", "Tóm tắt thành tích"],
            [nfd, "=1+1", unicodedata.normalize("NFD", "xã tân bình"), "@SUM(A1)"],
        ],
    )
    result = imports.import_nominations(sample_db, pid, path)
    assert result.by_unit == {TAN_BINH: 1}
    person = nominations.list_nominations(sample_db, pid, TAN_BINH)[0]
    assert person.full_name == "Nguyễn Thị Ánh" and unicodedata.is_normalized(
        "NFC", person.full_name
    )
    assert (person.position, person.achievement_summary) == ("=1+1", "@SUM(A1)")


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        ([["Tên", "Việc"], ["A", "B"]], "thiếu cột"),
        ([["Họ và tên", "Chức vụ", "Đơn vị"], ["A", "B", "Xã Không Có"]], "không có đơn vị"),
        ([["Họ và tên", "Chức vụ", "Đơn vị", "Giới tính"], ["A", "B", "Xã Tân Bình", "X"]], "Nam"),
        (
            [["Họ và tên", "Chức vụ", "Đơn vị", "Ngày sinh"], ["A", "B", "Xã Tân Bình", "ab"]],
            "ngày",
        ),
        ([["Họ và tên", "Chức vụ", "Đơn vị"]], "không có dòng"),
    ],
)
def test_bad_nomination_files_change_nothing(
    sample_db: Database, tmp_path: Path, rows: list[list[str]], words: str
) -> None:
    path = write_csv(tmp_path / "dn.csv", rows)
    message = assert_unchanged(
        sample_db,
        lambda: imports.import_nominations(sample_db, period_id(sample_db), path),
        ProblemList,
    )
    assert words in message


def test_nomination_zip_bomb_and_empty_file(sample_db: Database, tmp_path: Path) -> None:
    pid = period_id(sample_db)
    bomb = write_zip_bomb(tmp_path / "bomb.xlsx")
    assert_unchanged(
        sample_db, lambda: imports.import_nominations(sample_db, pid, bomb), TableError
    )
    empty = tmp_path / "empty.xlsx"
    write_xlsx(empty, [])
    assert_unchanged(
        sample_db,
        lambda: imports.import_nominations(sample_db, pid, empty),
        (TableError, ProblemList),  # type: ignore[arg-type]
    )


# --- commune packages ------------------------------------------------------------------------


@pytest.fixture
def district(tmp_path: Path, seeded_template: Path) -> Any:
    from app.models.files import copy_database

    path = tmp_path / "huyen" / "thidua.sqlite3"
    copy_database(seeded_template, path)
    database = open_storage(path, daily=False)
    yield database
    database.close()


def test_package_from_a_commune_changes_only_its_unit(
    sample_db: Database, district: Database, tmp_path: Path
) -> None:
    out = tmp_path / "goi-31399.xlsx"
    exports.export_package(sample_db, period_id(sample_db), TAN_BINH, out)
    figures.import_figures(district, period_id(district), SAMPLE_UNITS, backup=False)
    figures.set_unit_figures(
        district,
        period_id(district),
        UnitFigures(TAN_BINH, "", UnitKind.XA, online=1, total=2, accounts=1, eid=3, citizens=4),
    )
    before = {u.code: u for u in figures.period_figures(district, period_id(district))}
    meta, lines = imports.read_package_preview(district, out)
    assert meta.unit_code == TAN_BINH
    wanted = stored(sample_db, TAN_BINH)
    assert f"Số hồ sơ trực tuyến: 1 → {wanted.online}" in "\n".join(lines)
    result = imports.import_package(district, out, accept_unsigned=True)
    assert result.result.changed == (TAN_BINH,)
    after = {u.code: u for u in figures.period_figures(district, period_id(district))}
    assert after[TAN_BINH] == wanted
    assert {c: u for c, u in after.items() if c != TAN_BINH} == {
        c: u for c, u in before.items() if c != TAN_BINH
    }


def test_package_of_another_campaign_or_unit_refused(
    sample_db: Database, district: Database, tmp_path: Path
) -> None:
    out = tmp_path / "goi.xlsx"
    exports.export_package(sample_db, period_id(sample_db), TAN_BINH, out)
    message = assert_unchanged(
        district,
        lambda: imports.import_package(district, out, own_unit=CAY_DUONG, accept_unsigned=True),
        PackageError,
    )
    assert TAN_BINH in message and CAY_DUONG in message
    # renaming the campaign changes nothing (it is named by its stable id); next year's
    # campaign of the same name (another id) refuses the package: test_package_attacks.py
    campaign = campaigns.current_campaign(district)
    campaigns.update_campaign(district, campaign.id, name="Phong trào khác 2024")
    assert imports.preview_package(district, out).unit_code == TAN_BINH
    not_package = write_xlsx(tmp_path / "x.xlsx", [["a"], [1]])
    assert_unchanged(
        district,
        lambda: imports.import_package(district, not_package, accept_unsigned=True),
        PackageError,
    )


def _names(db: Database, code: str) -> list[str]:
    return [n.full_name for n in nominations.list_nominations(db, period_id(db), code)]


def _others(db: Database, code: str) -> list[Any]:
    return [n for n in nominations.list_nominations(db, period_id(db)) if n.unit_code != code]


@pytest.fixture
def two_offices(sample_db: Database, district: Database) -> tuple[Database, Database]:
    """(the commune's database, the district's): both with the sample figures and nominations."""
    if not SAMPLE_NOMINATIONS.exists():
        pytest.skip("no shared sample data")
    figures.import_figures(district, period_id(district), SAMPLE_UNITS, backup=False)
    for db in (sample_db, district):
        imports.import_nominations(db, period_id(db), SAMPLE_NOMINATIONS, backup=False)
    return sample_db, district


def test_package_replaces_the_units_nominations_only(
    two_offices: tuple[Database, Database], tmp_path: Path
) -> None:
    commune, district = two_offices
    pid = period_id(commune)
    # Better figures raise Tân Bình's quota (1 with the sample figures): two nominees now fit.
    mine = stored(commune, TAN_BINH)
    better = UnitFigures(
        TAN_BINH, "", UnitKind.XA, mine.total, mine.total, 500, mine.citizens - 10, mine.citizens
    )
    figures.set_unit_figures(commune, pid, better)
    (dropped,) = nominations.list_nominations(commune, pid, TAN_BINH)
    nominations.delete_nomination(commune, dropped.id)
    nominations.add_nomination(
        commune,
        pid,
        TAN_BINH,
        unicodedata.normalize("NFD", "Nguyễn Văn Mới"),
        "Công chức Tư pháp",
        "Hướng dẫn người dân nộp hồ sơ",
        achievement_text="Thành tích chi tiết",
        past_awards_text="Giấy khen 2022",
    )
    nominations.add_nomination(commune, pid, TAN_BINH, "=Lê Thị Công", "+Bí thư Đoàn")
    out = tmp_path / "goi.xlsx"
    summary = exports.export_package(commune, pid, TAN_BINH, out).summary
    assert "kèm 2 đề nghị" in summary

    others_before = _others(district, TAN_BINH)
    assert _names(district, TAN_BINH) == [dropped.full_name]
    _meta, lines = imports.read_package_preview(district, out)
    text = "\n".join(lines)
    assert "gói có 2 người, đang có 1" in text
    assert "Thêm (2): Nguyễn Văn Mới, =Lê Thị Công" in text
    assert f"Bỏ (1): {dropped.full_name}" in text
    preview = imports.preview_package(district, out)
    assert preview.nominations_diff is not None and preview.has_changes

    result = imports.import_package(district, out, backup=False, accept_unsigned=True)
    assert result.result.changed == (TAN_BINH,)
    assert result.nominations is not None
    assert [n.full_name for n in result.nominations.removed] == [dropped.full_name]
    assert _names(district, TAN_BINH) == ["Nguyễn Văn Mới", "=Lê Thị Công"]
    new = nominations.list_nominations(district, period_id(district), TAN_BINH)[0]
    assert (new.achievement_summary, new.achievement_text, new.past_awards_text) == (
        "Hướng dẫn người dân nộp hồ sơ",
        "Thành tích chi tiết",
        "Giấy khen 2022",
    )
    assert _others(district, TAN_BINH) == others_before
    assert stored(district, TAN_BINH) == stored(commune, TAN_BINH)
    report = nominations.nomination_quotas(district, period_id(district))
    assert report.unit(TAN_BINH).quota == 2 and not report.unit(TAN_BINH).over_by
    # Tân Bình's better figures move Hòa Mỹ down a tier: flagged, nothing of it deleted
    assert [u.code for u in report.over_quota] == ["31420"]
    assert any("Xã Hòa Mỹ: vượt chỉ tiêu 1" in q for q in result.result.quota_problems)
    replaced = audit.list_audit(district, action="nomination.replace")
    assert len(replaced) == 1 and replaced[0].subject == TAN_BINH
    assert any("Bỏ (1)" in line for line in import_reports.package_report(result).lines())
    # importing the same package again changes nothing: the nominations are not rewritten
    assert not imports.preview_package(district, out).has_changes
    kept = nominations.list_nominations(district, period_id(district))
    again = imports.import_package(district, out, backup=False, accept_unsigned=True)
    assert again.nominations is not None and again.nominations.removed == ()
    assert nominations.list_nominations(district, period_id(district)) == kept
    assert len(audit.list_audit(district, action="nomination.replace")) == 1


def test_package_over_quota_refused_as_a_whole(
    two_offices: tuple[Database, Database], tmp_path: Path
) -> None:
    from app.exchange.nominations import Nomination
    from app.exchange.package import write_package

    commune, district = two_offices
    mine = stored(commune, TAN_BINH)

    def package(figures_: UnitFigures, count: int) -> Path:
        out = tmp_path / f"goi-{count}.xlsx"
        people = [
            Nomination(f"Người {i}", "Công chức", TAN_BINH, "Xã Tân Bình") for i in range(count)
        ]
        write_package(
            out, figures_, campaign=campaigns.current_campaign(district).name, nominations=people
        )
        return out

    # the sample figures give Tân Bình 1 place: 2 nominees are refused, figures included
    two = package(mine, 2)
    for action in (
        lambda: imports.import_package(district, two, accept_unsigned=True),
        lambda: imports.preview_package(district, two),
    ):
        message = assert_unchanged(district, action, ProblemList)
        assert "Xã Tân Bình" in message and "được 1 cá nhân, đề nghị 2" in message
        assert "không nhập gì" in message
    # the quota is the one of the package's figures: good figures make room for 2 …
    good = UnitFigures(
        TAN_BINH,
        "Xã Tân Bình",
        UnitKind.XA,
        mine.total,
        mine.total,
        500,
        mine.citizens,
        mine.citizens,
    )
    imports.import_package(district, package(good, 2), backup=False, accept_unsigned=True)
    assert _names(district, TAN_BINH) == ["Người 0", "Người 1"]
    # … and a package going back to the sample figures with the same 2 nominees is refused,
    # although 2 fit the figures stored now
    message = assert_unchanged(
        district,
        lambda: imports.import_package(district, package(mine, 2), accept_unsigned=True),
        ProblemList,
    )
    assert "được 1 cá nhân, đề nghị 2" in message


def _figures_only(path: Path) -> Path:
    """The package as the program wrote it before nominations were sent (version 1)."""
    from openpyxl import load_workbook

    from app.exchange.package import META_SHEET, NOMINATIONS_SHEET

    workbook = load_workbook(path)
    del workbook[NOMINATIONS_SHEET]
    info = workbook[META_SHEET]
    row = next(r for r in range(1, info.max_row + 1) if info.cell(r, 1).value == "Phiên bản")
    info.cell(row, 2).value = 1
    workbook.save(path)
    return path


def test_old_figures_only_package_still_imports(
    two_offices: tuple[Database, Database], tmp_path: Path
) -> None:
    commune, district = two_offices
    pid = period_id(commune)
    mine = stored(commune, TAN_BINH)
    figures.set_unit_figures(commune, pid, dataclasses.replace(mine, accounts=500))
    (only,) = nominations.list_nominations(commune, pid, TAN_BINH)
    nominations.delete_nomination(commune, only.id)  # not sent by an old package
    out = tmp_path / "cu.xlsx"
    exports.export_package(commune, pid, TAN_BINH, out)
    _figures_only(out)
    before = dump(district)["nomination"]
    _, lines = imports.read_package_preview(district, out)
    assert any("gói của phiên bản cũ" in line and "giữ nguyên 1 đề nghị" in line for line in lines)
    result = imports.import_package(district, out, backup=False, accept_unsigned=True)
    assert result.nominations is None and result.result.changed == (TAN_BINH,)
    assert stored(district, TAN_BINH).accounts == 500
    assert dump(district)["nomination"] == before


def test_package_naming_another_units_nominee_refused(
    two_offices: tuple[Database, Database], tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from app.exchange.package import NOMINATIONS_SHEET

    commune, district = two_offices
    out = tmp_path / "goi.xlsx"
    exports.export_package(commune, period_id(commune), TAN_BINH, out)
    workbook = load_workbook(out)
    workbook[NOMINATIONS_SHEET]["C2"].value = "Xã Hòa An"
    workbook.save(out)
    message = assert_unchanged(
        district, lambda: imports.import_package(district, out, accept_unsigned=True), PackageError
    )
    assert HOA_AN in message and TAN_BINH in message


def test_package_export_refused_without_full_figures(storage: Database, tmp_path: Path) -> None:
    with pytest.raises(ServiceError, match="chưa có số liệu"):
        exports.export_package(storage, period_id(storage), TAN_BINH, tmp_path / "g.xlsx")
    assert not (tmp_path / "g.xlsx").exists()


# --- exports ---------------------------------------------------------------------------------


def test_score_table_reopens_with_its_values(sample_db: Database, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from app.services.ranking import rank_period

    out = tmp_path / "bang-diem.xlsx"
    result = exports.export_score_table(sample_db, period_id(sample_db), out)
    ranking = rank_period(sample_db, period_id(sample_db))
    book = load_workbook(out)
    sheet = book["Bảng điểm"]
    header = [c.value for c in sheet[1]]
    first = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    best = ranking.ordered[0]
    assert (first["Hạng"], first["Mã đơn vị"], first["Tên đơn vị"]) == (
        1,
        best.unit.code,
        best.unit.name,
    )
    assert float(first["Tổng điểm"]) == pytest.approx(float(best.total))
    assert sheet.freeze_panes == "A2"
    totals = [c.value for c in sheet[result.rows + 2]]
    assert "Tổng cộng" in totals
    assert set(book.sheetnames) >= {"Bảng điểm", "Giải thích", "Biểu đồ"}
    _convert_with_libreoffice(out, tmp_path)


def _convert_with_libreoffice(path: Path, folder: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert path.with_suffix(".pdf").exists()


def test_templates_filled_in_import_back(storage: Database, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    pid = period_id(storage)
    paths = {}
    for kind in exports.TEMPLATE_KINDS:
        paths[kind] = exports.export_template(storage, kind, tmp_path / f"{kind}.xlsx").path
        _convert_with_libreoffice(paths[kind], tmp_path)

    book = load_workbook(paths["unit-figures"])
    sheet = book.active
    assert sheet is not None
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 3).value != "Cơ quan" and sheet.cell(row, 1).value:
            values = (70 + row, 100, 20, 700 + row, 1000)  # all different: no tie
            for column, value in zip(range(4, 9), values, strict=True):
                sheet.cell(row, column).value = value
    book.save(paths["unit-figures"])
    result = figures.import_figures(storage, pid, paths["unit-figures"], backup=False)
    assert len(result.changed) == 15

    book = load_workbook(paths["eid"])
    sheet = book.active
    assert sheet is not None
    sheet.cell(2, 3).value, sheet.cell(2, 4).value = 11, 22
    sheet.delete_rows(3, sheet.max_row)
    book.save(paths["eid"])
    code = str(load_workbook(paths["eid"]).active.cell(2, 1).value)  # type: ignore[union-attr]
    assert imports.import_eid(storage, pid, paths["eid"]).result.changed == (code,)
    assert (stored(storage, code).eid, stored(storage, code).citizens) == (11, 22)

    book = load_workbook(paths["nominations"])
    sheet = book.active
    assert sheet is not None
    sheet.append(["Lê Thị Mẫu", "Công chức", "Xã Tân Bình", "Tích cực", None, "Nữ"])
    book.save(paths["nominations"])
    assert imports.import_nominations(storage, pid, paths["nominations"]).added == 1


def test_export_to_a_missing_folder_or_wrong_suffix(storage: Database, tmp_path: Path) -> None:
    with pytest.raises(ServiceError, match="thư mục"):
        exports.export_template(storage, "eid", tmp_path / "nope" / "a.xlsx")
    with pytest.raises(ServiceError, match=r"\.xlsx"):
        exports.export_template(storage, "eid", tmp_path / "a.csv")
    with pytest.raises(ServiceError, match="Không có mẫu"):
        exports.export_template(storage, "other", tmp_path / "a.xlsx")


def _dossier_indexes(db: Database) -> list[tuple[str, str]]:
    from sqlalchemy import text

    with db.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'dossier' ORDER BY name")
        )
        return [(r[0], r[1]) for r in rows]


def test_a_large_import_rebuilds_the_indexes_as_they_were(
    storage: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import bringing more dossiers than stored makes the indexes again after the rows: same
    definitions after it, and after one cancelled half-way (the transaction puts them back)."""
    if not storage.is_file:
        pytest.skip("SQLite's bulk path")
    from app.services import dossier_store

    monkeypatch.setattr(dossier_store, "REBUILD_MIN_ROWS", 10)
    monkeypatch.setattr(dossier_store, "INSERT_BATCH", 5)
    pid = period_id(storage)
    before = _dossier_indexes(storage)
    assert any(name == "ix_dossier_accounts" for name, _ in before)
    path = write_csv(tmp_path / "hs.csv", [HEADER, *dossier_rows(0, 40)])
    from app.models.files import copy_database

    copy = tmp_path / "probe" / "thidua.sqlite3"
    copy_database(storage.path, copy)
    probe = open_storage(copy, daily=False)
    calls = [0]

    def counting() -> bool:
        calls[0] += 1
        return False

    try:
        dossiers.import_dossiers(probe, pid, path, cancel=counting)
    finally:
        probe.close()
    checks = [0]

    def cancel_late() -> bool:  # at the last batch of the insert: the indexes are gone by then
        checks[0] += 1
        return checks[0] >= calls[0] - 1

    assert_unchanged(
        storage,
        lambda: dossiers.import_dossiers(storage, pid, path, cancel=cancel_late),
        dossiers.ImportCancelled,
    )
    assert _dossier_indexes(storage) == before
    result = dossiers.import_dossiers(storage, pid, path)
    assert result.new_dossiers == 40
    assert _dossier_indexes(storage) == before
    assert stored(storage, CAY_DUONG).online == expected_counts(range(40))[CAY_DUONG][1]

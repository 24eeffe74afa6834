"""Evidence of dossiers filed on citizens' behalf, from portal exports made the way the portal
makes them (title rows, its own column names): owners, ID numbers kept only as keyed hashes,
authorised dossiers, registered official accounts, and the ranking under both policies."""

from __future__ import annotations

import dataclasses
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from app.exchange.proxy_columns import OfficialAccountsError
from app.models import Database
from app.scoring import UnitFigures
from app.scoring.proxy import PROXY_TIE_BREAK
from app.services import campaigns, figures, ranking
from app.services.dossiers import import_dossiers
from app.services.errors import ServiceError
from app.services.official_accounts import (
    add_official_account,
    import_official_accounts,
    list_official_accounts,
    remove_official_account,
)
from app.services.proxy import period_evidence
from tests.test_exchange_helpers import write_csv, write_xlsx

CAY_DUONG, TAN_BINH = "31396", "31399"
TITLE = [["CỔNG DỊCH VỤ CÔNG TỈNH HẬU GIANG"], ["DANH SÁCH HỒ SƠ TIẾP NHẬN"], []]
HEADER = [
    "STT",
    "Số hồ sơ",
    "Tên thủ tục hành chính",
    "Chủ hồ sơ",
    "Số CCCD/CMND",
    "Ủy quyền",
    "Cơ quan tiếp nhận",
    "Hình thức nộp",
    "Tài khoản nộp",
    "Cán bộ tiếp nhận",
    "Ngày tiếp nhận",
]
PROCEDURES = ["Đăng ký khai sinh", "Chứng thực bản sao", "Đăng ký kết hôn"]


def id_number(owner: int) -> str:
    return f"0892{owner:08d}"  # a 12-digit CCCD number


class Export:
    """Rows of a portal export: each dossier with its unit, account, owner and authorisation."""

    def __init__(self) -> None:
        self.rows: list[list[str]] = []

    def add(
        self,
        unit: str,
        account: str,
        owner: int,
        *,
        online: bool = True,
        authorised: str = "",
        day: int = 15,
    ) -> None:
        n = len(self.rows) + 1
        unit_name = {"31396": "UBND Thị trấn Cây Dương", "31399": "UBND xã Tân Bình"}[unit]
        self.rows.append(
            [
                str(n),
                f"000.00.{n:02d}.H23-231015-{n:04d}",
                PROCEDURES[n % 3],
                f"Nguyễn Văn Chủ {owner}",
                id_number(owner),
                authorised,
                unit_name,
                "Trực tuyến toàn trình" if online else "Trực tiếp",
                account if online else "",
                "Trần Thị Một Cửa",
                f"{day:02d}/10/2023 08:30",
            ]
        )

    def write(self, path: Path, *, owners: bool = True) -> Path:
        keep = [
            i
            for i, h in enumerate(HEADER)
            if owners or h not in ("Chủ hồ sơ", "Số CCCD/CMND", "Ủy quyền")
        ]
        rows = [[r[i] for i in keep] for r in [HEADER, *self.rows]]
        if path.suffix == ".xlsx":
            return write_xlsx(path, [*TITLE, *rows])
        return write_csv(path, [*TITLE, *rows], bom=True)


def tied_export() -> Export:
    """Cây Dương and Tân Bình: 40 dossiers each, 36 online.

    Cây Dương: «motcua.cd» filed 12 for 12 owners without authorisation (marked), «dichvu.cd»
    11 for 11 owners of which 3 authorised (8 without: not marked), 13 citizens one each: 15
    accounts, 2.4 dossiers per account, proxy share 12/36.
    Tân Bình: «tn.tb» (an official's account, once registered) 4 dossiers, «a.tb» and «b.tb» 16
    each for 8 owners: 3 accounts, 12 per account, proxy share 4/36 once «tn.tb» is registered.
    """
    export = Export()
    owner = 0
    for _ in range(12):
        owner += 1
        export.add(CAY_DUONG, "motcua.cd", owner, day=10 + owner % 3)
    for i in range(11):
        owner += 1
        export.add(CAY_DUONG, "dichvu.cd", owner, authorised="Có" if i < 3 else "")
    for _ in range(13):
        owner += 1
        export.add(CAY_DUONG, f"cd{owner}", owner)
    for unit in (CAY_DUONG, TAN_BINH):
        for _ in range(4):
            owner += 1
            export.add(unit, "", owner, online=False)
    for _ in range(4):
        owner += 1
        export.add(TAN_BINH, "tn.tb", owner)
    for account in ("a.tb", "b.tb"):
        first = owner
        for i in range(16):
            export.add(TAN_BINH, account, first + 1 + i % 8)
        owner = first + 8
    return export


@pytest.fixture
def period(storage: Database) -> int:
    return campaigns.find_period(storage).id


def _same_eid(db: Database, period_id: int) -> None:
    for code in (CAY_DUONG, TAN_BINH):
        current = next(u for u in figures.period_figures(db, period_id) if u.code == code)
        figures.set_unit_figures(
            db, period_id, dataclasses.replace(current, eid=900, citizens=1000)
        )


def test_accounts_marked_from_a_portal_export(
    storage: Database, period: int, tmp_path: Path
) -> None:
    import_dossiers(storage, period, tied_export().write(tmp_path / "hoso.xlsx"), backup=False)
    evidence = period_evidence(storage, period)
    assert evidence.owners_known and evidence.threshold == 10
    cd = evidence.unit(CAY_DUONG).evidence
    assert cd.online == 36
    first = cd.accounts[0]
    assert (first.account, first.dossiers, first.owners, first.flagged) == (
        "motcua.cd",
        12,
        12,
        True,
    )
    assert first.procedures == 3 and first.active_days == 3
    assert first.share == Fraction(12, 36)
    dichvu = next(a for a in cd.accounts if a.account == "dichvu.cd")
    assert dichvu.owners == 11 and dichvu.unauthorised_owners == 8 and not dichvu.flagged
    assert cd.proxy_dossiers == 12
    tb = evidence.unit(TAN_BINH).evidence
    assert not tb.flagged  # nothing registered yet; 8 owners each are below the threshold
    assert {a.account: a.owners for a in tb.accounts} == {"a.tb": 8, "b.tb": 8, "tn.tb": 4}


@pytest.mark.skipif(sys.platform == "win32", reason="reads the open database file's bytes")
def test_no_id_number_anywhere_in_the_database_file(
    sqlite_storage: Database, tmp_path: Path
) -> None:
    storage = sqlite_storage  # the bytes of the file (a server: the same rows, hashed the same way)
    period = campaigns.find_period(storage).id
    export = tied_export()
    import_dossiers(storage, period, export.write(tmp_path / "hoso.csv"), backup=False)
    numbers = {row[HEADER.index("Số CCCD/CMND")] for row in export.rows}
    assert len(numbers) > 50
    storage.close()
    files = [storage.path, *storage.path.parent.glob(storage.path.name + "*")]
    raw = b"".join(p.read_bytes() for p in set(files) if p.is_file())
    assert export.rows[0][1].encode() in raw  # the dossier codes are there to be found
    assert "Nguyễn Văn Chủ 1".encode() in raw  # names are kept as the export gives them
    for number in numbers:
        assert number.encode() not in raw
        assert number[1:].encode() not in raw  # nor without its leading zero


def test_export_without_owner_columns_and_registered_official_accounts(
    storage: Database, period: int, tmp_path: Path
) -> None:
    path = tied_export().write(tmp_path / "hoso.csv", owners=False)
    import_dossiers(storage, period, path, backup=False)
    evidence = period_evidence(storage, period)
    assert not evidence.owners_known
    assert not any(u.evidence.flagged for u in evidence.units)  # no owners: nothing to count
    add_official_account(storage, TAN_BINH, "tn.tb", "Cán bộ một cửa")
    with pytest.raises(ServiceError):
        add_official_account(storage, TAN_BINH, "tn.tb")
    tb = period_evidence(storage, period).unit(TAN_BINH).evidence
    assert [a.account for a in tb.flagged] == ["tn.tb"]
    assert tb.official_dossiers == 4 and tb.proxy_dossiers == 4
    assert tb.proxy_share == Fraction(4, 36)
    accounts = list_official_accounts(storage)
    assert [(a.unit_code, a.account, a.note) for a in accounts] == [
        (TAN_BINH, "tn.tb", "Cán bộ một cửa")
    ]
    remove_official_account(storage, accounts[0].id)
    assert list_official_accounts(storage) == []


def test_a_later_export_with_owners_completes_dossiers_imported_without(
    storage: Database, period: int, tmp_path: Path
) -> None:
    """First imported without the owners' columns, the same dossiers exported again with them:
    nothing is counted twice, the figures stay, the owners are filled in — the evidence can be
    computed, as the import report advises."""
    from app.services.dossier_columns import preview_dossiers
    from app.services.import_reports import dossiers_report

    export = tied_export()
    first = import_dossiers(storage, period, export.write(tmp_path / "a.csv", owners=False))
    assert not period_evidence(storage, period).owners_known
    stored_figures = figures.period_figures(storage, period)
    changed = export.rows[0][:]
    changed[HEADER.index("Tài khoản nộp")] = "khac.cd"  # a dossier's account as exported later
    export.rows[0] = changed
    later = export.write(tmp_path / "b.xlsx")
    # the mapping remembered from the first export, completed with the owners' columns
    campaign = campaigns.find_period(storage).campaign_id
    shown = preview_dossiers(storage, campaign, later).mapping
    assert shown["owner"] == "Chủ hồ sơ" and shown["owner_id"] == "Số CCCD/CMND"
    assert shown["authorised"] == "Ủy quyền" and shown["account"] == "Tài khoản nộp"
    again = import_dossiers(storage, period, later, backup=False)
    assert (again.new_dossiers, again.completed_dossiers) == (0, first.counted)
    assert again.changed == () and figures.period_figures(storage, period) == stored_figures
    text = "\n".join(dossiers_report(again).summary)
    assert (
        f"Bổ sung cột chủ hồ sơ / ủy quyền / thủ tục / cán bộ tiếp nhận cho {first.counted}" in text
    )
    evidence = period_evidence(storage, period)
    assert evidence.owners_known
    cd = evidence.unit(CAY_DUONG).evidence
    top = cd.accounts[0]  # the first import's account is kept: «motcua.cd», 12 owners, marked
    assert (top.account, top.dossiers, top.owners, top.flagged) == ("motcua.cd", 12, 12, True)
    dichvu = next(a for a in cd.accounts if a.account == "dichvu.cd")
    assert dichvu.unauthorised_owners == 8  # the authorisations filled too
    third = import_dossiers(storage, period, export.write(tmp_path / "c.csv"), backup=False)
    assert third.completed_dossiers == 0  # nothing left to fill


def test_official_accounts_from_a_file_all_or_nothing(storage: Database, tmp_path: Path) -> None:
    good = write_xlsx(
        tmp_path / "tk.xlsx",
        [["Đơn vị", "Tài khoản", "Ghi chú"], ["Xã Tân Bình", "tn.tb", ""], [CAY_DUONG, "motcua"]],
    )
    bad = write_csv(
        tmp_path / "tk.csv",
        [["Mã đơn vị", "Tài khoản"], ["31399", "x.tb"], ["Xã Không Có", "y"], ["31396", ""]],
    )
    with pytest.raises(OfficialAccountsError) as error:
        import_official_accounts(storage, bad)
    assert "Dòng 3" in str(error.value) and "Dòng 4" in str(error.value)
    assert list_official_accounts(storage) == []
    assert import_official_accounts(storage, good) == 2
    assert import_official_accounts(storage, good) == 0  # already registered: kept, not doubled


def _order(db: Database, period_id: int) -> list[str]:
    ranked = ranking.rank_period(db, period_id)
    return [r.unit.code for r in ranked.ordered if r.unit.code in (CAY_DUONG, TAN_BINH)]


def _rules(db: Database, **changes: object) -> None:
    campaign = campaigns.current_campaign(db).id
    rules = campaigns.campaign_rules(db, campaign)
    campaigns.set_campaign_rules(db, campaign, dataclasses.replace(rules, **changes))  # type: ignore[arg-type]


def test_ties_broken_both_ways_by_the_rule_set(
    storage: Database, period: int, tmp_path: Path
) -> None:
    import_dossiers(storage, period, tied_export().write(tmp_path / "hoso.xlsx"), backup=False)
    _same_eid(storage, period)
    add_official_account(storage, TAN_BINH, "tn.tb")
    ranked = ranking.rank_period(storage, period)
    by_code = {r.unit.code: r for r in ranked.results}
    assert by_code[CAY_DUONG].total == by_code[TAN_BINH].total
    # default: fewer dossiers per account first (Cây Dương 36/15 before Tân Bình 36/3)
    assert _order(storage, period) == [CAY_DUONG, TAN_BINH]
    assert by_code[CAY_DUONG].proxy is None  # the ordinary ranking does not look at proxies
    _rules(storage, tie_break=PROXY_TIE_BREAK)
    assert _order(storage, period) == [TAN_BINH, CAY_DUONG]  # share 4/36 before 12/36
    tb = next(r for r in ranking.rank_period(storage, period).results if r.unit.code == TAN_BINH)
    assert tb.tie_broken_by_proxy and tb.proxy is not None and tb.proxy.proxy_dossiers == 4


def test_count_as_direct_lowers_the_online_figure(
    storage: Database, period: int, tmp_path: Path
) -> None:
    import_dossiers(storage, period, tied_export().write(tmp_path / "hoso.xlsx"), backup=False)
    _same_eid(storage, period)
    _rules(storage, proxy_policy="count_as_direct")
    results = {r.unit.code: r for r in ranking.rank_period(storage, period).results}
    cd = results[CAY_DUONG]
    assert cd.direct_online == 36 and cd.unit.online == 24 and cd.unit.accounts == 14
    assert cd.total is not None and results[TAN_BINH].total is not None
    assert cd.total < results[TAN_BINH].total
    stored = next(u for u in figures.period_figures(storage, period) if u.code == CAY_DUONG)
    assert stored == UnitFigures(stored.code, stored.name, stored.kind, 36, 40, 15, 900, 1000)

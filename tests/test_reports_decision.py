"""After the council: the Quyết định khen thưởng, the Giấy khen with their số sổ vàng, the payment
list and the sơ kết / tổng kết report — checked from the PDF (pdftotext) and the .docx
(python-docx), and through the database (numbers stored, audited, renumbered only when asked)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import docx
import pytest

from app.reports.build import build_documents
from app.reports.dossier import AwardDossier, PeriodSnapshot
from app.reports.settings import DocumentSettings, FieldOffset
from app.resources import default_rules
from app.scoring.engine import rank_units
from tests.test_reports import (
    NOMINATIONS_CSV,
    UNITS_CSV,
    make_dossier,
    page_count,
    parse_nominations,
    pdf_text,
    pdf_words,
)
from tests.test_reports_formats import SOFFICE, docx_text, numbers

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or not UNITS_CSV.exists(),
    reason="needs poppler-utils and ../shared/data",
)
UBND = "Ủy ban nhân dân "


def numbered(dossier: AwardDossier, start: int = 1) -> AwardDossier:
    keys = [key for key, _ in dossier.award_keys()]
    return replace(dossier, register={k: start + i for i, k in enumerate(keys)})


def docx_tables(path: Path) -> list[list[list[str]]]:
    """Every table of the .docx as rows of cell texts (spaces squeezed)."""
    document = docx.Document(str(path))
    return [
        [[" ".join(cell.text.split()) for cell in row.cells] for row in table.rows]
        for table in document.tables
    ]


def table_with(tables: list[list[list[str]]], header: str) -> list[list[str]]:
    return next(t for t in tables if header in t[0])


def column(table: list[list[str]], header: str) -> list[str]:
    index = table[0].index(header)
    return [row[index] for row in table[1:] if row[0].isdigit()]


@pytest.fixture(scope="module")
def dossier() -> AwardDossier:
    return numbered(make_dossier(), start=125)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory, dossier: AwardDossier) -> Path:
    folder = tmp_path_factory.mktemp("quyet-dinh")
    build_documents(dossier, ["to-trinh", "quyet-dinh", "giay-khen", "tien-thuong"], folder, "both")
    return folder


# --- Quyết định --------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["quyet-dinh", "tien-thuong"])
def test_pdf_and_word_carry_the_same_figures_names_and_money(out: Path, name: str) -> None:
    pdf = pdf_text(out / f"{name}.pdf")
    word = docx_text(out / f"{name}.docx")
    assert numbers(pdf) and numbers(pdf) == numbers(word)
    for phrase in ["thị trấn Cây Dương", "Mười lăm triệu đồng", "15.000.000", "6.000.000"]:
        assert phrase in pdf and phrase in word, (name, phrase)


def test_the_decisions_list_is_the_proposals(out: Path) -> None:
    proposal = docx_tables(out / "to-trinh.docx")
    decision = docx_tables(out / "quyet-dinh.docx")
    proposed_units = column(table_with(proposal, "Tên tập thể"), "Tên tập thể")
    decided_units = column(table_with(decision, "Tên tập thể"), "Tên tập thể")
    assert len(decided_units) == 5
    assert [n.removeprefix(UBND).casefold() for n in decided_units] == [
        n.casefold() for n in proposed_units
    ]
    proposed_people = column(table_with(proposal, "Họ và tên"), "Họ và tên")
    decided_people = column(table_with(decision, "Họ và tên"), "Họ và tên")
    assert decided_people == proposed_people and len(decided_people) == 30
    text = pdf_text(out / "quyet-dinh.pdf")
    for name in [*decided_units, *decided_people]:
        assert name in text, name


def test_the_decision_reads_as_the_rules_write_it(out: Path) -> None:
    for text in (pdf_text(out / "quyet-dinh.pdf"), docx_text(out / "quyet-dinh.docx")):
        order = [
            "ỦY BAN NHÂN DÂN",
            "Số: …/QĐ-UBND",
            "QUYẾT ĐỊNH",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN PHỤNG HIỆP",
            "Căn cứ Luật Thi đua, Khen thưởng ngày 15 tháng 6 năm 2022;",
            "Căn cứ Nghị định số 98/2023/NĐ-CP",
            "Căn cứ Tờ trình số …/TTr-VHTT ngày 05 tháng 01 năm 2024",
            "Theo đề nghị của Trưởng phòng Nội vụ huyện.",
            "QUYẾT ĐỊNH:",
            "Điều 1. Tặng Giấy khen của Chủ tịch Ủy ban nhân dân huyện cho 05 tập thể và 30 cá nhân",
            "Điều 2.",
            "Giải Nhất: 01 tập thể × 6.000.000 đồng = 6.000.000 đồng;",
            "Giải Khuyến khích: 02 tập thể × 1.500.000 đồng = 3.000.000 đồng.",
            "Tổng số tiền thưởng: 15.000.000 đồng (Mười lăm triệu đồng).",
            "Nguồn kinh phí: Quỹ Thi đua, khen thưởng huyện năm 2023.",
            "Điều 3.",
            "chịu trách nhiệm thi hành Quyết định này./.",
            "Nơi nhận:",
            "Như Điều 3;",
            "KT. CHỦ TỊCH",
            "Trần Không Dận",
            "DANH SÁCH",
            "(Kèm theo Quyết định số …/QĐ-UBND ngày",
        ]
        at = 0
        for phrase in order:
            found = text.find(phrase, at)
            assert found >= 0, phrase
            at = found
        # number and date blank for the clerk: the year only
        assert re.search(r"Phụng Hiệp, ngày\s+tháng\s+năm 2024", text)


def test_the_number_and_date_come_from_the_settings() -> None:
    settings = DocumentSettings(decision_number="12/QĐ-UBND", decision_date="10/01/2024")
    text = _decision_text(make_dossier(settings=settings))
    assert "Số: 12/QĐ-UBND" in text
    assert "Phụng Hiệp, ngày 10 tháng 01 năm 2024" in text
    assert "(Kèm theo Quyết định số 12/QĐ-UBND ngày 10 tháng 01 năm 2024)" in text


def test_next_years_campaign_prints_its_own_names_and_decree() -> None:
    """No district level since 01/07/2025; Nghị định 152/2025 replaced 98/2023: settings only."""
    settings = DocumentSettings(
        decision_office="ỦY BAN NHÂN DÂN XÃ PHỤNG HIỆP",
        decision_issuer="CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PHỤNG HIỆP",
        legal_bases=(
            "Luật Thi đua, Khen thưởng ngày 15 tháng 6 năm 2022",
            "Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết Luật Thi đua, Khen thưởng",
        ),
        award_name="Giấy khen của Chủ tịch Ủy ban nhân dân xã",
        plan_issuer="Ủy ban nhân dân xã Phụng Hiệp",
        decision_proposer="Trưởng phòng Văn hóa - Xã hội xã",
        prize_source="ngân sách xã năm 2025",
        money_even=True,
    )
    text = _decision_text(make_dossier(settings=settings))
    for phrase in [
        "ỦY BAN NHÂN DÂN XÃ PHỤNG HIỆP",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PHỤNG HIỆP",
        "Căn cứ Nghị định số 152/2025/NĐ-CP",
        "Căn cứ Kế hoạch số …/KH-UBND của Ủy ban nhân dân xã Phụng Hiệp",
        "Tặng Giấy khen của Chủ tịch Ủy ban nhân dân xã cho 05 tập thể",
        "Theo đề nghị của Trưởng phòng Văn hóa - Xã hội xã.",
        "Nguồn kinh phí: ngân sách xã năm 2025.",
        "Mười lăm triệu đồng chẵn",
    ]:
        assert phrase in text, phrase
    assert "98/2023" not in text and "HUYỆN PHỤNG HIỆP" not in text


def _decision_text(dossier: AwardDossier) -> str:
    import tempfile

    from app.reports.pdf import render_pdf
    from app.reports.quyet_dinh import describe

    with tempfile.TemporaryDirectory() as folder:
        path = render_pdf(describe(dossier.normalised()), Path(folder) / "qd.pdf")
        return pdf_text(path)


# --- sổ vàng on the certificates and the list -------------------------------------------------
def test_register_numbers_are_the_same_on_certificates_and_list(
    out: Path, dossier: AwardDossier
) -> None:
    decision = docx_tables(out / "quyet-dinh.docx")
    listed = column(table_with(decision, "Tên tập thể"), "Số sổ vàng")
    listed += column(table_with(decision, "Họ và tên"), "Số sổ vàng")
    assert [int(n) for n in listed] == list(range(125, 125 + 35))  # consecutive, in order
    names = column(table_with(decision, "Tên tập thể"), "Tên tập thể")
    names += column(table_with(decision, "Họ và tên"), "Họ và tên")
    path = out / "giay-khen.pdf"
    assert page_count(path) == 35
    for page, (name, number) in enumerate(zip(names, listed, strict=True), start=1):
        text = pdf_text(path, page)
        assert name in text, (page, name)
        assert f"Số sổ vàng: {number}" in text, (page, number)
    pdf = pdf_text(out / "quyet-dinh.pdf")
    assert "Số sổ vàng" in pdf and " 159 " in f" {pdf} "


def test_full_print_in_the_order_of_the_rules(tmp_path: Path) -> None:
    settings = DocumentSettings(certificate_full_text=True, decision_number="12/QĐ-UBND",
                                decision_date="10/01/2024")  # fmt: skip
    build_documents(numbered(make_dossier(settings=settings)), ["giay-khen"], tmp_path)
    words = pdf_words(tmp_path / "giay-khen.pdf")[0]

    def top(word: str) -> float:
        return next(w[1] for w in words if w[4] == word)

    order = ["CỘNG", "Độc", "NHÂN", "TẶNG", "GIẤY", "Ủy", "Đã", "Đạt"]
    tops = [top(w) for w in order]
    assert tops == sorted(tops), list(zip(order, tops, strict=True))
    left = [w for w in words if w[0] < 297 / 2 * 72 / 25.4 and w[1] > 150 * 72 / 25.4]
    bottom_left = " ".join(w[4] for w in left)
    assert "12/QĐ-UBND" in bottom_left and "10/01/2024" in bottom_left
    assert "vàng: 1" in bottom_left
    text = pdf_text(tmp_path / "giay-khen.pdf", 1)
    assert "Phụng Hiệp, ngày 10 tháng 01 năm 2024" in text
    assert "TM. ỦY BAN NHÂN DÂN" not in text  # the Chairman's own award


def test_each_field_has_its_own_offset(tmp_path: Path) -> None:
    def places(settings: DocumentSettings, folder: Path) -> dict[str, tuple[float, float]]:
        build_documents(numbered(make_dossier(settings=settings)), ["giay-khen"], folder)
        words = pdf_words(folder / "giay-khen.pdf")[0]
        return {w[4]: (w[0], w[1]) for w in words if w[4] in ("vàng:", "Nhất", "Dận")}

    base = places(DocumentSettings(), tmp_path / "a")
    moved = places(
        DocumentSettings(
            certificate_offset_y_mm=2,
            certificate_field_offsets=(FieldOffset("register", 4, 3),),
        ),
        tmp_path / "b",
    )
    mm = 72 / 25.4
    assert moved["vàng:"][0] - base["vàng:"][0] == pytest.approx(4 * mm, abs=0.1)
    assert moved["vàng:"][1] - base["vàng:"][1] == pytest.approx(5 * mm, abs=0.1)  # + is down
    for word in ("Nhất", "Dận"):  # the other fields move with the page only
        assert moved[word][0] == pytest.approx(base[word][0], abs=0.1)
        assert moved[word][1] - base[word][1] == pytest.approx(2 * mm, abs=0.1)
    calibration = pdf_text(tmp_path / "b" / "giay-khen-can-chinh.pdf")
    assert "Số sổ vàng (66; 185)" in calibration  # where that field is printed now
    assert "dương: xuống dưới" in calibration


# --- the payment list --------------------------------------------------------------------------
def test_payment_list(out: Path) -> None:
    tables = docx_tables(out / "tien-thuong.docx")
    table = table_with(tables, "Ký nhận")
    rows = [row for row in table[1:] if row[0].isdigit()]
    assert [row[1] for row in rows][:2] == [
        "Ủy ban nhân dân thị trấn Cây Dương",
        "Ủy ban nhân dân xã Hòa An",
    ]
    assert [row[3] for row in rows] == ["6.000.000", "4.000.000", "2.000.000", "1.500.000",
                                        "1.500.000"]  # fmt: skip
    assert all(row[4] == "" for row in rows)  # room to sign
    assert table[-1][1] == "Tổng cộng" and table[-1][3] == "15.000.000"
    for text in (pdf_text(out / "tien-thuong.pdf"), docx_text(out / "tien-thuong.docx")):
        assert "DANH SÁCH NHẬN TIỀN THƯỞNG" in text
        assert "Tổng số tiền bằng chữ: Mười lăm triệu đồng." in text
        assert "NGƯỜI LẬP DANH SÁCH" in text and "TRƯỞNG PHÒNG" in text


def test_an_individual_prize_is_paid_and_decided(tmp_path: Path) -> None:
    settings = DocumentSettings(individual_prize_vnd=300_000)
    build_documents(make_dossier(settings=settings), ["quyet-dinh", "tien-thuong"], tmp_path)
    decision = pdf_text(tmp_path / "quyet-dinh.pdf")
    assert "Cá nhân: 30 người × 300.000 đồng = 9.000.000 đồng" in decision
    assert "24.000.000 đồng (Hai mươi tư triệu đồng)" in decision
    payment = pdf_text(tmp_path / "tien-thuong.pdf")
    assert "Hai mươi tư triệu đồng" in payment and "Huỳnh Trúc Phát" in payment


# --- sơ kết / tổng kết -------------------------------------------------------------------------
def test_tong_ket_shows_each_units_change_between_two_periods(tmp_path: Path) -> None:
    from app.exchange.unit_figures import read_unit_figures

    units = read_unit_figures(UNITS_CSV).units
    earlier_units = [replace(u, online=u.online * 8 // 10 if u.online else u.online) for u in units]
    earlier = rank_units(earlier_units, default_rules())
    dossier = replace(
        make_dossier(),
        period_name="Tổng kết",
        history=(PeriodSnapshot("Sơ kết", dt.date(2023, 9, 1), dt.date(2023, 10, 31), earlier),),
    )
    build_documents(dossier, ["tong-ket"], tmp_path, "both")
    assert numbers(pdf_text(tmp_path / "tong-ket.pdf")) == numbers(
        docx_text(tmp_path / "tong-ket.docx")
    )
    table = table_with(docx_tables(tmp_path / "tong-ket.docx"), "Tăng, giảm điểm; hạng")
    rows = {row[1]: row for row in table[1:] if row[0].isdigit()}
    assert len(rows) == 15
    now = {r.unit.name: r for r in dossier.ranking.results if r.scored}
    before = {r.unit.name: r for r in earlier.results if r.scored}
    pdf = pdf_text(tmp_path / "tong-ket.pdf")
    for name, row in rows.items():
        change = now[name].total - before[name].total  # type: ignore[operator]
        sign = "+" if change > 0 else ""
        expected = f"{sign}{change:.2f}".replace(".", ",")
        assert row[-1].startswith(expected), (name, row)
        assert f"hạng {before[name].rank} → {now[name].rank}" in row[-1]
        assert name in pdf
    for text in (pdf, docx_text(tmp_path / "tong-ket.docx")):
        for phrase in [
            "BÁO CÁO",
            "Tổng kết phong trào thi đua",
            "Kính gửi: Ủy ban nhân dân huyện Phụng Hiệp.",
            "1. Kết quả chung toàn huyện",
            "Sơ kết",
            "+17,36 điểm %",
            "3. Đơn vị chưa đạt ngưỡng",
            "Xã Phụng Hiệp: tỷ lệ hồ sơ trực tuyến đạt 63,01% (1.574/2.498), cần thêm 175 hồ sơ",
            "4. Đề xuất khen thưởng",
            "Tổng số tiền thưởng: 15.000.000 đồng",
            "Phòng Nội vụ",
        ]:
            assert phrase in text, phrase


def test_so_ket_through_the_database(storage: object, tmp_path: Path) -> None:
    """Two periods in the database: the report of the later one compares with the earlier."""
    from app.models import Database
    from app.services import campaigns, documents, figures

    assert isinstance(storage, Database)
    db = storage
    campaign = campaigns.current_campaign(db)
    period = campaigns.find_period(db, None, campaign.id)
    figures.import_figures(db, period.id, UNITS_CSV, backup=False)
    later = campaigns.add_period(db, campaign.id, "Sơ kết lần 2", period.end_date + dt.timedelta(1),
                                 period.end_date + dt.timedelta(60))  # fmt: skip
    figures.import_figures(db, later.id, UNITS_CSV, backup=False)
    dossier = documents.award_dossier(db, later.id, history=True)
    assert [p.name for p in dossier.history] == [period.name]
    assert not dossier.period_final
    made = documents.build_documents(db, later.id, ["tong-ket"], tmp_path)
    assert [p.name for p in made] == ["so-ket.pdf"]
    text = pdf_text(made[0])
    assert "Sơ kết phong trào thi đua" in text and period.name in text


# --- sổ vàng in the database -------------------------------------------------------------------
def _awards_database(db: object) -> int:
    from app.models import Database
    from app.services import campaigns, figures, nominations

    assert isinstance(db, Database)
    campaign = campaigns.current_campaign(db)
    period = campaigns.find_period(db, None, campaign.id)
    figures.import_figures(db, period.id, UNITS_CSV, backup=False)
    for n in parse_nominations(NOMINATIONS_CSV, read_units())[:6]:
        nominations.add_nomination(db, period.id, n.unit_code, n.full_name, n.position,
                                   n.achievement_summary, gender=n.gender or None)  # fmt: skip
    settings = campaigns.document_settings(db, campaign.id)
    campaigns.set_document_settings(db, campaign.id, replace(settings, register_start=40))
    return period.id


def read_units() -> list:  # type: ignore[type-arg]
    from app.exchange.unit_figures import read_unit_figures

    return read_unit_figures(UNITS_CSV).units


def test_register_numbers_are_stored_kept_and_audited(storage: object, tmp_path: Path) -> None:
    from app.models import Database
    from app.services import audit, documents, nominations, register

    assert isinstance(storage, Database)
    db = storage
    period_id = _awards_database(db)
    assert register.register_numbers(db, period_id) == {}
    documents.build_documents(db, period_id, ["quyet-dinh"], tmp_path / "a")
    numbers = register.register_numbers(db, period_id)
    assert sorted(numbers.values()) == list(range(40, 40 + 11))  # 5 collectives, 6 people
    [entry] = audit.list_audit(db, action="register")
    assert entry.action == "register.assign"
    assert audit.action_label(entry.action) == "Cấp số sổ vàng"
    assert "Ủy ban nhân dân thị trấn Cây Dương (40)" in entry.summary
    assert "Ủy ban nhân dân thị trấn Cây Dương: 40" in audit.audit_detail(entry)

    # Made again: the same numbers, nothing new in the log.
    documents.build_documents(db, period_id, ["giay-khen"], tmp_path / "b")
    assert register.register_numbers(db, period_id) == numbers
    assert len(audit.list_audit(db, action="register")) == 1
    text = pdf_text(tmp_path / "b" / "giay-khen.pdf", 1)
    assert "Số sổ vàng: 40" in text

    # A person withdrawn keeps the number on record; one added takes a number above every one given;
    # the others keep theirs.
    people = nominations.list_nominations(db, period_id)
    nominations.delete_nomination(db, people[0].id)
    added = nominations.add_nomination(db, period_id, people[1].unit_code, "Nguyễn Văn Mới",
                                       "Công chức", "Thành tích")  # fmt: skip
    documents.build_documents(db, period_id, ["quyet-dinh"], tmp_path / "c")
    after = register.register_numbers(db, period_id)
    assert after[f"person:{added.id}"] == 51
    assert {k: v for k, v in after.items() if k in numbers} == numbers
    entry = audit.list_audit(db, action="register", limit=1)[0]
    assert entry.summary == "Cấp số sổ vàng cho 1 khen thưởng: Nguyễn Văn Mới (51)"

    # The database may give a deleted person's id again: the newcomer does not inherit the number,
    # and no number is given twice.
    nominations.delete_nomination(db, added.id)
    reused = nominations.add_nomination(db, period_id, people[1].unit_code, "Trần Thị Khác",
                                        "Công chức", "Thành tích")  # fmt: skip
    documents.build_documents(db, period_id, ["quyet-dinh"], tmp_path / "e")
    assert register.register_numbers(db, period_id)[f"person:{reused.id}"] == 52
    text = pdf_text(tmp_path / "e" / "quyet-dinh.pdf")
    assert "Trần Thị Khác" in text and "Nguyễn Văn Mới" not in text

    # Renumbering is explicit: consecutive again from the start, audited as such.
    documents.build_documents(db, period_id, ["giay-khen"], tmp_path / "d", reassign_register=True)
    again = register.register_numbers(db, period_id)
    assert sorted(again.values()) == list(range(40, 40 + 11))  # only the awards of today
    latest = audit.list_audit(db, action="register", limit=1)[0]
    assert latest.action == "register.reassign"
    assert audit.action_label(latest.action) == "Cấp lại số sổ vàng"


def test_the_longest_names_stay_on_the_certificate(tmp_path: Path) -> None:
    from app.exchange.unit_figures import read_unit_figures
    from app.reports.dossier import Nomination
    from tests.test_reports_formats import LONG_NAME, LONG_POSITION, LONG_UNIT

    units = read_unit_figures(UNITS_CSV).units
    units = [replace(units[0], name=LONG_UNIT), *units[1:]]
    person = Nomination(LONG_NAME, LONG_POSITION, units[0].code, LONG_UNIT, "Tóm tắt")
    dossier = numbered(make_dossier(units, [person]))
    build_documents(dossier, ["quyet-dinh", "giay-khen", "tien-thuong"], tmp_path, "both")
    path = tmp_path / "giay-khen.pdf"
    width, height = 297 * 72 / 25.4, 210 * 72 / 25.4
    for page, words in enumerate(pdf_words(path), start=1):
        for x_min, y_min, x_max, y_max, word in words:
            assert x_min >= 0 and x_max <= width and y_min >= 0 and y_max <= height, (page, word)
    first = " ".join(pdf_text(path, 1).split())
    assert LONG_UNIT.split()[-1] in first and "Ủy ban nhân dân trung tâm" in first
    last = pdf_text(path, 6)
    assert LONG_NAME.split()[-1] in last and LONG_POSITION.split()[-1] in last
    assert LONG_NAME in docx_text(tmp_path / "quyet-dinh.docx")
    assert f"Ủy ban nhân dân t{LONG_UNIT[1:]}" in docx_text(tmp_path / "tien-thuong.docx")


@pytest.mark.skipif(
    SOFFICE is None and sys.platform == "win32",
    reason="LibreOffice is not installed on this Windows machine (CI installs it on Linux)",
)
def test_the_decision_documents_open_in_libreoffice(out: Path, tmp_path: Path) -> None:
    names = ["quyet-dinh", "tien-thuong"]
    assert SOFFICE is not None, "LibreOffice (soffice) is needed: scripts/dev.py installs it"
    done = subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path),
         *(str(out / f"{name}.docx") for name in names)],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    for name in names:
        text = pdf_text(tmp_path / f"{name}.pdf")
        assert numbers(text) == numbers(pdf_text(out / f"{name}.pdf")), name
        assert "Mười lăm triệu đồng" in text

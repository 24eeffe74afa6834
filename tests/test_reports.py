"""Award documents: generated from the shared sample figures and nominations, checked from the PDFs
themselves with poppler-utils (pdftotext, pdffonts, pdfinfo)."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest

from app.exchange.unit_figures import read_unit_figures
from app.reports.build import UnknownKindError, build_documents, expand_kinds
from app.reports.dossier import AwardDossier, DossierNotReadyError, Nomination, UnitProfile
from app.reports.settings import DocumentSettings, Signer
from app.resources import default_rules
from app.scoring.engine import TieSettlement, rank_units
from app.scoring.figures import UnitFigures, UnitKind

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
UNITS_CSV = SHARED / "sample-units-2023.csv"
NOMINATIONS_CSV = SHARED / "sample-nominations-2023.csv"
MM = 72 / 25.4
A4_W, A4_H = 595.276, 841.89

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or not UNITS_CSV.exists(),
    reason="needs poppler-utils and ../shared/data",
)


# --- building the dossier from the sample files -------------------------------------------------
def parse_nominations(path: Path, units: list[UnitFigures]) -> list[Nomination]:
    """The nominations CSV (DATA-FORMAT.md F); the unit is given by name or by code."""
    by_code = {u.code: u for u in units}
    by_name = {u.name.casefold(): u for u in units}
    out = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            unit = by_code.get(row["Đơn vị"]) or by_name[row["Đơn vị"].casefold()]
            birth = None
            if row["Ngày sinh"]:
                birth = dt.datetime.strptime(row["Ngày sinh"], "%d/%m/%Y").date()
            out.append(
                Nomination(
                    full_name=row["Họ và tên"],
                    position=row["Chức vụ"],
                    unit_code=unit.code,
                    unit_name=unit.name,
                    achievement_summary=row["Tóm tắt thành tích"],
                    birth_date=birth,
                    gender=row["Giới tính"],
                )
            )
    return out


def make_dossier(
    units: list[UnitFigures] | None = None,
    nominations: list[Nomination] | None = None,
    settlements: tuple[TieSettlement, ...] = (),
    settings: DocumentSettings | None = None,
) -> AwardDossier:
    if units is None:
        units = read_unit_figures(UNITS_CSV).units
    if nominations is None:
        nominations = parse_nominations(NOMINATIONS_CSV, units)
    return AwardDossier(
        campaign_name="Người dân Phụng Hiệp nộp dịch vụ công trực tuyến",
        year=2023,
        settings=settings or DocumentSettings(),
        ranking=rank_units(units, default_rules(), settlements),
        profiles={
            "31396": UnitProfile(
                code="31396",
                address="Khu vực 1, thị trấn Cây Dương",
                phone="0293 3870 000",
                head_name="Nguyễn Văn An",
                achievement_text="Thành lập 5 Tổ Công nghệ số cộng đồng ở các ấp.",
                past_awards_text="Năm 2022: Giấy khen của Chủ tịch UBND huyện.",
            )
        },
        nominations=tuple(nominations),
        period_start=dt.date(2023, 9, 1),
        period_end=dt.date(2023, 12, 31),
        made_on=dt.date(2024, 1, 5),
    )


# --- reading PDFs ---------------------------------------------------------------------------------
def pdf_text(path: Path, *pages: int) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    out = subprocess.run([*args, str(path), "-"], check=True, capture_output=True, text=True)
    return " ".join(out.stdout.replace("\u00a0", " ").split())


def pdf_fonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    return [line.split() for line in out.stdout.splitlines()[2:] if line.strip()]


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    return dict(line.split(":", 1) for line in out.stdout.splitlines() if ":" in line)


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def pdf_words(path: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Words with their boxes (points from the top-left), page by page."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    pages = out.stdout.split("<page ")[1:]
    return [
        [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in _WORD.findall(page)]
        for page in pages
    ]


def page_count(path: Path) -> int:
    return int(pdf_info(path)["Pages"])


def page_size(path: Path) -> tuple[float, float]:
    match = re.match(r"\s*([\d.]+) x ([\d.]+)", pdf_info(path)["Page size"])
    assert match
    return float(match.group(1)), float(match.group(2))


# --- fixtures -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def dossier() -> AwardDossier:
    return make_dossier()


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory, dossier: AwardDossier) -> Path:
    folder = tmp_path_factory.mktemp("hoso")
    build_documents(dossier, ["all"], folder)
    return folder


# --- the whole dossier ----------------------------------------------------------------------------
def test_all_documents_are_made(out: Path, dossier: AwardDossier) -> None:
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "bang-diem.pdf",
        "bao-cao-thanh-tich",
        "bien-ban.pdf",
        "giay-khen-can-chinh.pdf",
        "giay-khen.pdf",
        "quyet-dinh.pdf",
        "tien-thuong.pdf",
        "to-trinh.pdf",
        "tong-ket.pdf",
    ]
    reports = list((out / "bao-cao-thanh-tich").glob("*.pdf"))
    assert len(reports) == 5 + len(dossier.nominations) == 35


def all_pdfs(out: Path) -> list[Path]:
    return sorted(out.rglob("*.pdf"))


def test_every_font_is_embedded_liberation_serif(out: Path) -> None:
    for path in all_pdfs(out):
        fonts = pdf_fonts(path)
        assert fonts, path
        for row in fonts:
            name = row[0]
            assert re.fullmatch(r"[A-Z]{6}\+LiberationSerif(-Bold|-Italic|-BoldItalic)?", name), (
                path.name,
                row,
            )
            # columns: name type [type2] encoding emb sub uni id gen: emb is 5th from the end
            assert row[-5] == "yes", (path.name, row)


def test_page_sizes(out: Path) -> None:
    portrait = [out / "to-trinh.pdf", out / "bien-ban.pdf", *(out / "bao-cao-thanh-tich").glob("*")]
    for path in portrait:
        w, h = page_size(path)
        assert (round(w, 1), round(h, 1)) == (595.3, 841.9), path.name
    for name in ("bang-diem.pdf", "giay-khen.pdf", "giay-khen-can-chinh.pdf"):
        w, h = page_size(out / name)
        assert (round(w, 1), round(h, 1)) == (841.9, 595.3), name


@pytest.mark.parametrize("name", ["to-trinh.pdf", "bien-ban.pdf"])
def test_margins_and_page_numbers(out: Path, name: str) -> None:
    """Left 30 mm, right 15 mm, top and bottom 20 mm; numbers from page 2, centred at the top."""
    pages = pdf_words(out / name)
    assert len(pages) >= 2
    tol = 0.5 * MM
    for index, words in enumerate(pages, start=1):
        top_margin = [w for w in words if w[3] < 20 * MM]
        body = [w for w in words if w[3] >= 20 * MM]
        assert min(w[0] for w in body) >= 30 * MM - tol, (name, index)
        assert max(w[2] for w in body) <= A4_W - 15 * MM + tol, (name, index)
        assert min(w[1] for w in body) >= 20 * MM - 2 * tol, (name, index)
        assert max(w[3] for w in body) <= A4_H - 20 * MM + tol, (name, index)
        if index == 1:
            assert top_margin == [], "no page number on the first page"
        else:
            assert [w[4] for w in top_margin] == [str(index)]
            x0, _, x1, _, _ = top_margin[0]
            centre = 30 * MM + (A4_W - 45 * MM) / 2
            assert abs((x0 + x1) / 2 - centre) < 2 * MM
    # the body is justified: many lines end exactly at the right margin
    right_edges = [w[2] for words in pages for w in words if w[3] >= 20 * MM]
    at_margin = [x for x in right_edges if abs(x - (A4_W - 15 * MM)) < 0.3]
    assert len(at_margin) >= 10


def test_to_trinh(out: Path, dossier: AwardDossier) -> None:
    text = pdf_text(out / "to-trinh.pdf")
    for phrase in [
        "UBND HUYỆN PHỤNG HIỆP",
        "PHÒNG VĂN HÓA VÀ THÔNG TIN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: …/TTr-VHTT",
        "Phụng Hiệp, ngày 05 tháng 01 năm 2024",
        "TỜ TRÌNH",
        "Kính gửi: Chủ tịch Ủy ban nhân dân huyện Phụng Hiệp",
        "Kế hoạch số 165/KH-UBND ngày 21 tháng 8 năm 2023",
        "Hạng Nhất: Thị trấn Cây Dương",
        "Hạng Nhì: Xã Hòa An",
        "Hạng Ba: Xã Thạnh Hòa",
        "Hạng Khuyến khích: Xã Phương Phú",
        "Hạng Khuyến khích: Xã Hòa Mỹ",
        "Thị trấn Cây Dương: 05; Xã Hòa An: 04",
        "các phòng, ban, ngành huyện: 04",
        "15.000.000 đồng",
        "Mười lăm triệu đồng",
        "12/15 đơn vị",
        "Nơi nhận:",
        "Lưu: VT, VHTT.",
        "TRƯỞNG PHÒNG",
        "DANH SÁCH",
        "Kèm theo Tờ trình số …/TTr-VHTT ngày 05 tháng 01 năm 2024",
        "6.000.000",
        "1.500.000",
    ]:
        assert phrase in text, phrase
    for nomination in dossier.nominations:
        assert nomination.full_name in text, nomination.full_name


def test_attached_list_repeats_its_header(out: Path) -> None:
    path = out / "to-trinh.pdf"
    with_header = [
        page
        for page in range(3, page_count(path) + 1)
        if "Chức vụ, đơn vị công tác" in pdf_text(path, page)
    ]
    assert len(with_header) >= 2, "the individuals' list spans pages and repeats its header"


def test_bien_ban(out: Path) -> None:
    text = pdf_text(out / "bien-ban.pdf")
    for phrase in [
        "HỘI ĐỒNG THI ĐUA",  # the "-" ending the line is taken for a hyphen by pdftotext
        "KHEN THƯỞNG",
        "Số: …/BB-HĐTĐKT",
        "BIÊN BẢN",
        "Thời gian bắt đầu: 08 giờ 00, ngày 05 tháng 01 năm 2024",
        "Địa điểm: Phòng họp Ủy ban nhân dân huyện Phụng Hiệp.",
        "Thành phần tham dự:",
        "Chủ trì (chủ tọa):",
        "Thư ký (người ghi biên bản):",
        "Nội dung:",
        "Kết quả chấm điểm",
        "Kết quả biểu quyết",
        "Kết luận",
        "Cuộc họp kết thúc vào lúc 10 giờ 00, ngày 05 tháng 01 năm 2024",
        "THƯ KÝ",
        "CHỦ TỌA",
        "Mười lăm triệu đồng",
        "Kèm theo Biên bản số …/BB-HĐTĐKT",
        "Xã Phụng Hiệp",
        "Dưới ngưỡng 70%",
    ]:
        assert phrase in text, phrase


def test_bao_cao(out: Path, dossier: AwardDossier) -> None:
    folder = out / "bao-cao-thanh-tich"
    first = pdf_text(folder / "tap-the-01-thi-tran-cay-duong.pdf")
    for phrase in [
        "UBND THỊ TRẤN CÂY DƯƠNG",
        "BÁO CÁO THÀNH TÍCH",
        "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
        "II. THÀNH TÍCH ĐẠT ĐƯỢC",
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
        "Khu vực 1, thị trấn Cây Dương",
        "Thành lập 5 Tổ Công nghệ số cộng đồng",
        "Năm 2022: Giấy khen",
        "2.011/2.011",
        "100,00",
        "đạt giải Nhất",
        "XÁC NHẬN CỦA CẤP TRÌNH",
        "TM. ỦY BAN NHÂN DÂN",
        "Nguyễn Văn An",
    ]:
        assert phrase in first, phrase
    # a unit without a profile: still complete from the figures
    fifth = pdf_text(folder / "tap-the-05-xa-hoa-my.pdf")
    assert "Xã Hòa Mỹ là đơn vị hành chính cấp xã" in fifth
    assert "đạt giải Khuyến khích" in fifth
    person = pdf_text(folder / "ca-nhan-01-huynh-truc-phat.pdf")
    for phrase in [
        "I. SƠ LƯỢC LÝ LỊCH",
        "Họ và tên: Huỳnh Trúc Phát",
        "13/10/1998",
        "Giới tính: Nữ",
        "Công chức Tư pháp - Hộ tịch",
        "NGƯỜI BÁO CÁO THÀNH TÍCH",
    ]:
        assert phrase in person, phrase
    names = " ".join(pdf_text(p) for p in sorted(folder.glob("ca-nhan-*.pdf")))
    for nomination in dossier.nominations:
        assert f"Họ và tên: {nomination.full_name}" in names


def test_bang_diem(out: Path, dossier: AwardDossier) -> None:
    text = pdf_text(out / "bang-diem.pdf")
    assert "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM" in text
    assert "BIỂU ĐỒ TỔNG ĐIỂM" in text
    for result in dossier.ranking.ordered:
        assert result.unit.name in text
    for phrase in ["Dưới ngưỡng 70%", "Khuyến khích", "100,00", "26,33", "Ghi chú cách tính"]:
        assert phrase in text, phrase


def test_giay_khen(out: Path, dossier: AwardDossier) -> None:
    path = out / "giay-khen.pdf"
    assert page_count(path) == 5 + len(dossier.nominations)
    first = pdf_text(path, 1)
    assert "Ủy ban nhân dân thị trấn Cây Dương" in first
    assert "Đạt giải Nhất" in first
    assert "Trần Không Dận" in first
    assert "GIẤY KHEN" not in first, "the form's fixed text is pre-printed"
    individual = pdf_text(path, 6)
    assert "Bà Huỳnh Trúc Phát" in individual
    calibration = pdf_text(out / "giay-khen-can-chinh.pdf")
    assert "TRANG CĂN CHỈNH GIẤY KHEN" in calibration


def test_certificate_offsets_move_the_text(tmp_path: Path) -> None:
    def x_of(settings: DocumentSettings, folder: Path) -> tuple[float, float]:
        build_documents(make_dossier(settings=settings), ["giay-khen"], folder)
        words = pdf_words(folder / "giay-khen.pdf")[0]
        word = next(w for w in words if w[4] == "Nhất")
        return word[0], word[1]

    base = x_of(DocumentSettings(), tmp_path / "a")
    moved = x_of(
        DocumentSettings(certificate_offset_x_mm=5, certificate_offset_y_mm=-3), tmp_path / "b"
    )
    assert moved[0] - base[0] == pytest.approx(5 * MM, abs=0.1)
    assert moved[1] - base[1] == pytest.approx(-3 * MM, abs=0.1)
    full = DocumentSettings(certificate_full_text=True)
    build_documents(make_dossier(settings=full), ["giay-khen"], tmp_path / "c")
    assert "GIẤY KHEN" in pdf_text(tmp_path / "c" / "giay-khen.pdf", 1)


def test_settings_appear_in_the_documents(tmp_path: Path) -> None:
    settings = DocumentSettings(
        proposal_number="12/TTr-VHTT",
        proposal_date="08/01/2024",
        proposal_signer=Signer(title="KT. TRƯỞNG PHÒNG\nPHÓ TRƯỞNG PHÒNG", name="Lê Văn Bình"),
        meeting_chair="Trần Không Dận",
        meeting_secretary="Võ Thị Cẩm",
        members_present=("Ông A, Trưởng phòng Nội vụ", "Bà B, Trưởng phòng VHTT"),
        members_absent=("Ông C (công tác)",),
    )
    dossier = replace(
        make_dossier(settings=settings), plan_number="145/KH-UBND", plan_date=dt.date(2023, 9, 5)
    )
    build_documents(dossier, ["to-trinh", "bien-ban"], tmp_path)
    proposal = pdf_text(tmp_path / "to-trinh.pdf")
    for phrase in [
        "Số: 12/TTr-VHTT",
        "Phụng Hiệp, ngày 08 tháng 01 năm 2024",
        "KT. TRƯỞNG PHÒNG",
        "PHÓ TRƯỞNG PHÒNG",
        "Lê Văn Bình",
        "Kế hoạch số 145/KH-UBND ngày 05 tháng 9 năm 2023",
    ]:
        assert phrase in proposal, phrase
    minutes = pdf_text(tmp_path / "bien-ban.pdf")
    for phrase in ["Trần Không Dận", "Võ Thị Cẩm", "Ông A, Trưởng phòng Nội vụ", "2/2 (100%)"]:
        assert phrase in minutes, phrase
    assert "Vắng mặt: 01 thành viên (Ông C (công tác))." in minutes


def test_a_proposal_voted_otherwise_has_its_own_count(tmp_path: Path) -> None:
    settings = DocumentSettings(
        members_present=("Ông A", "Bà B", "Ông D"),
        vote_exceptions=("31423: 2/3", "ca-nhan-xa: 3/3"),
    )
    build_documents(make_dossier(settings=settings), ["bien-ban"], tmp_path)
    rows = {
        line.split("  ")[0].strip(): line
        for line in pdf_text(tmp_path / "bien-ban.pdf").splitlines()
        if "Tặng Giấy khen" in line
    }
    hoa_an = next(line for line in rows.values() if "Xã Hòa An" in line)
    cay_duong = next(line for line in rows.values() if "Thị trấn Cây Dương" in line)
    assert "2/3 (67%)" in hoa_an
    assert "3/3 (100%)" in cay_duong  # the members present, as for every other proposal


def test_decomposed_text_is_drawn_composed(tmp_path: Path) -> None:
    units = read_unit_figures(UNITS_CSV).units
    nominations = parse_nominations(NOMINATIONS_CSV, units)
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Ửng")
    nominations[0] = replace(nominations[0], full_name=nfd)
    build_documents(make_dossier(units, nominations), ["to-trinh"], tmp_path)
    text = pdf_text(tmp_path / "to-trinh.pdf")
    assert "Nguyễn Thị Ửng" in text  # the test file is NFC
    assert nfd not in text


# --- refusals -------------------------------------------------------------------------------------
def tied_units() -> list[UnitFigures]:
    """Three units at 100 points, two without an accounts figure: positions 1–3 are pending."""
    return [
        replace(u, accounts=None) if u.name in ("Thị trấn Cây Dương", "Xã Hòa An") else u
        for u in read_unit_figures(UNITS_CSV).units
    ]


def test_pending_tie_refuses_and_names_the_units(tmp_path: Path) -> None:
    units = tied_units()
    dossier = make_dossier(units, parse_nominations(NOMINATIONS_CSV, units))
    assert dossier.ranking.pending
    for kind in ("to-trinh", "bien-ban", "bao-cao", "giay-khen", "all"):
        with pytest.raises(DossierNotReadyError) as error:
            build_documents(dossier, [kind], tmp_path / kind)
        message = str(error.value)
        assert "Thị trấn Cây Dương" in message and "Xã Hòa An" in message
        assert "chưa phân định" in message
        assert not (tmp_path / kind).exists(), "nothing is written"
    # the score sheet is still made: the council needs it to settle the tie
    build_documents(dossier, ["bang-diem"], tmp_path / "bd")
    text = pdf_text(tmp_path / "bd" / "bang-diem.pdf")
    assert (
        "Đồng hạng với Xã Thạnh Hòa, Xã Hòa An: chờ Hội đồng phân định"
        in text.replace("Xã định ", "Xã ")
        or "chờ Hội đồng phân định" in text
    )


def test_settled_tie_is_printed_with_its_reason(tmp_path: Path) -> None:
    units = tied_units()
    settlement = TieSettlement(("31423", "31396", "31405"), "Hòa An có nhiều người dân tự nộp hơn")
    dossier = make_dossier(units, parse_nominations(NOMINATIONS_CSV, units), (settlement,))
    # the sample nominations gave Cây Dương 5 (Nhất); now it is Nhì with a quota of 4
    with pytest.raises(DossierNotReadyError, match="Thị trấn Cây Dương: vượt chỉ tiêu 1"):
        build_documents(dossier, ["to-trinh"], tmp_path / "x")
    nominations = list(dossier.nominations)
    nominations.remove(next(n for n in nominations if n.unit_code == "31396"))
    dossier = replace(dossier, nominations=tuple(nominations))
    build_documents(dossier, ["bien-ban", "to-trinh"], tmp_path)
    minutes = pdf_text(tmp_path / "bien-ban.pdf")
    assert "Lý do: Hòa An có nhiều người dân tự nộp hơn" in minutes
    assert "Hạng Nhất: Xã Hòa An" in pdf_text(tmp_path / "to-trinh.pdf")


def test_over_quota_refuses(tmp_path: Path) -> None:
    units = read_unit_figures(UNITS_CSV).units
    nominations = parse_nominations(NOMINATIONS_CSV, units)
    extra = replace(nominations[-5], full_name="Lê Văn Thêm")  # a 5th for the district agencies
    dossier = make_dossier(units, [*nominations, extra])
    with pytest.raises(DossierNotReadyError) as error:
        build_documents(dossier, ["all"], tmp_path)
    assert "vượt chỉ tiêu 1" in str(error.value)
    assert not tmp_path.joinpath("to-trinh.pdf").exists()


def test_unknown_kind() -> None:
    assert expand_kinds(["all"]) == [
        "to-trinh",
        "bien-ban",
        "bao-cao",
        "bang-diem",
        "quyet-dinh",
        "giay-khen",
        "tien-thuong",
        "tong-ket",
    ]
    assert expand_kinds(["giay-khen", "to-trinh"]) == ["to-trinh", "giay-khen"]
    with pytest.raises(UnknownKindError, match="to-trinh"):
        expand_kinds(["tờ trình"])


# --- settings --------------------------------------------------------------------------------------
def test_settings_round_trip_and_tolerance() -> None:
    settings = DocumentSettings(
        proposal_number="5/TTr-VHTT",
        members_present=("A", "B"),
        certificate_offset_x_mm=1.5,
        certificate_full_text=True,
        vote_agree=7,
        proposal_signer=Signer("", "TRƯỞNG PHÒNG", "Lê Văn Bình"),
    )
    data = settings.to_data()
    assert DocumentSettings.from_data(data) == settings
    import json

    assert DocumentSettings.from_data(json.loads(json.dumps(data))) == settings
    assert DocumentSettings.from_data(None) == DocumentSettings()
    assert DocumentSettings.from_data({"unknown": 1}) == DocumentSettings()
    odd = DocumentSettings.from_data(
        {
            "certificate_offset_x_mm": "2",
            "certificate_offset_y_mm": "abc",
            "vote_agree": None,
            "vote_disagree": "x",
            "members_present": "not a list",
            "proposal_number": 12,
            "certificate_full_text": "yes",
            "certificate_signer": {"name": "X", "other": 1},
        }
    )
    assert odd.certificate_offset_x_mm == 2.0
    assert odd.certificate_offset_y_mm == 0.0
    assert odd.vote_agree is None and odd.vote_disagree == 0
    assert odd.members_present == ()
    assert odd.proposal_number == DocumentSettings().proposal_number
    assert odd.certificate_full_text is False
    assert odd.certificate_signer == Signer(name="X")


def test_unit_kinds_are_from_the_ranking(dossier: AwardDossier) -> None:
    assert dossier.unit_kind("VHTT") == UnitKind.CO_QUAN
    assert dossier.unit_kind("31396") == UnitKind.THI_TRAN


# --- the headless command's body --------------------------------------------------------------------
def test_command_body(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from app.reports.command import add_arguments, run

    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args(["to-trinh", "--out", str(tmp_path / "a")])
    assert run(args, lambda period: make_dossier()) == 0
    assert capsys.readouterr().out.strip().endswith("to-trinh.pdf")

    units = tied_units()
    pending = make_dossier(units, parse_nominations(NOMINATIONS_CSV, units))
    args = parser.parse_args(["all", "--period", "Tổng kết", "--out", str(tmp_path / "b")])
    seen: list[str | None] = []
    assert run(args, lambda period: seen.append(period) or pending) == 2
    assert seen == ["Tổng kết"]
    assert "Thị trấn Cây Dương" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        parser.parse_args(["to-trinh"])  # --out is required


def test_signature_never_stands_alone(out: Path) -> None:
    """Where a document runs onto another page, text goes with the signature block."""
    for path in sorted((out / "bao-cao-thanh-tich").glob("*.pdf")):
        last = pdf_text(path, page_count(path))
        assert "III." in last or page_count(path) == 1, path.name
    for name, before in (("to-trinh.pdf", "xem xét, quyết định"), ("bien-ban.pdf", "kết thúc")):
        path = out / name
        pages = [pdf_text(path, p) for p in range(1, page_count(path) + 1)]
        signed = next(i for i, text in enumerate(pages) if "Nơi nhận" in text or "THƯ KÝ" in text)
        assert before in pages[signed], name


def test_unit_header_from_the_profile(tmp_path: Path, dossier: AwardDossier) -> None:
    profiles = {
        "CA": UnitProfile(
            code="CA",
            header_parent="CÔNG AN TỈNH HẬU GIANG",
            header_name="CÔNG AN HUYỆN PHỤNG HIỆP",
        )
    }
    build_documents(replace(dossier, profiles=profiles), ["bao-cao"], tmp_path)
    police = next((tmp_path / "bao-cao-thanh-tich").glob("ca-nhan-*-nguyen-ngoc-nhi.pdf"))
    text = pdf_text(police)
    assert "CÔNG AN TỈNH HẬU GIANG" in text and "CÔNG AN HUYỆN PHỤNG HIỆP" in text


def test_reports_of_an_earlier_run_are_replaced(tmp_path: Path) -> None:
    units = read_unit_figures(UNITS_CSV).units
    nominations = parse_nominations(NOMINATIONS_CSV, units)
    build_documents(make_dossier(units, nominations), ["bao-cao"], tmp_path)
    folder = tmp_path / "bao-cao-thanh-tich"
    assert (folder / "ca-nhan-30-thach-bao-luan.pdf").exists()
    (folder / "ghi-chu.pdf").write_bytes(b"%PDF-1.4 not ours")
    build_documents(make_dossier(units, nominations[:-1]), ["bao-cao"], tmp_path)
    assert not (folder / "ca-nhan-30-thach-bao-luan.pdf").exists()
    assert (folder / "ghi-chu.pdf").exists(), "files the program did not make are left alone"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_units_left_out_by_the_exclude_policy_are_listed(tmp_path: Path) -> None:
    dossier = make_dossier()
    rules = replace(dossier.ranking.rules, below_threshold_policy="exclude")
    ranking = rank_units([r.unit for r in dossier.ranking.results], rules)
    build_documents(replace(dossier, ranking=ranking), ["bien-ban", "bang-diem"], tmp_path)
    for name in ("bien-ban.pdf", "bang-diem.pdf"):
        text = pdf_text(tmp_path / name)
        assert "Xã Phụng Hiệp" in text and "Không xếp hạng" in text, name

"""Every document as PDF and as Word (.docx) from one description: the same figures, names and
money in both (PDF read with pdftotext, .docx with python-docx, and the .docx opened by LibreOffice
and converted to PDF); the forms as the decrees write them; the longest accepted texts."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from app.reports.build import build_documents, expand_formats, file_stem
from app.reports.dossier import AwardDossier, Nomination
from app.reports.settings import DocumentSettings
from app.scoring.engine import TieSettlement
from tests.test_reports import UNITS_CSV, make_dossier

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or not UNITS_CSV.exists(),
    reason="needs poppler-utils and ../shared/data",
)
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+,\d+")
DOCS = ["to-trinh", "bien-ban", "bang-diem", "bao-cao-thanh-tich/tap-the-01-thi-tran-cay-duong"]


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def docx_text(path: Path) -> str:
    """Every paragraph of the body (tables included) and of the headers, in order."""
    document = docx.Document(str(path))
    parts = []
    for paragraph in document.element.body.iter(qn("w:p")):
        parts.append("".join(t.text or "" for t in paragraph.iter(qn("w:t"))))
    return " ".join(" ".join(parts).split())


def numbers(text: str) -> set[str]:
    return set(NUMBER.findall(text))


@pytest.fixture(scope="module")
def dossier() -> AwardDossier:
    return make_dossier()


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory, dossier: AwardDossier) -> Path:
    folder = tmp_path_factory.mktemp("both")
    build_documents(dossier, ["all"], folder, "both")
    return folder


def test_formats_are_chosen_by_name() -> None:
    assert expand_formats("both") == ("pdf", "docx")
    assert expand_formats("docx") == ("docx",)
    with pytest.raises(ValueError, match="định dạng «odt»"):
        expand_formats("odt")


def test_only_word_files_when_word_is_chosen(tmp_path: Path, dossier: AwardDossier) -> None:
    made = build_documents(dossier, ["to-trinh", "giay-khen"], tmp_path, "docx")
    names = {p.name for p in made}
    assert "to-trinh.docx" in names and "to-trinh.pdf" not in names
    assert "giay-khen.docx" in names and "giay-khen.pdf" not in names
    assert "giay-khen-can-chinh.pdf" not in names  # the calibration page comes with the PDF


@pytest.mark.parametrize("name", DOCS)
def test_pdf_and_word_carry_the_same_figures(out: Path, name: str) -> None:
    pdf = pdf_text(out / f"{name}.pdf")
    word = docx_text(out / f"{name}.docx")
    assert numbers(pdf), name
    assert numbers(pdf) == numbers(word)
    for phrase in ["Thị trấn Cây Dương", "Mười lăm triệu đồng", "15.000.000", "Huỳnh Trúc Phát"]:
        assert (phrase in pdf) == (phrase in word), phrase


def test_every_report_in_both_formats(out: Path, dossier: AwardDossier) -> None:
    folder = out / "bao-cao-thanh-tich"
    pdfs = sorted(p.stem for p in folder.glob("*.pdf"))
    assert pdfs == sorted(p.stem for p in folder.glob("*.docx"))
    assert len(pdfs) == len(dossier.awarded_units()) + len(dossier.nominations)
    person = folder / "ca-nhan-01-huynh-truc-phat"
    assert numbers(pdf_text(person.with_suffix(".pdf"))) == numbers(
        docx_text(person.with_suffix(".docx"))
    )


def test_word_styles_page_and_title_block(out: Path) -> None:
    document = docx.Document(str(out / "to-trinh.docx"))
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt == 14
    assert {p.style.name for p in document.paragraphs} >= {"Heading 1", "Body Text"}
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml  # the page number field, from page 2
    title_block = document.tables[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in title_block.rows[0].cells[1].text
    assert title_block.style is None or "Grid" not in title_block.style.name  # borderless
    grid = document.tables[-1]
    assert grid.style.name == "Table Grid"
    assert "w:tblHeader" in grid.rows[0]._tr.xml  # the header repeats on every page
    sheet = docx.Document(str(out / "bang-diem.docx")).sections[0]
    assert sheet.page_width > sheet.page_height  # landscape


@pytest.mark.skipif(
    SOFFICE is None and sys.platform == "win32",
    reason="LibreOffice is not installed on this Windows machine (CI installs it on Linux)",
)
def test_word_files_open_in_libreoffice(out: Path, tmp_path: Path) -> None:
    files = [out / f"{name}.docx" for name in DOCS]
    assert SOFFICE is not None, "LibreOffice (soffice) is needed: scripts/dev.py installs it"
    done = subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, files)],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    for name, source in zip(DOCS, files, strict=True):
        converted = tmp_path / f"{source.stem}.pdf"
        assert converted.exists(), done.stdout + done.stderr
        text = pdf_text(converted)
        assert numbers(text) == numbers(pdf_text(out / f"{name}.pdf")), name
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text


# --- the forms as the decrees write them -------------------------------------------------------


def all_texts(out: Path) -> dict[str, str]:
    texts = {p.relative_to(out).as_posix(): pdf_text(p) for p in out.rglob("*.pdf")}
    texts |= {p.relative_to(out).as_posix(): docx_text(p) for p in out.rglob("*.docx")}
    return texts


def test_dates_follow_the_rule_everywhere(out: Path) -> None:
    for name, text in all_texts(out).items():
        assert not re.search(r"tháng 0[3-9]\b", text), name
        assert not re.search(r"tháng (?:[12])\s", text), name  # January and February: 01, 02
        assert not re.search(r"ngày [1-9]\s", text), name
        assert not re.search(r"\b\d{1,2}/0[3-9]/\d{4}", text), name
    assert "ngày 21 tháng 8 năm 2023" in pdf_text(out / "to-trinh.pdf")
    assert "từ ngày 01/9/2023 đến ngày 31/12/2023" in pdf_text(out / "to-trinh.pdf")


def test_minutes_follow_form_1_9(out: Path) -> None:
    text = pdf_text(out / "bien-ban.pdf")
    head = text[: text.index("BIÊN BẢN")]
    assert "ngày" not in head  # no place/date line in the header
    order = ["Thời gian bắt đầu:", "Địa điểm:", "Thành phần tham dự:", "Chủ trì (chủ tọa):",
             "Thư ký (người ghi biên bản):", "Nội dung:", "Cuộc họp kết thúc vào lúc"]  # fmt: skip
    positions = [text.index(x) for x in order]
    assert positions == sorted(positions)
    assert text.index("THƯ KÝ") < text.index("CHỦ TỌA")  # left, then right
    assert "Mười lăm triệu đồng" in text


def test_last_item_of_a_list_ends_with_a_full_stop(out: Path) -> None:
    text = pdf_text(out / "to-trinh.pdf")
    assert "tiền thưởng 1.500.000 đồng. 2. Tặng" in text
    assert "tiền thưởng 1.500.000 đồng;" not in text.split("2. Tặng")[0][-60:]


def test_a_council_reason_is_not_punctuated_twice(tmp_path: Path) -> None:
    from app.exchange.unit_figures import read_unit_figures

    units = read_unit_figures(UNITS_CSV).units
    base = make_dossier(units, nominations=[])
    tied = [r for r in base.ranking.results if r.tie]
    if not tied:  # the sample has no tie: make one by giving two units the same figures
        first, second = base.ranking.ordered[5].unit, base.ranking.ordered[6].unit
        units = [replace(u, **_same_as(first)) if u.code == second.code else u for u in units]
        base = make_dossier(units, nominations=[])
        tied = [r for r in base.ranking.results if r.tie]
    order = tuple(r.unit.code for r in tied)
    reason = "Xã có tỷ lệ hồ sơ trực tuyến cao hơn (95,12%)."
    dossier = make_dossier(units, [], (TieSettlement(order, reason),))
    build_documents(dossier, ["to-trinh", "bien-ban", "bang-diem"], tmp_path, "both")
    for name in ("to-trinh", "bien-ban", "bang-diem"):
        for text in (pdf_text(tmp_path / f"{name}.pdf"), docx_text(tmp_path / f"{name}.docx")):
            assert "(95,12%)" in text, name
            assert "%).)" not in text and "%)." + ")" not in text and ".)." not in text, name
    sheet = pdf_text(tmp_path / "bang-diem.pdf")
    assert "Xem ghi chú (1)" in sheet  # the long reason under the table, not in the column
    assert "Ghi chú: (1)" in sheet


def _same_as(unit: object) -> dict[str, object]:
    fields = ("online", "total", "eid", "citizens", "accounts")
    return {f: getattr(unit, f) for f in fields}


def test_money_even_and_superior_body_settings(tmp_path: Path) -> None:
    settings = DocumentSettings(money_even=True)
    dossier = make_dossier(settings=settings)
    build_documents(dossier, ["to-trinh", "bao-cao"], tmp_path, "both")
    assert "Mười lăm triệu đồng chẵn" in pdf_text(tmp_path / "to-trinh.pdf")
    assert "Mười lăm triệu đồng chẵn" in docx_text(tmp_path / "to-trinh.docx")
    police = next((tmp_path / "bao-cao-thanh-tich").glob("ca-nhan-*-nguyen-ngoc-nhi.pdf"))
    head = pdf_text(police).split("BÁO CÁO")[0]
    assert "CÔNG AN TỈNH HẬU GIANG" in head and "UBND HUYỆN" not in head
    office = next((tmp_path / "bao-cao-thanh-tich").glob("ca-nhan-*-lam-truc-tien.pdf"))
    assert "UBND HUYỆN PHỤNG HIỆP" in pdf_text(office).split("BÁO CÁO")[0]  # Phòng Nội vụ


# --- every accepted text fits ------------------------------------------------------------------

LONG_NAME = ("Nguyễn Thị Hồng " * 7)[:100].strip()
LONG_POSITION = ("Phó Trưởng phòng phụ trách công tác chuyển đổi số, " * 5)[:200].strip()
LONG_UNIT = ("Trung tâm Phục vụ hành chính công và chuyển đổi số huyện " * 4)[:200].strip()


def summary(length: int) -> str:
    words = "Hướng dẫn người dân nộp hồ sơ trực tuyến, tạo tài khoản định danh mức 2. "
    return (words * (length // len(words) + 1))[:length].rstrip() + " Kết thúc"


@pytest.mark.parametrize("length", [1500, 4000])
def test_the_longest_accepted_texts_make_every_document(tmp_path: Path, length: int) -> None:
    from app.exchange.unit_figures import read_unit_figures

    units = read_unit_figures(UNITS_CSV).units
    first = units[0]
    base = make_dossier(units)
    units = [replace(first, name=LONG_UNIT), *units[1:]]
    long = Nomination(
        full_name=LONG_NAME,
        position=LONG_POSITION,
        unit_code=first.code,
        unit_name=LONG_UNIT,
        achievement_summary=summary(length),
    )
    nominations = [long] + [
        replace(n, unit_name=LONG_UNIT) if n.unit_code == first.code else n
        for n in base.nominations[1:]
    ]
    dossier = make_dossier(units, nominations)
    made = build_documents(dossier, ["all"], tmp_path, "both")
    assert all(len(p.name) <= 80 for p in made)
    person = next(p for p in made if p.name.startswith("ca-nhan-01-") and p.suffix == ".pdf")
    text = pdf_text(person)
    assert "Kết thúc" in text and LONG_NAME in text
    assert "Kết thúc" in docx_text(person.with_suffix(".docx"))
    listing = pdf_text(tmp_path / "to-trinh.pdf")
    assert "Kết thúc" in listing  # the summary in the attached list, split across pages
    assert LONG_UNIT[:40] in " ".join(listing.split())


def test_file_names_are_shortened_at_a_word() -> None:
    stem = file_stem("ca-nhan", 3, LONG_NAME)
    assert stem.startswith("ca-nhan-03-nguyen-thi-hong")
    assert len(stem) <= len("ca-nhan-03-") + 60
    assert not stem.endswith("-")


def test_a_badly_written_superior_body_line_is_refused_by_name() -> None:
    from app.services.document_settings import document_settings_problems

    good = DocumentSettings(unit_parents=("CA: CÔNG AN TỈNH HẬU GIANG", "VP: -"))
    assert document_settings_problems(good) == []
    bad = DocumentSettings(unit_parents=("CÔNG AN TỈNH HẬU GIANG",))
    problems = document_settings_problems(bad)
    assert len(problems) == 1
    assert "Cơ quan cấp trên của từng đơn vị" in problems[0]
    assert "«CÔNG AN TỈNH HẬU GIANG»" in problems[0]


def test_no_line_above_a_unit_marked_with_a_dash(tmp_path: Path) -> None:
    settings = DocumentSettings(unit_parents=("CA: -",))
    build_documents(make_dossier(settings=settings), ["bao-cao"], tmp_path, "pdf")
    police = next((tmp_path / "bao-cao-thanh-tich").glob("ca-nhan-*-nguyen-ngoc-nhi.pdf"))
    head = pdf_text(police).split("BÁO CÁO")[0]
    assert "CÔNG AN TỈNH" not in head and "UBND HUYỆN" not in head

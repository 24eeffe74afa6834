"""The Giấy khen as Word (RULES.md 7: every document also as an editable .docx): each line of each
certificate is the PDF's line, in a frame anchored to the page at the PDF's place; one certificate
per page (checked by LibreOffice's own layout); the frame of the full print is a page border; the
overlay prints only what changes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from app.reports.build import build_documents
from app.reports.dossier import AwardDossier
from app.reports.giay_khen import certificates, placed_lines
from tests.test_reports import UNITS_CSV, make_dossier

pytestmark = pytest.mark.skipif(not UNITS_CSV.exists(), reason="needs ../shared/data")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TWIPS_PER_MM = 1440 / 25.4
ROOT = Path(__file__).resolve().parent.parent


def dossier_with(*, full: bool) -> AwardDossier:
    dossier = make_dossier()
    settings = replace(
        dossier.settings,
        certificate_full_text=full,
        certificate_offset_x_mm=3.0,
        decision_number="123/QĐ-UBND",
    )
    return replace(dossier, settings=settings).normalised()


def framed(path: Path) -> list[tuple[str, int, int]]:
    """(text, frame centre x in twips, frame top in twips) of every framed paragraph, in order."""
    out = []
    for paragraph in docx.Document(str(path)).element.body.iter(qn("w:p")):
        frame = paragraph.find(f"{qn('w:pPr')}/{qn('w:framePr')}")
        if frame is None:
            continue
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
        left, width = int(frame.get(qn("w:x"))), int(frame.get(qn("w:w")))
        out.append((text, left + width // 2, int(frame.get(qn("w:y")))))
    return out


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> tuple[AwardDossier, Path]:
    dossier = dossier_with(full=True)
    folder = tmp_path_factory.mktemp("giay-khen")
    build_documents(dossier, ["giay-khen"], folder, "both")
    return dossier, folder


def test_every_line_is_the_pdf_line_at_its_place(full: tuple[AwardDossier, Path]) -> None:
    dossier, folder = full
    made = certificates(dossier)
    expected = [line for cert in made for line in placed_lines(dossier, cert)]
    lines = framed(folder / "giay-khen.docx")
    assert [text for text, _x, _y in lines] == [line.text for line in expected]
    for (text, x, top), line in zip(lines, expected, strict=True):
        assert abs(x - line.x * TWIPS_PER_MM) <= 2, text  # centred where the PDF centres it
        assert top < line.y * TWIPS_PER_MM, text  # the line's top above its baseline
    assert "GIẤY KHEN" in {text for text, _x, _y in lines}
    document = docx.Document(str(folder / "giay-khen.docx"))
    assert len(document.sections) == len(made)  # one section, one page, per certificate
    section = document.sections[0]
    assert section.page_width > section.page_height  # A4 landscape
    assert section._sectPr.find(qn("w:pgBorders")) is not None  # the double red frame


def test_the_overlay_prints_only_what_changes(tmp_path: Path) -> None:
    dossier = dossier_with(full=False)
    build_documents(dossier, ["giay-khen"], tmp_path, "docx")
    texts = [text for text, _x, _y in framed(tmp_path / "giay-khen.docx")]
    assert "GIẤY KHEN" not in texts and "TẶNG" not in texts
    first = certificates(dossier)[0]
    assert first.recipient in texts and first.tier in texts
    assert any(text.startswith("Số sổ vàng: ") for text in texts)
    sections = docx.Document(str(tmp_path / "giay-khen.docx")).sections
    assert all(s._sectPr.find(qn("w:pgBorders")) is None for s in sections)


@pytest.mark.skipif(
    SOFFICE is None and sys.platform == "win32",
    reason="LibreOffice is not installed on this Windows machine (CI installs it on Linux)",
)
def test_libreoffice_lays_out_one_certificate_per_page(
    full: tuple[AwardDossier, Path], tmp_path: Path
) -> None:
    dossier, folder = full
    assert SOFFICE is not None, "LibreOffice (soffice) is needed: scripts/dev.py installs it"
    done = subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(folder / "giay-khen.docx")],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "giay-khen.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    pages = [" ".join(page.split()) for page in text.split("\f") if page.strip()]
    made = certificates(dossier)
    assert len(pages) == len(made)
    for page, cert in zip(pages, made, strict=True):
        assert cert.recipient in page, cert.recipient
        assert page.count("GIẤY KHEN") == 1 and page.count("Số sổ vàng") == 1


def test_word_only_in_a_fresh_process(tmp_path: Path) -> None:
    # nothing drawn as PDF first: the widths that place the lines are measured all the same
    script = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
        "from app.reports.build import build_documents;"
        "from tests.test_reports import make_dossier;"
        "made = build_documents(make_dossier(), ['giay-khen'], Path(sys.argv[2]), 'docx');"
        "print(sorted(p.name for p in made))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(ROOT), str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "['giay-khen.docx']"

"""Văn bản page: what can be made, the documents made off the UI thread, opening them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.reports.build import AWARD_KINDS, KINDS
from app.ui.pages import documents as documents_page
from app.ui.pages import documents_files

GENERATION_TIMEOUT_MS = 120_000


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Files and folders the page asked the system to open (nothing is launched)."""
    calls: list[Path] = []

    def fake_open(path: Path) -> bool:
        calls.append(path)
        return True

    monkeypatch.setattr(documents_files, "open_in_system", fake_open)
    return calls


def only(page: Any, *kinds: str) -> None:
    for kind, box in page.kind_boxes.items():
        box.setChecked(kind in kinds)


def generate(qtbot: Any, page: Any) -> bool:
    with qtbot.waitSignal(page.done, timeout=GENERATION_TIMEOUT_MS) as blocker:
        page.generate_button.click()
        assert page.busy and not page.generate_button.isEnabled()
        assert page.progress.isVisible()
    assert not page.busy and not page.progress.isVisible()
    return bool(blocker.args[0])


def test_score_sheet_is_written_and_opened(
    qtbot: Any, sample_window: Any, tmp_path: Path, opened: list[Path]
) -> None:
    page = sample_window.show_page("van-ban")
    assert page.problems == []
    assert "đủ điều kiện" in page.readiness.text()
    out = tmp_path / "ho so"
    page.set_output_folder(out)
    only(page, "bang-diem")
    assert generate(qtbot, page)
    sheet = out / "bang-diem.pdf"
    assert sheet.read_bytes().startswith(b"%PDF")
    assert page.made == [sheet]
    assert page.output.files.count() == 1 and page.output.files.item(0).text() == "bang-diem.pdf"
    assert "Đã lập 1 tệp" in page.status.text()

    page.output.open_button.click()
    page.output.print_button.click()
    assert "Ctrl+P" in page.status.text()
    page.output.folder_open_button.click()
    assert opened == [sheet, sheet, out]

    # The folder is remembered for the next start (beside the database).
    assert (sample_window.context.db.path.parent / "giao-dien.ini").is_file()
    again = documents_page.DocumentsPage(sample_window.context)
    qtbot.addWidget(again)
    assert again.out_dir == out
    assert again.output.files.count() == 1  # documents made earlier are listed to open again


def test_every_document_of_a_ready_dossier(qtbot: Any, sample_window: Any, tmp_path: Path) -> None:
    page = sample_window.show_page("van-ban")
    out = tmp_path / "all"
    page.set_output_folder(out)
    only(page, *KINDS)
    assert generate(qtbot, page)
    names = {p.relative_to(out).as_posix() for p in page.made}
    assert {
        "to-trinh.pdf",
        "bien-ban.pdf",
        "bang-diem.pdf",
        "giay-khen.pdf",
        "giay-khen-can-chinh.pdf",
    } <= names
    assert any(n.startswith("bao-cao-thanh-tich/tap-the-01-") for n in names)
    assert any(n.startswith("bao-cao-thanh-tich/ca-nhan-") for n in names)
    assert all(p.read_bytes()[:4] == b"%PDF" for p in page.made)
    assert page.progress.maximum() == len(KINDS)
    print(f"\n{len(page.made)} tệp trong {page.last_seconds:.2f} s")


def test_pending_tie_shows_why_and_refuses_the_proposal(
    qtbot: Any, edge_window: Any, tmp_path: Path
) -> None:
    page = edge_window.show_page("van-ban")
    text = page.readiness.text()
    assert "Chưa lập được hồ sơ khen thưởng" in text
    assert "Xã F" in text and "Xã G" in text and "Đồng hạng 1" in text
    assert "Bảng điểm vẫn lập được" in text
    for kind in AWARD_KINDS:
        assert not page.kind_boxes[kind].isEnabled()
        assert not page.kind_boxes[kind].isChecked()
    assert page.kind_boxes["bang-diem"].isEnabled()
    # the sơ kết / tổng kết report too: it says the tiers are not settled yet
    assert page.chosen_kinds() == ["bang-diem", "tong-ket"]

    out = tmp_path / "edge"
    page.set_output_folder(out)
    # Asked for anyway (the box forced on): refused on the spot with the reasons, nothing made.
    page.kind_boxes["to-trinh"].setEnabled(True)
    only(page, "to-trinh", "bang-diem")
    assert page.generate() is None
    assert "Chưa lập được hồ sơ khen thưởng" in page.status.text()
    assert "Xã F" in page.status.text()
    assert not page.kind_boxes["to-trinh"].isEnabled()  # the reasons were read again
    assert not (out / "to-trinh.pdf").exists()

    # The score sheet is still made (the council needs it to settle the tie).
    assert generate(qtbot, page)
    assert page.made == [out / "bang-diem.pdf"]
    assert not (out / "to-trinh.pdf").exists()


def test_settling_the_tie_makes_the_proposal_possible(qtbot: Any, edge_window: Any) -> None:
    from app.services import ranking

    page = edge_window.show_page("van-ban")
    assert not page.kind_boxes["to-trinh"].isEnabled()
    context = edge_window.context
    ranking.settle_tie(context.db, context.period.id, ["G", "F"], "Hội đồng biểu quyết.")
    context.refresh()
    assert page.problems == []
    assert page.kind_boxes["to-trinh"].isEnabled()
    assert page.kind_boxes["to-trinh"].isChecked()  # the choice from before comes back
    assert page.chosen_kinds() == list(KINDS)


def test_an_unwritable_folder_is_a_message_not_a_traceback(
    qtbot: Any, sample_window: Any, tmp_path: Path
) -> None:
    page = sample_window.show_page("van-ban")
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    page.set_output_folder(blocker)
    only(page, "bang-diem")
    assert not generate(qtbot, page)
    assert "Không ghi được văn bản vào thư mục" in page.status.text()
    assert "Traceback" not in page.status.text()
    assert page.generate_button.isEnabled()


def test_nothing_chosen_cannot_be_generated(sample_window: Any) -> None:
    page = sample_window.show_page("van-ban")
    page.folder.setText("ho so")
    assert page.generate() is None
    assert "không phải là một thư mục đầy đủ" in page.status.text()
    only(page)
    assert not page.generate_button.isEnabled()
    assert page.generate() is None
    assert "Chưa chọn văn bản" in page.status.text()


def test_default_folder_is_under_documents_or_the_data_folder(tmp_path: Path) -> None:
    folder = documents_page.default_output_folder(tmp_path / "thidua.sqlite3")
    assert folder.name == "Ho so khen thuong"


def test_the_service_refuses_before_writing_and_reports_progress(
    qtbot: Any, edge_db: Any, tmp_path: Path
) -> None:
    """The one document service (the page's job and the ``report`` command): a refusal comes
    before anything is written and names the units; progress is reported per kind."""
    from app.errors import UserError
    from app.services import campaigns, documents

    period = campaigns.find_period(edge_db).id
    steps: list[tuple[int, int]] = []
    with pytest.raises(UserError) as refused:
        documents.build_documents(
            edge_db,
            period,
            ["bang-diem", "to-trinh"],
            tmp_path / "job",
            progress=lambda *a: steps.append(a),
        )
    message = str(refused.value)
    assert message.startswith("Chưa lập được hồ sơ khen thưởng")
    assert "Xã F" in message
    assert steps == [] and not (tmp_path / "job").exists()  # nothing written, not even the sheet
    made = documents.build_documents(
        edge_db, period, ["bang-diem"], tmp_path / "job", progress=lambda *a: steps.append(a)
    )
    assert made == [tmp_path / "job" / "bang-diem.pdf"]
    assert steps == [(0, 1), (1, 1)]


def test_the_register_is_renumbered_only_when_asked(
    qtbot: Any, sample_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Quyết định and the Giấy khen give the số sổ vàng; «Cấp lại số sổ vàng từ đầu» (asked
    for, confirmed, audited) numbers every award again and is unticked after the run."""
    from app.services import audit, register

    page = sample_window.show_page("van-ban")
    db, period_id = sample_window.context.db, sample_window.context.period.id
    page.set_output_folder(tmp_path / "a")
    only(page, "bang-diem")
    assert not page.reassign_box.isEnabled()  # no document prints the numbers
    only(page, "giay-khen")
    assert page.reassign_box.isEnabled() and not page.reassign_box.isChecked()
    assert generate(qtbot, page)
    numbers = register.register_numbers(db, period_id)
    assert sorted(numbers.values()) == list(range(1, len(numbers) + 1)) and numbers
    assert audit.list_audit(db, limit=1)[0].action == "register.assign"

    asked: list[str] = []
    monkeypatch.setattr(
        documents_page.errors, "ask", lambda _p, title, _text: asked.append(title) or True
    )
    page.set_output_folder(tmp_path / "b")
    page.reassign_box.setChecked(True)
    assert generate(qtbot, page)
    assert "Cấp lại số sổ vàng" in asked
    assert not page.reassign_box.isChecked()
    assert register.register_numbers(db, period_id) == numbers  # same order: same numbers
    assert audit.list_audit(db, limit=1)[0].action == "register.reassign"


def test_word_or_both_formats_and_the_choice_is_remembered(
    qtbot: Any, sample_window: Any, tmp_path: Path, answer_yes: None
) -> None:
    page = sample_window.show_page("van-ban")
    assert page.format_choice.value() == "pdf"  # the first time: PDF
    assert [b.text() for b in page.format_choice.buttons.values()] == [
        "PDF",
        "Word (.docx)",
        "PDF và Word",
    ]
    out = tmp_path / "word"
    page.set_output_folder(out)
    only(page, "bang-diem")
    page.format_choice.buttons["docx"].click()
    assert generate(qtbot, page)
    assert [p.name for p in page.made] == ["bang-diem.docx"]
    assert (out / "bang-diem.docx").read_bytes()[:2] == b"PK"  # a Word (zip) file
    assert not (out / "bang-diem.pdf").exists()

    page.format_choice.buttons["both"].click()
    assert generate(qtbot, page)  # the question about the earlier file: answered Yes
    assert sorted(p.name for p in page.made) == ["bang-diem.docx", "bang-diem.pdf"]
    assert {page.output.files.item(i).text() for i in range(page.output.files.count())} == {
        "bang-diem.docx",
        "bang-diem.pdf",
    }

    # The choice is kept beside the database for the next start.
    again = documents_page.DocumentsPage(sample_window.context)
    qtbot.addWidget(again)
    assert again.format_choice.value() == "both"

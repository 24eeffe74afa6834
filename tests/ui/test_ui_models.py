"""The window's table models, fed plain rankings and records — no widget involved."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.exchange.unit_figures import read_unit_figures
from app.resources import default_rules
from app.scoring import QuotaReport, Ranking, UnitFigures, UnitKind, UnitQuota, rank_units
from app.services.records import NominationInfo, UnitInfo
from app.ui.models.awards_model import AGENCIES_KEY, AwardsTableModel, QuotaTableModel
from app.ui.models.base import KEY_ROLE, SORT_ROLE
from app.ui.models.figures_model import FigureError, FiguresTableModel
from app.ui.models.nominations_model import NominationsTableModel
from app.ui.models.ranking_model import RankingTableModel
from app.ui.models.units_model import UnitsTableModel

ROOT = Path(__file__).resolve().parents[2]
EDGE = ROOT.parent / "shared" / "spec" / "golden" / "edge-cases.csv"
SAMPLE = ROOT / "resources" / "demo" / "sample-units-2023.csv"
DISPLAY = Qt.ItemDataRole.DisplayRole


def ranking_of(path: Path) -> Ranking:
    rules = default_rules()
    units = read_unit_figures(path, sorted(rules.scored_kinds)).units
    return rank_units(units, rules, strict=False)


def cell(model: Any, row: int, header: str, role: int = DISPLAY) -> Any:
    """The cell of ``row`` under the column ``header`` (a header on two lines read as one)."""
    headers = [
        " ".join(str(model.headerData(c, Qt.Orientation.Horizontal)).split())
        for c in range(model.columnCount())
    ]
    return model.data(model.index(row, headers.index(header)), role)


def row_of_code(model: Any, code: str) -> int:
    row = model.row_of(code)
    assert row is not None
    return int(row)


class Saver:
    """Stands in for the page: keeps the figures, re-ranks with the scoring core."""

    def __init__(self, model: FiguresTableModel, ranking: Ranking) -> None:
        self.model = model
        self.units = [r.unit for r in ranking.results]
        self.rules = ranking.rules
        self.calls: list[list[tuple[UnitFigures, UnitFigures]]] = []

    def __call__(self, changes: list[tuple[UnitFigures, UnitFigures]]) -> None:
        self.calls.append(changes)
        new = {after.code: after for _, after in changes}
        self.units = [new.get(u.code, u) for u in self.units]
        self.model.set_ranking(rank_units(self.units, self.rules, strict=False))


# --- ranking -------------------------------------------------------------------------------------


def test_ranking_model_rows_flags_and_sort_keys(qapp: Any) -> None:
    model = RankingTableModel()
    ranking = ranking_of(EDGE)
    model.set_ranking(ranking)
    assert model.rowCount() == 7  # the agency H is not ranked
    f, g, b, c = (row_of_code(model, code) for code in "FGBC")
    assert cell(model, f, "Hạng") == cell(model, g, "Hạng") == "1"
    assert cell(model, f, "Giải") == "Chờ phân định"
    assert "Đồng hạng — chờ phân định" in cell(model, f, "Ghi chú")
    assert "Dưới ngưỡng 70%" in cell(model, b, "Ghi chú")
    assert "Thiếu số liệu hồ sơ" in cell(model, c, "Ghi chú")
    flags = model.flags_column
    assert model.data(model.index(f, flags), Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(model.index(f, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert "thiếu số tài khoản" in model.data(model.index(f, flags), Qt.ItemDataRole.ToolTipRole)
    e = row_of_code(model, "E")
    assert cell(model, e, "Tổng điểm") == "92,70"
    assert cell(model, e, "Tổng điểm", SORT_ROLE) == pytest.approx(92.70)
    assert cell(model, e, "Tiền thưởng (đ)") == "2.000.000"
    assert cell(model, e, "Điểm cộng") == "+1"
    assert model.data(model.index(e, 0), KEY_ROLE) == "E"


def test_ranking_model_rows_follow_the_rank_order(qapp: Any, qtbot: Any) -> None:
    model = RankingTableModel()
    ranking = ranking_of(SAMPLE)
    model.set_ranking(ranking)
    assert [cell(model, r, "Hạng") for r in range(3)] == ["1", "2", "3"]
    units = [r.unit for r in ranking.results]
    # Points change, order unchanged: the rows stay (the view keeps its selection).
    same = [replace(u, eid=(u.eid or 0) - 1) if u.name == "Xã Phụng Hiệp" else u for u in units]
    with qtbot.waitSignal(model.dataChanged), qtbot.assertNotEmitted(model.modelReset):
        model.set_ranking(rank_units(same, ranking.rules))
    # Xã Phụng Hiệp reaches 100% online: it moves up, Xã Hiệp Hưng down.
    moved = [replace(u, online=u.total) if u.name == "Xã Phụng Hiệp" else u for u in units]
    model.set_ranking(rank_units(moved, ranking.rules))
    assert cell(model, row_of_code(model, "31429"), "Hạng") == "9"
    assert row_of_code(model, "31417") == 7
    assert [cell(model, r, "Hạng") for r in range(15)] == [str(n) for n in range(1, 16)]


# --- figures -------------------------------------------------------------------------------------


def figures_model() -> tuple[FiguresTableModel, Saver]:
    model = FiguresTableModel()
    ranking = ranking_of(SAMPLE)
    saver = Saver(model, ranking)
    model.saver = saver
    model.set_ranking(ranking)
    return model, saver


def test_figures_model_accepts_thousands_and_reranks(qapp: Any) -> None:
    model, saver = figures_model()
    row = row_of_code(model, "31417")  # Xã Phụng Hiệp: 1.574 of 2.498 online, below 70%
    other = row_of_code(model, "31429")  # Xã Hiệp Hưng, ranked 8th
    assert cell(model, other, "Hạng") == "8"
    column = model.column_of("online")
    assert model.flags(model.index(row, column)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(row, 0)) & Qt.ItemFlag.ItemIsEditable
    assert model.data(model.index(row, column), Qt.ItemDataRole.EditRole) == "1574"
    assert model.setData(model.index(row, column), "2.498")
    assert saver.calls[0][0][1].online == 2498
    assert cell(model, row, "Hồ sơ trực tuyến") == "2.498"
    assert cell(model, row, "Tổng điểm") == "86,33"
    assert cell(model, other, "Hạng") == "9"


@pytest.mark.parametrize(
    ("field", "text", "reason"),
    [
        ("online", "abc", "phải là số nguyên không âm"),
        ("online", "-5", "không được âm"),
        ("online", "12,5", "phải là số nguyên"),
        ("online", "99999", "lớn hơn tổng số hồ sơ phát sinh"),
        ("eid", "999999", "lớn hơn số người dân có CCCD"),
        ("accounts", "99999", "lớn hơn số hồ sơ trực tuyến"),
    ],
)
def test_figures_model_refuses_bad_values(
    qapp: Any, qtbot: Any, field: str, text: str, reason: str
) -> None:
    model, saver = figures_model()
    row = row_of_code(model, "31396")
    before = cell(model, row, "Tổng điểm")
    with qtbot.waitSignal(model.refused) as signal:
        assert not model.setData(model.index(row, model.column_of(field)), text)
    assert reason in signal.args[2]
    assert "Thị trấn Cây Dương" in signal.args[2]
    assert saver.calls == []
    assert cell(model, row, "Tổng điểm") == before


def test_figures_model_blank_clears_a_figure(qapp: Any) -> None:
    model, saver = figures_model()
    row = row_of_code(model, "31396")
    assert model.setData(model.index(row, model.column_of("accounts")), "")
    assert saver.calls[0][0][1].accounts is None


def test_figures_model_copy_and_paste_block(qapp: Any) -> None:
    model, saver = figures_model()
    online = model.column_of("online")
    indexes = [model.index(r, c) for r in (0, 1) for c in (1, online, online + 1)]
    assert model.copy_text(indexes) == (
        "Thị trấn Cây Dương\t2011\t2011\nThị trấn Kinh Cùng\t987\t1429"
    )
    assert model.paste(1, online, "1.000\t1.429\r\n1.300\t1.518\r\n")
    assert len(saver.calls) == 1 and len(saver.calls[0]) == 2
    assert cell(model, 1, "Hồ sơ trực tuyến") == "1.000"
    assert cell(model, 2, "Hồ sơ trực tuyến") == "1.300"


def test_figures_model_paste_is_all_or_nothing(qapp: Any, qtbot: Any) -> None:
    model, saver = figures_model()
    online = model.column_of("online")
    with qtbot.waitSignal(model.refused) as signal:
        assert not model.paste(0, online, "2000\t2011\n9999\t1429\nabc\t1")
    message = signal.args[2]
    assert "Thị trấn Kinh Cùng" in message and "lớn hơn tổng số hồ sơ" in message
    assert "Thị trấn Búng Tàu" in message and "«abc»" in message
    assert saver.calls == []
    assert cell(model, 0, "Hồ sơ trực tuyến") == "2.011"
    with pytest.raises(FigureError, match="dòng"):
        model.paste_changes(model.rowCount() - 1, online, [["1"], ["2"]])
    with pytest.raises(FigureError, match="chỉ đọc"):
        model.paste_changes(0, 0, [["X"]])
    assert model.paste_changes(0, 0, [["31396", "Thị trấn Cây Dương"]]) == []


# --- awards, quotas, units, nominations ------------------------------------------------------------


def test_awards_model_lists_tiers_in_order(qapp: Any) -> None:
    model = AwardsTableModel()
    model.set_ranking(ranking_of(EDGE))
    names = [cell(model, r, "Đơn vị") for r in range(model.rowCount())]
    assert names == ["Xã F", "Xã G", "Xã E", "Xã A", "Thị trấn D"]
    assert cell(model, 0, "Chỉ tiêu cá nhân") == "chờ phân định"
    assert cell(model, 2, "Tiền thưởng (đồng)") == "2.000.000"


def test_quota_model_marks_units_over_quota(qapp: Any) -> None:
    report = QuotaReport(
        units=(
            UnitQuota("A", "Xã A", 1, 3),
            UnitQuota("B", "Xã B", 2, 1),
            UnitQuota("F", "Xã F", None, 0),
        ),
        agency_quota=4,
        agency_nominated=4,
        agency_codes=("H",),
    )
    model = QuotaTableModel()
    model.set_report(report)
    assert [cell(model, r, "Tình trạng") for r in range(4)] == [
        "vượt chỉ tiêu 2",
        "còn 1",
        "chờ phân định đồng hạng",
        "đủ chỉ tiêu",
    ]
    red = model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole)
    assert red is not None and red.color().name() == "#c62828"
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(model.index(3, 0), KEY_ROLE) == AGENCIES_KEY
    assert cell(model, 3, "Đơn vị") == "Các cơ quan cấp huyện (dùng chung)"


def test_units_and_nominations_models(qapp: Any) -> None:
    units = UnitsTableModel()
    units.set_records(
        [
            UnitInfo(1, "31396", "Thị trấn Cây Dương", UnitKind.THI_TRAN, head_name="Nguyễn Văn A"),
            UnitInfo(2, "X", "Xã cũ", UnitKind.XA, active=False),
        ]
    )
    assert cell(units, 0, "Loại") == "Thị trấn"
    assert cell(units, 0, "Người đứng đầu") == "Nguyễn Văn A"
    assert cell(units, 1, "Trạng thái") == "Ngừng hoạt động"
    assert units.data(units.index(1, 0), Qt.ItemDataRole.FontRole).italic()
    nominations = NominationsTableModel()
    import datetime as dt

    nominations.set_records(
        [
            NominationInfo(
                7,
                1,
                "31396",
                "Thị trấn Cây Dương",
                "Lê Thị B",
                "Chuyên viên",
                "Tốt",
                dt.date(1990, 1, 5),
                "Nữ",
            )
        ]
    )
    assert cell(nominations, 0, "Ngày sinh") == "05/01/1990"
    assert nominations.data(nominations.index(0, 0), KEY_ROLE) == 7

"""Individual nominations (Khen thưởng page)."""

from __future__ import annotations

from app.dates import short_date
from app.services.records import NominationInfo
from app.ui.models.base import CENTER, Column, RecordTableModel

COLUMNS: list[Column[NominationInfo]] = [
    Column("Họ và tên", lambda n: n.full_name),
    Column("Chức vụ", lambda n: n.position),
    Column("Đơn vị", lambda n: n.unit_name),
    Column(
        "Ngày sinh", lambda n: short_date(n.birth_date), lambda n: str(n.birth_date or ""), CENTER
    ),
    Column("Giới tính", lambda n: n.gender or "", align=CENTER),
    Column("Tóm tắt thành tích", lambda n: n.achievement_summary),
]


class NominationsTableModel(RecordTableModel[NominationInfo]):
    def __init__(self) -> None:
        super().__init__(COLUMNS, key=lambda n: n.id)

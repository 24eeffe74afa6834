"""Exports: a blank template (with the campaign's units), the score table of the period, and a
unit's package (its figures and nominations) for the district."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from app.services import exports
from app.services.exports import ExportResult
from app.ui.wizards.base import Wizard
from app.ui.workers import Job

# Template kinds: (label, suggested file name)
TEMPLATES: dict[str, tuple[str, str]] = {
    "unit-figures": ("Mẫu số liệu đơn vị", "mau-so-lieu-don-vi.xlsx"),
    "eid": ("Mẫu số liệu định danh (Công an)", "mau-so-lieu-dinh-danh.xlsx"),
    "nominations": ("Mẫu danh sách đề nghị khen thưởng", "mau-de-nghi-khen-thuong.xlsx"),
}
# In commune mode: the templates a commune clerk fills in.
COMMUNE_TEMPLATES = ("unit-figures", "nominations")


class Exports(Wizard):
    def _run(self, title: str, out: Path, work: Callable[[], ExportResult]) -> Job | None:
        def done(result: object) -> None:
            assert isinstance(result, ExportResult)
            self.host.exported(out, result.summary)

        return self.host.run(title, lambda _p, _c: work(), done)

    def template(self, kind: str, path: Path | None = None) -> Job | None:
        label, name = TEMPLATES[kind]
        out = self.host.save_path(path, f"Lưu {label.lower()}", name)
        if out is None:
            return None
        db = self.context.db
        return self._run(
            f"Đang xuất {label.lower()}", out, lambda: exports.export_template(db, kind, out)
        )

    def score_table(self, path: Path | None = None) -> Job | None:
        period = self.context.period
        stamp = dt.date.today().strftime("%Y%m%d")
        out = self.host.save_path(path, "Lưu bảng điểm", f"bang-diem-{stamp}.xlsx")
        if out is None:
            return None
        db = self.context.db
        return self._run(
            f"Đang xuất bảng điểm kỳ «{period.name}»",
            out,
            lambda: exports.export_score_table(db, period.id, out),
        )

    def package(self, code: str, path: Path | None = None) -> Job | None:
        stamp = dt.date.today().strftime("%Y%m%d")
        out = self.host.save_path(path, "Lưu gói số liệu", f"goi-so-lieu-{code}-{stamp}.xlsx")
        if out is None:
            return None
        db, period_id = self.context.db, self.context.period.id
        return self._run(
            f"Đang xuất gói số liệu của đơn vị {code}",
            out,
            lambda: exports.export_package(db, period_id, code, out),
        )

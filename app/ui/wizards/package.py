"""Gói số liệu của xã: step 1, the package read and checked against this database (nothing
written) and shown old → new with the unit's nominations (added / removed / kept); step 2
(«Nhập gói»), the package stored for the one unit it names, in one transaction."""

from __future__ import annotations

from pathlib import Path

from app.errors import UserError
from app.scoring import FIGURES
from app.services import imports
from app.services.import_reports import package_report
from app.services.imports import PackageImportResult, PackagePreview
from app.ui.dialogs.import_package import FigureRow, PackageDiffDialog, nomination_rows
from app.ui.wizards.base import Wizard
from app.ui.workers import Job


def package_rows(preview: PackagePreview) -> tuple[str, list[str], list[FigureRow]]:
    """Title, details and old → new rows of a package checked against the stored figures."""
    title = f"{preview.unit_name} ({preview.unit_code})"
    details = []
    if preview.package_period and preview.package_period != preview.period_name:
        details.append(
            f"Gói của kỳ «{preview.package_period}», nhập vào kỳ «{preview.period_name}»."
        )
    else:
        details.append(f"Kỳ số liệu: «{preview.period_name}».")
    if preview.exported_at is not None:
        details.append(f"Đơn vị xuất gói lúc {preview.exported_at:%H:%M ngày %d/%m/%Y}.")
    old, new = preview.stored, preview.figures
    rows = [
        FigureRow(
            figure.label,
            None if old is None else old.figure(figure.key),
            new.figure(figure.key),
        )
        for figure in FIGURES
    ]
    details.append(preview.nomination_summary())  # the dialog's table lists the names
    details += [str(w) for w in preview.file_warnings]
    return title, details, rows


class PackageImport(Wizard):
    def start(self, path: Path | None = None) -> PackageDiffDialog | None:
        path = self.host.open_path(path, "Chọn gói số liệu của xã, thị trấn")
        if path is None:
            return None
        own = self.context.mode.unit_code
        try:
            preview = imports.preview_package(self.context.db, path, own_unit=own)
        except UserError as error:
            self.host.fail(error, "Không nhập được gói số liệu")
            return None
        title, details, rows = package_rows(preview)
        dialog = PackageDiffDialog(
            title,
            details,
            rows,
            self.host.as_widget(),
            nominations=nomination_rows(preview.nominations_diff),
        )
        dialog.accepted.connect(lambda: self.apply(path, preview.period_id))
        dialog.open()
        return dialog

    def apply(self, path: Path, period_id: int) -> Job | None:
        db, own = self.context.db, self.context.mode.unit_code

        def done(result: object) -> None:
            assert isinstance(result, PackageImportResult)
            self.host.imported(package_report(result))

        return self.host.run(
            f"Đang nhập gói {path.name}",
            lambda _progress, _cancel: imports.import_package(
                db, path, own_unit=own, period_id=period_id
            ),
            done,
        )

"""Gói số liệu của xã: step 1, the package read (once) and checked against this database (nothing
written) and shown with its signature status, old → new and the unit's nominations (added /
removed / kept); step 2 («Nhập gói»; for an unsigned package only after the officer confirms a
warning), exactly what was shown stored for the one unit it names, in one transaction — the file
is not read again."""

from __future__ import annotations

from pathlib import Path

from app.errors import UserError
from app.scoring import FIGURES
from app.services import imports
from app.services.import_reports import package_report
from app.services.imports import PackageImportResult, PackagePreview
from app.ui import errors
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
        dialog.set_signature(preview.signed, preview.signature_status())
        dialog.accepted.connect(lambda: self.confirm(preview))
        dialog.open()
        return dialog

    def confirm(self, preview: PackagePreview) -> Job | None:
        """Import the package shown; an unsigned one only after the officer confirms."""
        if preview.signed:
            return self.apply(preview)
        if not errors.ask(
            self.host.as_widget(),
            "Gói số liệu không có chữ ký",
            f"{preview.signature_status()}\n\nVẫn nhập gói {preview.source_name} của "
            f"{preview.unit_name} ({preview.unit_code})?",
        ):
            return None
        return self.apply(preview, accept_unsigned=True)

    def apply(self, preview: PackagePreview, *, accept_unsigned: bool = False) -> Job | None:
        db = self.context.db

        def done(result: object) -> None:
            assert isinstance(result, PackageImportResult)
            self.host.imported(package_report(result))

        return self.host.run(
            f"Đang nhập gói {preview.source_name}",
            lambda _progress, _cancel: imports.import_package(
                db, preview, accept_unsigned=accept_unsigned
            ),
            done,
        )

"""Tệp hồ sơ của Cổng DVC: step 1, the file's first rows and the column mapping to start from
(remembered for the campaign, else guessed) in the mapping dialog; step 2 (the dialog's «Nhập»),
the import job — counted per unit, stored by dossier code, all or nothing, cancellable."""

from __future__ import annotations

from pathlib import Path

from app.errors import UserError
from app.services import dossier_columns
from app.services import dossiers as dossiers_service
from app.services.dossiers import DossierImportResult
from app.services.import_reports import dossiers_report
from app.ui.dialogs.mapping_dialog import MappingDialog
from app.ui.wizards.base import Wizard
from app.ui.workers import Job


class DossiersImport(Wizard):
    def start(self, path: Path | None = None) -> MappingDialog | None:
        path = self.host.open_path(path, "Chọn tệp hồ sơ xuất từ Cổng dịch vụ công")
        if path is None:
            return None
        try:
            preview = dossier_columns.preview_dossiers(
                self.context.db, self.context.campaign.id, path
            )
        except UserError as error:
            self.host.fail(error, "Không đọc được tệp hồ sơ")
            return None
        dialog = MappingDialog(
            path.name,
            preview.header,
            preview.rows,
            preview.mapping,
            preview.channels,
            dossier_columns.portal_fields(),
            self.host.as_widget(),
        )
        dialog.accepted.connect(
            lambda: self.run(path, dialog.mapping(), dialog.channels(), replace=dialog.replace())
        )
        dialog.open()
        return dialog

    def run(
        self,
        path: Path,
        mapping: dict[str, str],
        channels: dict[str, bool],
        *,
        replace: bool = False,
    ) -> Job | None:
        db, period_id = self.context.db, self.context.period.id

        def done(result: object) -> None:
            assert isinstance(result, DossierImportResult)
            self.host.imported(dossiers_report(result))

        return self.host.run(
            f"Đang nhập hồ sơ từ {path.name}",
            lambda progress, cancel: dossiers_service.import_dossiers(
                db, period_id, path, mapping, channels, progress, cancel, replace=replace
            ),
            done,
        )

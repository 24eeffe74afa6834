"""The imports of figures and lists from files: unit figures (a commune imports only its own row),
police e-ID figures, nominations. Each is one job; the service writes all or nothing."""

from __future__ import annotations

from pathlib import Path

from app.services import commune, imports
from app.services import figures as figures_service
from app.services.import_reports import eid_report, figures_report, nominations_report
from app.services.imports import EidImportResult, NominationsImportResult, NominationsPreview
from app.services.records import ImportResult
from app.ui.dialogs.import_nominations import NominationsDiffDialog
from app.ui.wizards.base import Host, Wizard
from app.ui.workers import Job


def _figures_done(result: object) -> ImportResult:
    assert isinstance(result, ImportResult)
    return result


class FiguresImport(Wizard):
    """Số liệu đơn vị (format A); in commune mode only the unit's own row."""

    def start(self, path: Path | None = None) -> Job | None:
        path = self.host.open_path(path, "Chọn tệp số liệu đơn vị")
        if path is None:
            return None
        db, period_id = self.context.db, self.context.period.id
        code = self.context.mode.unit_code
        if code is not None:
            return self.host.run(
                f"Đang nhập số liệu của đơn vị {code} từ {path.name}",
                lambda progress, _cancel: commune.import_own_figures(
                    db, period_id, path, code, progress
                ),
                lambda result: self.host.imported(figures_report(_figures_done(result))),
            )
        return self.host.run(
            f"Đang nhập số liệu từ {path.name}",
            lambda progress, _cancel: figures_service.import_figures(
                db, period_id, path, progress=progress
            ),
            lambda result: self.host.imported(figures_report(_figures_done(result))),
        )


class EidImport(Wizard):
    """Số liệu định danh của Công an (section C)."""

    def start(self, path: Path | None = None) -> Job | None:
        path = self.host.open_path(path, "Chọn tệp số liệu định danh của Công an huyện")
        if path is None:
            return None
        db, period_id = self.context.db, self.context.period.id

        def done(result: object) -> None:
            assert isinstance(result, EidImportResult)
            self.host.imported(eid_report(result))

        return self.host.run(
            f"Đang nhập số liệu định danh từ {path.name}",
            lambda _progress, _cancel: imports.import_eid(db, period_id, path),
            done,
        )


class NominationsImport(Wizard):
    """Danh sách đề nghị khen thưởng (section F): read and compared with the stored lists on the
    task panel, shown per unit (added, removed, kept, name fixes, quota after) in a dialog, then
    applied when the officer confirms — refused whole when a unit would go over its quota."""

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        self.dialog: NominationsDiffDialog | None = None

    def start(self, path: Path | None = None) -> Job | None:
        path = self.host.open_path(path, "Chọn tệp danh sách đề nghị khen thưởng")
        if path is None:
            return None
        db, period_id = self.context.db, self.context.period.id
        own = self.context.mode.unit_code  # commune mode: only the unit's own list

        def compared(result: object) -> None:
            assert isinstance(result, NominationsPreview)
            self.dialog = NominationsDiffDialog(result, self.host.as_widget())
            self.dialog.accepted.connect(lambda: self.apply(result))
            self.dialog.open()

        return self.host.run(
            f"Đang đọc danh sách đề nghị khen thưởng {path.name}",
            lambda _progress, _cancel: imports.preview_nominations(
                db, period_id, path, only_unit=own
            ),
            compared,
        )

    def apply(self, preview: NominationsPreview) -> Job | None:
        db = self.context.db

        def done(result: object) -> None:
            assert isinstance(result, NominationsImportResult)
            self.host.imported(nominations_report(result))

        return self.host.run(
            f"Đang nhập danh sách đề nghị khen thưởng từ {preview.source_name}",
            lambda _progress, _cancel: imports.apply_nominations(db, preview),
            done,
        )

"""The imports of figures and lists from files: unit figures (a commune imports only its own row),
police e-ID figures, nominations, the portal's per-unit statistics report. Step 1, the preview of
the file with its columns (correctable); step 2 («Nhập»), one job; the service writes all or
nothing."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from app.errors import UserError
from app.services import commune, import_columns, imports, portal_stats
from app.services import figures as figures_service
from app.services.import_reports import (
    ImportReport,
    eid_report,
    figures_report,
    nominations_report,
    portal_stats_report,
)
from app.services.imports import EidImportResult, NominationsImportResult, NominationsPreview
from app.services.portal_stats import PortalStatsImportResult
from app.services.records import ImportResult
from app.ui.dialogs.import_nominations import NominationsDiffDialog
from app.ui.dialogs.import_preview import ImportPreviewDialog
from app.ui.wizards.base import Host, Wizard
from app.ui.workers import Job, Progress

Mapped = Callable[[Path, Mapping[str, str], Progress], object]


class PreviewedImport(Wizard):
    """An import whose file is shown first (:class:`ImportPreviewDialog`)."""

    KIND = ""
    PICK = ""  # the title of the file picker
    WORKING = ""  # "Đang nhập … từ {name}"

    def start(self, path: Path | None = None) -> ImportPreviewDialog | None:
        path = self.host.open_path(path, self.PICK)
        if path is None:
            return None
        try:
            preview = import_columns.preview_import(
                self.context.db, self.context.period.id, self.KIND, path
            )
        except UserError as error:
            self.host.refuse(error)
            return None
        dialog = ImportPreviewDialog(preview, self.host.as_widget())
        dialog.accepted.connect(lambda: self.run(path, dialog.mapping()))
        dialog.open()
        return dialog

    def run(self, path: Path, mapping: Mapping[str, str]) -> Job | None:
        def done(result: object) -> None:
            self.host.imported(self.report(result))

        return self.host.run(
            self.WORKING.format(name=path.name),
            lambda progress, _cancel: self.work(path, dict(mapping), progress),
            done,
        )

    def work(self, path: Path, mapping: dict[str, str], progress: Progress) -> object:
        raise NotImplementedError

    def report(self, result: object) -> ImportReport:
        raise NotImplementedError


class FiguresImport(PreviewedImport):
    """Số liệu đơn vị (format A); in commune mode only the unit's own row (no preview: the file
    is the commune's own template)."""

    KIND = "figures"
    PICK = "Chọn tệp số liệu đơn vị"
    WORKING = "Đang nhập số liệu từ {name}"

    def start(self, path: Path | None = None) -> ImportPreviewDialog | Job | None:  # type: ignore[override]
        code = self.context.mode.unit_code
        if code is None:
            return super().start(path)
        path = self.host.open_path(path, self.PICK)
        if path is None:
            return None
        db, period_id = self.context.db, self.context.period.id
        return self.host.run(
            f"Đang nhập số liệu của đơn vị {code} từ {path.name}",
            lambda progress, _cancel: commune.import_own_figures(
                db, period_id, path, code, progress
            ),
            lambda result: self.host.imported(self.report(result)),
        )

    def work(self, path: Path, mapping: dict[str, str], progress: Progress) -> object:
        return figures_service.import_figures(
            self.context.db, self.context.period.id, path, progress=progress, mapping=mapping
        )

    def report(self, result: object) -> ImportReport:
        assert isinstance(result, ImportResult)
        return figures_report(result)


class EidImport(PreviewedImport):
    """Số liệu định danh của Công an (section C)."""

    KIND = "eid"
    PICK = "Chọn tệp số liệu định danh của Công an huyện"
    WORKING = "Đang nhập số liệu định danh từ {name}"

    def work(self, path: Path, mapping: dict[str, str], progress: Progress) -> object:
        return imports.import_eid(self.context.db, self.context.period.id, path, mapping=mapping)

    def report(self, result: object) -> ImportReport:
        assert isinstance(result, EidImportResult)
        return eid_report(result)


class NominationsImport(PreviewedImport):
    """Danh sách đề nghị khen thưởng (section F): its columns shown first; then read and compared
    with the stored lists on the task panel, shown per unit (added, removed, kept, name fixes,
    quota after) in a dialog, and applied when the officer confirms — refused whole when a unit
    would go over its quota. In commune mode the file may only carry the unit's own list."""

    KIND = "nominations"
    PICK = "Chọn tệp danh sách đề nghị khen thưởng"
    WORKING = "Đang đọc danh sách đề nghị khen thưởng {name}"

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        self.dialog: NominationsDiffDialog | None = None

    def work(self, path: Path, mapping: dict[str, str], progress: Progress) -> object:
        return imports.preview_nominations(
            self.context.db,
            self.context.period.id,
            path,
            only_unit=self.context.mode.unit_code,
            mapping=mapping or None,
        )

    def run(self, path: Path, mapping: Mapping[str, str]) -> Job | None:
        """Compare on the task panel, then ask with the per-unit differences."""

        def compared(result: object) -> None:
            assert isinstance(result, NominationsPreview)
            self.dialog = NominationsDiffDialog(result, self.host.as_widget())
            self.dialog.accepted.connect(lambda: self.apply(result))
            self.dialog.open()

        return self.host.run(
            self.WORKING.format(name=path.name),
            lambda progress, _cancel: self.work(path, dict(mapping), progress),
            compared,
        )

    def apply(self, preview: NominationsPreview) -> Job | None:
        db = self.context.db

        def done(result: object) -> None:
            self.host.imported(self.report(result))

        return self.host.run(
            f"Đang nhập danh sách đề nghị khen thưởng từ {preview.source_name}",
            lambda _progress, _cancel: imports.apply_nominations(db, preview),
            done,
        )

    def report(self, result: object) -> ImportReport:
        assert isinstance(result, NominationsImportResult)
        return nominations_report(result)


class PortalStatsImport(PreviewedImport):
    """Báo cáo thống kê hồ sơ theo đơn vị của Cổng DVC: online and total of each commune."""

    KIND = "portal_stats"
    PICK = "Chọn báo cáo thống kê hồ sơ theo đơn vị của Cổng dịch vụ công"
    WORKING = "Đang nhập báo cáo thống kê hồ sơ từ {name}"

    def work(self, path: Path, mapping: dict[str, str], progress: Progress) -> object:
        return portal_stats.import_portal_stats(
            self.context.db, self.context.period.id, path, mapping=mapping
        )

    def report(self, result: object) -> ImportReport:
        assert isinstance(result, PortalStatsImportResult)
        return portal_stats_report(result)

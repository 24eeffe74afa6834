"""What an import did, in Vietnamese, as one report the terminal prints and the window shows.

A report is a title, a few summary sentences and sections (a heading with lines; a warning section
is drawn in red by the window). ``ImportReport.lines()`` is the terminal's form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from app.exchange.dossiers import CLASS_LABELS, POSTAL_LEFT_OUT, REASONS, channel_class
from app.scoring.numbers import format_int
from app.services.dossier_columns import field_label, mapping_text
from app.services.records import ImportResult

if TYPE_CHECKING:
    from app.services.dossiers import DossierImportResult
    from app.services.imports import EidImportResult, NominationsImportResult, PackageImportResult
    from app.services.portal_stats import PortalStatsImportResult


@dataclass(slots=True)
class ReportSection:
    """A heading with lines under it (e.g. "Bỏ qua 3 dòng: ngoài thời gian thi đua")."""

    title: str
    lines: list[str] = field(default_factory=list)
    warning: bool = False


@dataclass(slots=True)
class ImportReport:
    """The report of one import, ready to print or show."""

    title: str
    summary: list[str] = field(default_factory=list)
    sections: list[ReportSection] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [self.title, *self.summary]
        for section in self.sections:
            out.append("")
            out.append(section.title)
            out += [f"  {line}" for line in section.lines]
        return out

    def text(self) -> str:
        return "\n".join(self.lines())


class _Outcome(Protocol):
    @property
    def warnings(self) -> tuple[str, ...]: ...
    @property
    def quota_problems(self) -> tuple[str, ...]: ...
    @property
    def backup_path(self) -> str | None: ...


def _common_sections(report: ImportReport, result: _Outcome) -> None:
    if result.warnings:
        report.sections.append(ReportSection("Lưu ý", list(result.warnings), warning=True))
    if result.quota_problems:
        report.sections.append(
            ReportSection("Vượt chỉ tiêu khen thưởng cá nhân", list(result.quota_problems), True)
        )
    if result.backup_path:
        report.sections.append(ReportSection("Bản sao lưu trước khi nhập", [result.backup_path]))


def figures_report(result: ImportResult) -> ImportReport:
    """A unit-figures import (format A)."""
    report = ImportReport(f"Số liệu đơn vị từ {result.source_name}")
    report.summary.append(
        f"Đã đọc {result.units_in_file} đơn vị; cập nhật số liệu {len(result.changed)} đơn vị, "
        f"{result.unchanged} đơn vị không thay đổi."
    )
    if result.changed:
        report.sections.append(ReportSection("Đơn vị được cập nhật", [", ".join(result.changed)]))
    if result.added_units:
        report.sections.append(
            ReportSection(
                f"Đơn vị mới ({len(result.added_units)})", [", ".join(result.added_units)]
            )
        )
    _common_sections(report, result)
    return report


def dossiers_report(result: DossierImportResult) -> ImportReport:
    """A portal dossier export: counted, skipped and why, per unit, busiest accounts, channels."""
    from app.services.dossiers import share_text  # noqa: PLC0415 - dossiers imports this module

    report = ImportReport(f"Hồ sơ của Cổng dịch vụ công từ {result.source_name}")
    report.summary += [
        f"Đã đọc {format_int(result.rows_read)} dòng; tính {format_int(result.counted)} hồ sơ "
        f"({format_int(result.new_dossiers)} mới, {format_int(result.known_dossiers)} đã có từ "
        f"lần nhập trước, không tính lại); cập nhật số liệu {len(result.changed)} đơn vị.",
        f"Kỳ «{result.period_name}» đã lưu {format_int(result.stored_dossiers)} hồ sơ của "
        f"{len(result.units)} đơn vị.",
        f"Cột của tệp: {mapping_text(result.mapping)}.",
    ]
    if result.completed_dossiers:
        report.summary.append(
            f"Bổ sung cột chủ hồ sơ / ủy quyền / thủ tục / cán bộ tiếp nhận cho "
            f"{format_int(result.completed_dossiers)} hồ sơ đã lưu từ lần nhập trước (các cột đó "
            "trước đây để trống; số liệu đã tính không đổi)."
        )
    postal = result.skipped.get(POSTAL_LEFT_OUT, 0)
    if postal:
        report.summary.append(
            f"Không tính {format_int(postal)} hồ sơ gửi qua bưu chính công ích vào tổng số hồ sơ "
            "(bộ quy tắc: tổng số = trực tuyến + trực tiếp)."
        )
    report.sections.append(owner_columns_section(result.mapping))
    if result.changed:
        names = [f"{result.unit_names.get(c, '')} ({c})".strip() for c in result.changed]
        report.sections.append(ReportSection("Đơn vị được cập nhật", [", ".join(names)]))
    if result.skipped_rows:
        lines = []
        for reason, count in result.skipped.items():
            if count:
                lines.append(f"{format_int(count)} dòng: {REASONS.get(reason, reason)}")
                lines += [f"    ví dụ — {e}" for e in result.skipped_examples.get(reason, ())]
        report.sections.append(
            ReportSection(f"Bỏ qua {format_int(result.skipped_rows)} dòng", lines, warning=True)
        )
    if result.unknown_units:
        report.sections.append(
            ReportSection(
                "Đơn vị không nhận ra (không tính)",
                [f"«{text}»: {format_int(n)} dòng" for text, n in result.unknown_units.items()],
                warning=True,
            )
        )
    units = [line.strip() for line in result.unit_lines()]
    if units:
        report.sections.append(ReportSection("Theo đơn vị (mọi hồ sơ đã lưu của kỳ)", units))
    busiest = []
    for code, stats in result.units.items():
        if stats.top_accounts:
            name = result.unit_names.get(code, code)
            accounts = ", ".join(f"{a} ({format_int(n)})" for a, n in stats.top_accounts)
            share = share_text(stats)
            busiest.append(
                f"{name}: {accounts}" + (f" — {share} hồ sơ trực tuyến" if share else "")
            )
    if busiest:
        report.sections.append(ReportSection("Tài khoản nộp nhiều hồ sơ nhất", busiest))
    channels = [
        f"«{value}»: {format_int(rows)} dòng — {CLASS_LABELS[channel_class(value, online)]}"
        for value, (rows, online) in result.channel_counts.items()
    ]
    if channels:
        report.sections.append(ReportSection("Hình thức nộp", channels))
    _common_sections(report, result)
    return report


OWNER_FIELDS = ("owner", "owner_id")


def owner_columns_section(mapping: dict[str, str]) -> ReportSection:
    """Whether the export named the dossiers' owners, and so whether the evidence of dossiers filed
    on citizens' behalf (accounts filing for many owners) can be computed from it."""
    title = "Cột chủ hồ sơ (bằng chứng nộp thay)"
    found = [k for k in OWNER_FIELDS if k in mapping]
    if "account" not in mapping:
        return ReportSection(
            title,
            [
                f"Tệp không có cột «{field_label('account')}»: không tính được bằng chứng nộp "
                "thay (không biết hồ sơ do tài khoản nào nộp)."
            ],
            warning=True,
        )
    if not found:
        names = " / ".join(field_label(k) for k in OWNER_FIELDS)
        return ReportSection(
            title,
            [
                f"Tệp không có cột chủ hồ sơ ({names}): không đếm được số chủ hồ sơ của mỗi "
                "tài khoản, nên chưa đánh dấu được tài khoản «có dấu hiệu nộp thay» theo số chủ "
                "hồ sơ; chỉ tài khoản cán bộ đã đăng ký được đánh dấu.",
                "Để tính được: xuất lại danh sách hồ sơ từ Cổng có cột Chủ hồ sơ (hoặc Số "
                "CCCD/CMND) rồi nhập lại.",
            ],
            warning=True,
        )
    lines = [
        "Tìm thấy cột chủ hồ sơ: "
        + mapping_text({k: mapping[k] for k in found})
        + ". Tính được bằng chứng nộp thay (số chủ hồ sơ khác nhau của mỗi tài khoản)."
    ]
    if "owner_id" in mapping:
        lines.append("Số giấy tờ của chủ hồ sơ không được lưu, chỉ lưu mã băm (HMAC) của số.")
    if "authorised" in mapping:
        lines.append(f"Cột ủy quyền: «{mapping['authorised']}».")
    else:
        lines.append(
            f"Không có cột «{field_label('authorised')}»: mọi hồ sơ được coi là không có ủy quyền."
        )
    return ReportSection(title, lines)


def eid_report(result: EidImportResult) -> ImportReport:
    """A police e-ID figures file."""
    figures = result.result
    report = ImportReport(f"Số liệu định danh từ {figures.source_name}")
    report.summary.append(
        f"Đã đọc {result.rows_read} dòng; cập nhật số tài khoản định danh và số người có CCCD "
        f"của {len(figures.changed)} đơn vị, {figures.unchanged} đơn vị không thay đổi."
    )
    if figures.changed:
        report.sections.append(ReportSection("Đơn vị được cập nhật", [", ".join(figures.changed)]))
    _common_sections(report, figures)
    return report


def portal_stats_report(result: PortalStatsImportResult) -> ImportReport:
    """The portal's per-unit statistics report."""
    figures = result.result
    report = ImportReport(f"Báo cáo thống kê hồ sơ từ {figures.source_name}")
    report.summary += result.summary()
    report.summary.append(
        f"Cập nhật số hồ sơ trực tuyến và tổng số hồ sơ của {len(figures.changed)} đơn vị, "
        f"{figures.unchanged} đơn vị không thay đổi; số tài khoản nộp và số liệu định danh giữ "
        "nguyên."
    )
    report.sections.append(ReportSection("Cột đã dùng", [_columns_text(result.mapping)]))
    if figures.changed:
        report.sections.append(ReportSection("Đơn vị được cập nhật", [", ".join(figures.changed)]))
    _common_sections(report, figures)
    return report


def _columns_text(mapping: dict[str, str]) -> str:
    from app.exchange.portal_stats import LABELS  # noqa: PLC0415

    return ", ".join(f"{LABELS.get(k, k)} ← «{v}»" for k, v in mapping.items())


def nominations_report(result: NominationsImportResult) -> ImportReport:
    """A nominations file (format F): the lists of the units it names replaced."""
    report = ImportReport(f"Danh sách đề nghị khen thưởng từ {result.source_name}")
    report.summary.append(
        f"Đã đọc {result.rows_read} dòng của {len(result.by_unit)} đơn vị: thêm {result.added} "
        f"người được đề nghị khen thưởng, bỏ {result.removed}, sửa tên {result.renamed}, giữ "
        f"{result.kept}."
    )
    if result.units:
        report.sections.append(
            ReportSection("Theo đơn vị", [line for u in result.units for line in u.lines()])
        )
    elif result.by_unit:
        report.sections.append(
            ReportSection(
                "Theo đơn vị",
                [
                    f"{result.unit_names.get(code, '')} ({code}): {count} người"
                    for code, count in result.by_unit.items()
                ],
            )
        )
    if result.warnings:
        report.sections.append(ReportSection("Lưu ý", list(result.warnings), warning=True))
    if result.backup_path:
        report.sections.append(ReportSection("Bản sao lưu trước khi nhập", [result.backup_path]))
    return report


def package_report(result: PackageImportResult) -> ImportReport:
    """A commune package: its unit's figures (old → new) and nominations."""
    preview, figures = result.preview, result.result
    diff = preview.nominations_diff
    changed = bool(figures.changed) or (diff is not None and diff.changed)
    report = ImportReport(f"Gói số liệu {preview.source_name}")
    state = "đã cập nhật" if changed else "không có gì thay đổi"
    report.summary.append(
        f"{preview.unit_name} ({preview.unit_code}), kỳ «{preview.period_name}»: {state}. "
        "Các đơn vị khác giữ nguyên."
    )
    if preview.changes:
        report.sections.append(ReportSection("Số liệu thay đổi", list(preview.changes)))
    summary, *people = preview.nomination_lines()
    report.sections.append(ReportSection(summary, [line.strip() for line in people]))
    _common_sections(report, figures)
    return report

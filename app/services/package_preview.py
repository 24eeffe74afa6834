"""What the officer sees of a commune package before it is stored (``PackagePreview``): where it
goes, its signature, old → new and the unit's nominations; it holds everything the import stores."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.exchange.nominations import Nomination
from app.exchange.package import NominationsDiff, PackageMeta
from app.scoring import UnitFigures


@dataclass(frozen=True, slots=True)
class PackagePreview:
    """A package checked against this database: where it goes, its signature, the old → new
    figures and the unit's nominations in the package against those stored. It holds everything
    the import stores (the file is read once)."""

    source_name: str
    meta: PackageMeta
    unit_code: str
    unit_name: str
    campaign: str
    package_period: str  # the period the commune exported
    period_id: int  # the period it goes into here
    period_name: str
    exported_at: dt.datetime | None
    figures: UnitFigures  # in the package
    stored: UnitFigures | None  # the unit's figures stored for the period (None: none yet)
    changes: tuple[str, ...]  # "Số hồ sơ trực tuyến: 10 → 12"
    file_warnings: tuple[str, ...] = ()  # from reading the package
    # The package's nominations (None: a version 1 package, without them) and how they differ,
    # by full name, from the unit's stored nominations of the period.
    nominations: tuple[Nomination, ...] | None = None
    nominations_diff: NominationsDiff | None = None
    stored_nominations: int = 0
    signed: bool = False  # signed with the key of the unit it names, checked
    key_known: bool = False  # this program has a key for the unit (an unsigned package is odd)

    @property
    def has_changes(self) -> bool:
        """Whether importing changes anything (figures or the list of nominations)."""
        return bool(self.changes) or (
            self.nominations_diff is not None and self.nominations_diff.changed
        )

    def signature_status(self) -> str:
        """One sentence on the signature (Vietnamese)."""
        if self.signed:
            return (
                f"Chữ ký: hợp lệ — gói do {self.unit_name} ({self.unit_code}) ký, gói số "
                f"{self.meta.sequence}, không bị sửa sau khi xuất."
            )
        extra = (
            f" Đơn vị đã được cấp khóa: gói không ký có thể không phải do {self.unit_name} làm."
            if self.key_known
            else ""
        )
        return (
            f"CẢNH BÁO: gói không có chữ ký (gói của phiên bản cũ, hoặc đơn vị chưa nhập khóa): "
            f"không kiểm tra được gói do {self.unit_name} ({self.unit_code}) làm và không bị sửa."
            f"{extra} Chỉ nhập khi đã hỏi lại đơn vị."
        )

    def nomination_summary(self) -> str:
        """One sentence: what importing does to the unit's nominations (Vietnamese)."""
        if self.nominations is None or self.nominations_diff is None:
            return (
                "Gói không có danh sách đề nghị khen thưởng cá nhân (gói của phiên bản cũ): chỉ "
                f"nhập số liệu, giữ nguyên {self.stored_nominations} đề nghị đang có của "
                f"{self.unit_name}."
            )
        head = (
            f"Đề nghị khen thưởng cá nhân: gói có {len(self.nominations)} người, đang có "
            f"{self.stored_nominations}"
        )
        if not self.nominations_diff.changed:
            return head + " — không thay đổi."
        return (
            head + f"; khi nhập, danh sách đề nghị của {self.unit_name} được thay bằng danh "
            "sách trong gói."
        )

    def nomination_lines(self) -> list[str]:
        """The summary, then the people added, removed, kept (for the terminal and reports)."""
        diff = self.nominations_diff
        lines = [] if self.nominations is None or diff is None else diff.lines()
        return [self.nomination_summary(), *[f"  {line}" for line in lines]]

    @property
    def warnings(self) -> tuple[str, ...]:
        """The notes shown with the preview: the nominations part, then reading warnings."""
        return (*self.nomination_lines(), *self.file_warnings)

    def lines(self) -> list[str]:
        when = f", xuất lúc {self.exported_at:%d/%m/%Y %H:%M}" if self.exported_at else ""
        head = (
            f"Gói số liệu {self.source_name}: {self.unit_name} ({self.unit_code}), "
            f"kỳ «{self.package_period}»{when} → kỳ «{self.period_name}»."
        )
        body = [f"  {c}" for c in self.changes] or ["  Không có số liệu nào thay đổi."]
        return [head, self.signature_status(), *body, *self.warnings]

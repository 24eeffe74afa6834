"""Make the award documents of a dossier into a folder: ``build_documents(dossier, kinds, out_dir)``."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from app.errors import UserError
from app.reports.dossier import AwardDossier, check_ready
from app.reports.kinds import ALL, AWARD_KINDS, KINDS
from app.text import slug

REPORTS_FOLDER = "bao-cao-thanh-tich"


class UnknownKindError(UserError, ValueError):
    """A document kind the program does not make (message in Vietnamese)."""


class ReportWriteError(UserError, OSError):
    """A document could not be put in place (message in Vietnamese)."""

    title = "Không ghi được văn bản"


def expand_kinds(kinds: Iterable[str]) -> list[str]:
    """Kinds in the canonical order, 'all' expanded; an unknown kind raises UnknownKindError."""
    wanted: set[str] = set()
    for kind in kinds:
        if kind == ALL:
            wanted.update(KINDS)
        elif kind in KINDS:
            wanted.add(kind)
        else:
            raise UnknownKindError(
                f"Không có loại văn bản «{kind}»; chọn một trong: {', '.join((*KINDS, ALL))}"
            )
    return [k for k in KINDS if k in wanted]


def build_documents(dossier: AwardDossier, kinds: Iterable[str], out_dir: Path) -> list[Path]:
    """Write the PDFs of ``kinds`` into ``out_dir`` and return their paths.

    Raises DossierNotReadyError (naming every unit concerned) before writing anything when an
    award document is asked for while a tier is pending or a unit is over quota. The documents
    are made in a hidden folder first and moved in place at the end; the achievement reports of
    an earlier run are removed, so that no report of a person no longer proposed is left behind.
    Raises ReportWriteError when a file cannot be replaced (open in a PDF reader on Windows).
    """
    wanted = expand_kinds(kinds)
    dossier = dossier.normalised()
    if AWARD_KINDS.intersection(wanted):
        check_ready(dossier)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".dang-lap-", dir=out_dir))
    try:
        made: list[Path] = []
        for kind in wanted:
            made += BUILDERS[kind](dossier, staging)
        if "bao-cao" in wanted:
            for old in (out_dir / REPORTS_FOLDER).glob("*.pdf"):
                if old.name.startswith(("tap-the-", "ca-nhan-")):
                    _move_or_explain(None, old)
        return [_move_or_explain(path, out_dir / path.relative_to(staging)) for path in made]
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _move_or_explain(source: Path | None, target: Path) -> Path:
    """Move ``source`` onto ``target`` (or delete ``target`` when ``source`` is None)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if source is None:
            target.unlink()
        else:
            os.replace(source, target)
    except PermissionError as error:
        raise ReportWriteError(
            f"Không ghi được tệp {target}: tệp đang được mở trong chương trình khác (trình đọc "
            "PDF?) hoặc thư mục không cho phép ghi. Hãy đóng tệp rồi làm lại."
        ) from error
    return target


def _to_trinh(dossier: AwardDossier, out_dir: Path) -> list[Path]:
    from app.reports.to_trinh import ProposalRenderer  # noqa: PLC0415

    return [ProposalRenderer(dossier).render(out_dir / "to-trinh.pdf")]


def _bien_ban(dossier: AwardDossier, out_dir: Path) -> list[Path]:
    from app.reports.bien_ban import MinutesRenderer  # noqa: PLC0415

    return [MinutesRenderer(dossier).render(out_dir / "bien-ban.pdf")]


def _bao_cao(dossier: AwardDossier, out_dir: Path) -> list[Path]:
    from app.reports.bao_cao import (  # noqa: PLC0415
        CollectiveReportRenderer,
        IndividualReportRenderer,
    )

    folder = out_dir / REPORTS_FOLDER
    folder.mkdir(exist_ok=True)
    paths: list[Path] = []
    for index, result in enumerate(dossier.awarded_units(), start=1):
        name = f"tap-the-{index:02d}-{slug(result.unit.name)}.pdf"
        paths.append(CollectiveReportRenderer(dossier, result).render(folder / name))
    for index, nomination in enumerate(dossier.nominations_in_order(), start=1):
        name = f"ca-nhan-{index:02d}-{slug(nomination.full_name)}.pdf"
        paths.append(IndividualReportRenderer(dossier, nomination).render(folder / name))
    return paths


def _bang_diem(dossier: AwardDossier, out_dir: Path) -> list[Path]:
    from app.reports.bang_diem import ScoreSheetRenderer  # noqa: PLC0415

    return [ScoreSheetRenderer(dossier).render(out_dir / "bang-diem.pdf")]


def _giay_khen(dossier: AwardDossier, out_dir: Path) -> list[Path]:
    from app.reports.giay_khen import render_calibration, render_certificates  # noqa: PLC0415

    return [
        render_certificates(dossier, out_dir / "giay-khen.pdf"),
        render_calibration(dossier, out_dir / "giay-khen-can-chinh.pdf"),
    ]


BUILDERS: dict[str, Callable[[AwardDossier, Path], list[Path]]] = {
    "to-trinh": _to_trinh,
    "bien-ban": _bien_ban,
    "bao-cao": _bao_cao,
    "bang-diem": _bang_diem,
    "giay-khen": _giay_khen,
}

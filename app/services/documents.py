"""The award documents of a period: which kinds there are, whether they can be made yet, and making
them into a folder — the one use case behind the headless ``report`` command and the Văn bản page.

- ``document_kinds()``: every kind with its label and whether it carries awards (those are refused
  while a tie that changes a tier is pending or a unit is over its quota; the score sheet is made
  anyway: the council needs it to settle the ties).
- ``not_ready(db, period_id)``: why the award documents cannot be made yet (empty: they can).
- ``document_formats()``: the file formats to choose from ("pdf", "docx", "both"), labelled.
- ``build_documents(db, period_id, kinds, out_dir, formats=…, progress=…, cancelled=…)``: the
  files made, as PDF, Word (.docx) or both (the Giấy khen too: in Word each line in a frame at
  the PDF's place; the calibration page comes with the PDF).
  Refused before anything is written when an award document is asked for and the dossier is not
  ready (``DossierNotReadyError``, a ``UserError`` naming every unit). The Quyết định and the
  Giấy khen give the số sổ vàng first (``app.services.register``); the sơ kết / tổng kết reads
  the campaign's earlier periods.
- ``earlier_documents(folder)``: documents a previous run left in the folder (asked before they
  are overwritten).

The drawing (ReportLab) is imported only when documents are made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from app.errors import Cancelled
from app.models.database import Database
from app.reports.build import (
    REPORTS_FOLDER,
    UnknownFormatError,
    expand_formats,
    expand_kinds,
)
from app.reports.dossier import (
    AwardDossier,
    DossierNotReadyError,
    PeriodSnapshot,
    ProxyAttachment,
    dossier_from_records,
    dossier_problems,
)
from app.reports.kinds import (
    AWARD_KINDS,
    FORMAT_CHOICES,
    FORMAT_LABELS,
    KIND_LABELS,
    KINDS,
    REGISTER_KINDS,
)
from app.reports.words import money_in_words
from app.scoring.proxy_text import report_text
from app.services import campaigns, nominations, ranking, register, units
from app.services.outputs import check_output
from app.services.proxy import period_evidence

Progress = Callable[[int, int], None]  # (kinds made, kinds asked for)
CancelCheck = Callable[[], bool]
DOCUMENT_PATTERNS = ("*.pdf", "*.docx")

__all__ = [
    "DEFAULT_FORMAT",
    "REPORTS_FOLDER",
    "DocumentFormat",
    "DocumentKind",
    "DossierNotReadyError",
    "UnknownFormatError",
    "award_dossier",
    "build_documents",
    "document_formats",
    "document_kinds",
    "earlier_documents",
    "money_in_words",
    "not_ready",
    "proxy_attachment",
]


@dataclass(frozen=True, slots=True)
class DocumentKind:
    key: str  # "to-trinh" (the ``report`` command's argument)
    label: str  # "Tờ trình đề nghị khen thưởng"
    awards: bool  # carries tiers and nominations: refused while the dossier is not ready
    register: bool = False  # prints the số sổ vàng (given before the document is made)


@dataclass(frozen=True, slots=True)
class DocumentFormat:
    key: str  # "pdf", "docx", "both" (the ``report --format`` argument)
    label: str  # "PDF", "Word (.docx)", "PDF và Word"


DEFAULT_FORMAT = "pdf"


def document_formats() -> tuple[DocumentFormat, ...]:
    """The file formats the officer chooses from."""
    return tuple(DocumentFormat(k, FORMAT_LABELS[k]) for k in FORMAT_CHOICES)


def document_kinds() -> tuple[DocumentKind, ...]:
    """Every kind of document, in the order they are made."""
    return tuple(
        DocumentKind(k, KIND_LABELS[k], k in AWARD_KINDS, k in REGISTER_KINDS) for k in KINDS
    )


def award_dossier(
    db: Database, period_id: int, *, made_on: dt.date | None = None, history: bool = False
) -> AwardDossier:
    """Everything the documents of ``period_id`` need: settings, ranking, profiles, nominations,
    the số sổ vàng given so far; ``history``: also the campaign's earlier periods and their
    rankings (the sơ kết / tổng kết compare them)."""
    period = campaigns.get_period(db, period_id)
    campaign = campaigns.get_campaign(db, period.campaign_id)
    dossier = dossier_from_records(
        campaign,
        period,
        campaigns.document_settings(db, campaign.id),
        ranking.rank_period(db, period_id),
        units.list_units(db),
        nominations.list_nominations(db, period_id),
        made_on=made_on,
        register=register.register_numbers(db, period_id),
    )
    earlier: tuple[PeriodSnapshot, ...] = ()
    if history:
        earlier = tuple(
            PeriodSnapshot(p.name, p.start_date, p.end_date, ranking.rank_period(db, p.id))
            for p in sorted(
                campaigns.list_periods(db, campaign.id), key=lambda p: (p.end_date, p.id)
            )
            if p.end_date < period.end_date and p.id != period.id
        )
    return replace(dossier, history=earlier, period_final=period.is_final)


def _problems(dossier: AwardDossier) -> list[str]:
    if not ranking.has_figures(dossier.ranking):
        return [
            f"Kỳ «{dossier.period_name}» chưa có số liệu: hãy nhập số liệu của các đơn vị trước."
        ]
    return dossier_problems(dossier)


def not_ready(db: Database, period_id: int) -> list[str]:
    """Why the award documents of the period cannot be made yet (Vietnamese); empty when ready.
    A period without figures says so (not a tie of every unit)."""
    return _problems(award_dossier(db, period_id))


def build_documents(
    db: Database,
    period_id: int,
    kinds: Iterable[str],
    out_dir: Path,
    *,
    formats: str = DEFAULT_FORMAT,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    made_on: dt.date | None = None,
    reassign_register: bool = False,
) -> list[Path]:
    """Make the documents of ``kinds`` ("all" for every one) for the period into ``out_dir``, one
    kind after the other; returns the files made.

    The Quyết định and the Giấy khen print the số sổ vàng: awards without one are given the
    next numbers first (stored, audited); ``reassign_register`` numbers every award again from
    the starting number of Cài đặt.

    ``formats``: "pdf", "docx" or "both". Refused before anything is written: an unknown kind
    (``UnknownKindError``) or format (``UnknownFormatError``), an award document
    while the dossier is not ready (``DossierNotReadyError``). ``cancelled()`` is asked between
    kinds (``Cancelled``: the kinds made so far are kept). A file that cannot be replaced (open
    in a PDF reader) is a ``ReportWriteError``; a folder that cannot be written, an ``OSError``.
    """
    from app.reports.build import build_documents as draw  # noqa: PLC0415 - ReportLab when needed

    wanted = expand_kinds(kinds)
    expand_formats(formats)
    check_output(db, Path(out_dir), folder=True)
    dossier = award_dossier(db, period_id, made_on=made_on, history="tong-ket" in wanted)
    if AWARD_KINDS.intersection(wanted):
        problems = _problems(dossier)
        if problems:
            raise DossierNotReadyError(problems)
    if REGISTER_KINDS.intersection(wanted) or reassign_register:
        if not AWARD_KINDS.intersection(wanted):
            problems = _problems(dossier)
            if problems:
                raise DossierNotReadyError(problems)
        numbers = register.assign_register(db, dossier, period_id, reassign=reassign_register)
        dossier = replace(dossier, register=numbers)
    if "bien-ban" in wanted and dossier.settings.minutes_proxy_evidence:
        dossier = replace(dossier, proxy_attachment=proxy_attachment(db, period_id))
    made: list[Path] = []
    for done, kind in enumerate(wanted):
        if cancelled is not None and cancelled():
            raise Cancelled
        if progress is not None:
            progress(done, len(wanted))
        made += draw(dossier, [kind], out_dir, formats)
    if progress is not None:
        progress(len(wanted), len(wanted))
    return made


def proxy_attachment(db: Database, period_id: int) -> ProxyAttachment | None:
    """The «Bằng chứng nộp thay» report the Biên bản attaches: only when some account of the
    period is marked "có dấu hiệu nộp thay" (an empty evidence report is not attached)."""
    evidence = period_evidence(db, period_id)
    flagged = evidence.flagged_units
    if not flagged:
        return None
    accounts = sum(len(u.evidence.flagged) for u in flagged)
    return ProxyAttachment(report_text(evidence), accounts, len(flagged))


def earlier_documents(folder: Path) -> list[Path]:
    """The documents already in ``folder`` and its achievement-report folder (those of the folder
    first), sorted; a missing or unreadable folder has none. A new run replaces files of the same
    names and the earlier achievement reports."""
    found: list[Path] = []
    for where in (folder, folder / REPORTS_FOLDER):
        try:
            for pattern in DOCUMENT_PATTERNS:
                found += where.glob(pattern)
        except OSError:
            continue
    return sorted(set(found), key=lambda p: (p.parent != folder, p.as_posix()))

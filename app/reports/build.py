"""Make the award documents of a dossier into a folder: ``build_documents(dossier, kinds, out_dir)``."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from app.errors import UserError
from app.reports.dossier import AwardDossier, check_ready
from app.reports.kinds import (
    ALL,
    AWARD_KINDS,
    FORMAT_CHOICES,
    FORMATS,
    KINDS,
)
from app.reports.model import Document
from app.text import slug

REPORTS_FOLDER = "bao-cao-thanh-tich"
PROXY_ATTACHMENT = "bien-ban-kem-bang-chung-nop-thay"  # the evidence attached to the Biên bản


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


NAME_LIMIT = 60  # characters of a person's or unit's name in a file name


class UnknownFormatError(UserError, ValueError):
    """A file format the program does not write (message in Vietnamese)."""


def expand_formats(choice: str | Iterable[str]) -> tuple[str, ...]:
    """'pdf' / 'docx' / 'both' (or a list of 'pdf', 'docx') as the formats in canonical order."""
    wanted: set[str] = set()
    for item in [choice] if isinstance(choice, str) else choice:
        if item not in FORMAT_CHOICES:
            raise UnknownFormatError(
                f"Không có định dạng «{item}»; chọn một trong: {', '.join(FORMAT_CHOICES)}"
            )
        wanted.update(FORMAT_CHOICES[item])
    return tuple(f for f in FORMATS if f in wanted) or ("pdf",)


def file_stem(prefix: str, index: int, name: str) -> str:
    """'ca-nhan-03-nguyen-van-a': the name's slug cut at a word boundary to NAME_LIMIT."""
    text = slug(name) or "khong-ten"
    if len(text) > NAME_LIMIT:
        cut = text[:NAME_LIMIT]
        text = cut.rsplit("-", 1)[0] if "-" in cut[NAME_LIMIT // 2 :] else cut
    return f"{prefix}-{index:02d}-{text.strip('-')}"


def build_documents(
    dossier: AwardDossier,
    kinds: Iterable[str],
    out_dir: Path,
    formats: str | Iterable[str] = "pdf",
) -> list[Path]:
    """Write the documents of ``kinds`` into ``out_dir`` in ``formats`` and return their paths.

    Each document is described once (``app.reports.model``) and rendered as PDF and/or .docx;
    the Giấy khen, drawn at fixed places, by their own renderers (``giay_khen``, ``giay_khen_word``).
    Raises DossierNotReadyError (naming every unit concerned) before writing anything when an
    award document is asked for while a tier is pending or a unit is over quota. The documents
    are made in a hidden folder first and moved in place at the end; the achievement reports of
    an earlier run are removed, so that no report of a person no longer proposed is left behind.
    Raises ReportWriteError when a file cannot be replaced (open in a PDF reader on Windows).
    """
    wanted = expand_kinds(kinds)
    chosen = expand_formats(formats)
    dossier = dossier.normalised()
    if AWARD_KINDS.intersection(wanted):
        check_ready(dossier)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".dang-lap-", dir=out_dir))
    try:
        made: list[Path] = []
        for kind in wanted:
            if kind == "giay-khen":
                made += _giay_khen(dossier, staging, chosen)
                continue
            for stem, document in DESCRIBERS[kind](dossier):
                made += render_formats(document, staging / stem, chosen)
        if "bao-cao" in wanted:
            for old in (out_dir / REPORTS_FOLDER).glob("*"):
                if old.suffix in (".pdf", ".docx") and old.name.startswith(
                    ("tap-the-", "ca-nhan-")
                ):
                    _move_or_explain(None, old)
        return [_move_or_explain(path, out_dir / path.relative_to(staging)) for path in made]
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def render_formats(document: Document, stem: Path, formats: Iterable[str]) -> list[Path]:
    """``document`` as ``stem``.pdf and/or ``stem``.docx."""
    from app.reports.pdf import render_pdf  # noqa: PLC0415
    from app.reports.word import render_docx  # noqa: PLC0415

    stem.parent.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for fmt in formats:
        target = stem.with_name(f"{stem.name}.{fmt}")
        paths.append(
            render_pdf(document, target) if fmt == "pdf" else render_docx(document, target)
        )
    return paths


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


Described = list[tuple[str, Document]]


def _to_trinh(dossier: AwardDossier) -> Described:
    from app.reports.to_trinh import describe  # noqa: PLC0415

    return [("to-trinh", describe(dossier))]


def _bien_ban(dossier: AwardDossier) -> Described:
    from app.reports.bien_ban import describe  # noqa: PLC0415

    out: Described = [("bien-ban", describe(dossier))]
    if dossier.proxy_attachment is not None:
        from app.reports.proxy_evidence import proxy_document  # noqa: PLC0415

        out.append((PROXY_ATTACHMENT, proxy_document(dossier.proxy_attachment.report)))
    return out


def _bao_cao(dossier: AwardDossier) -> Described:
    from app.reports.bao_cao import describe_collective, describe_individual  # noqa: PLC0415

    out: Described = []
    for index, result in enumerate(dossier.awarded_units(), start=1):
        stem = file_stem("tap-the", index, result.unit.name)
        out.append((f"{REPORTS_FOLDER}/{stem}", describe_collective(dossier, result)))
    for index, nomination in enumerate(dossier.nominations_in_order(), start=1):
        stem = file_stem("ca-nhan", index, nomination.full_name)
        out.append((f"{REPORTS_FOLDER}/{stem}", describe_individual(dossier, nomination)))
    return out


def _bang_diem(dossier: AwardDossier) -> Described:
    from app.reports.bang_diem import describe  # noqa: PLC0415

    return [("bang-diem", describe(dossier))]


def _giay_khen(dossier: AwardDossier, out_dir: Path, formats: Iterable[str]) -> list[Path]:
    """The certificates in each format; with the PDF, its calibration page (a print aid)."""
    from app.reports.giay_khen import render_calibration, render_certificates  # noqa: PLC0415
    from app.reports.giay_khen_word import render_certificates_docx  # noqa: PLC0415

    made: list[Path] = []
    for fmt in formats:
        if fmt == "pdf":
            made.append(render_certificates(dossier, out_dir / "giay-khen.pdf"))
            made.append(render_calibration(dossier, out_dir / "giay-khen-can-chinh.pdf"))
        else:
            made.append(render_certificates_docx(dossier, out_dir / "giay-khen.docx"))
    return made


def _quyet_dinh(dossier: AwardDossier) -> Described:
    from app.reports.quyet_dinh import describe  # noqa: PLC0415

    return [("quyet-dinh", describe(dossier))]


def _tien_thuong(dossier: AwardDossier) -> Described:
    from app.reports.tien_thuong import describe  # noqa: PLC0415

    return [("tien-thuong", describe(dossier))]


def _tong_ket(dossier: AwardDossier) -> Described:
    from app.reports.tong_ket import describe  # noqa: PLC0415

    return [("tong-ket" if dossier.period_final else "so-ket", describe(dossier))]


DESCRIBERS: dict[str, Callable[[AwardDossier], Described]] = {
    "to-trinh": _to_trinh,
    "bien-ban": _bien_ban,
    "bao-cao": _bao_cao,
    "bang-diem": _bang_diem,
    "quyet-dinh": _quyet_dinh,
    "tien-thuong": _tien_thuong,
    "tong-ket": _tong_ket,
}

"""Render a :class:`app.reports.model.Document` as PDF with ReportLab (bundled fonts embedded)."""

from __future__ import annotations

from pathlib import Path

from app.reports.model import Document


def render_pdf(doc: Document, path: Path) -> Path:
    """Write ``doc`` to ``path`` as PDF and return ``path``."""
    raise NotImplementedError

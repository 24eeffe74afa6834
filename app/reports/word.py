"""Render a :class:`app.reports.model.Document` as .docx with python-docx (Word styles)."""

from __future__ import annotations

from pathlib import Path

from app.reports.model import Document


def render_docx(doc: Document, path: Path) -> Path:
    """Write ``doc`` to ``path`` as a Word document and return ``path``."""
    raise NotImplementedError

"""Text normalisation shared by every importer: ``app.text`` (one helper for the whole program)."""

from app.text import fold, nfc

__all__ = ["fold", "nfc"]

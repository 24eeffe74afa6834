"""Thi đua DVCTT: scoring, storage, exchange and award documents for the DVCTT emulation movement."""

__version__ = "0.1.0"

"""The fields of each kind of import with a column mapping (figures, e-ID, nominations, the
portal's statistics report): light enough for the commands' ``--map`` help."""

from __future__ import annotations

from collections.abc import Sequence

from app.exchange.reader.columns import FieldSpec


def specs_of(kind: str) -> Sequence[FieldSpec]:
    """The fields of a kind of import, with their spellings."""
    if kind == "figures":
        from app.exchange.unit_figures import SPECS  # noqa: PLC0415
    elif kind == "eid":
        from app.exchange.eid_columns import SPECS  # noqa: PLC0415
    elif kind == "nominations":
        from app.exchange.nominations import SPECS  # noqa: PLC0415
    elif kind == "portal_stats":
        from app.exchange.portal_stats import SPECS  # noqa: PLC0415
    else:
        raise KeyError(kind)
    return SPECS

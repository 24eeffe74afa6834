"""How the police and the templates name the columns of e-ID figures (DATA-FORMAT.md C): the
unit by code, name or "Đơn vị"; the activated level-2 accounts (``eid``: where a sheet has
collected / issued and activated columns, the activated one) and the citizens holding a chip ID."""

from __future__ import annotations

from app.exchange.reader.columns import FieldSpec
from app.scoring.figures import FIELD_LABELS

LABELS = {
    "unit": "Đơn vị",
    "code": FIELD_LABELS["code"],
    "name": FIELD_LABELS["name"],
    "eid": FIELD_LABELS["eid"],
    "citizens": FIELD_LABELS["citizens"],
}
_ACCOUNT = ("dinh danh", "dddt", "tkdddt", "tk dddt", "vneid", "muc 2")
SPECS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "code",
        LABELS["code"],
        names=("ma don vi", "ma dvhc", "ma xa", "ma don vi hanh chinh"),
        contains=(("ma don vi", "ma dvhc"),),
    ),
    FieldSpec(
        "name",
        LABELS["name"],
        names=("ten don vi", "ten xa", "ten xa, thi tran", "ten dia ban", "ten don vi hanh chinh"),
        contains=(("ten don vi", "ten xa"),),
    ),
    FieldSpec(
        "unit",
        LABELS["unit"],
        names=(
            "don vi",
            "dia ban",
            "xa, thi tran",
            "xa thi tran",
            "xa/thi tran",
            "don vi hanh chinh",
        ),
        contains=(("don vi", "dia ban", "xa, thi tran", "xa thi tran", "xa/thi tran"),),
    ),
    FieldSpec(
        "eid",
        LABELS["eid"],
        names=("tai khoan dinh danh", "so tai khoan dinh danh muc 2", "tai khoan dinh danh muc 2"),
        contains=(tuple(f"kich hoat+{word}" for word in _ACCOUNT), _ACCOUNT),
        required=True,
    ),
    FieldSpec(
        "citizens",
        LABELS["citizens"],
        names=("dan co cccd", "so nguoi dan co cccd", "nguoi dan co cccd"),
        contains=(
            ("co cccd", "cccd+da cap", "cccd+gan chip", "can cuoc+da cap", "cccd+duoc cap"),
            ("cccd", "can cuoc", "cong dan du dieu kien", "du dieu kien"),
        ),
        required=True,
    ),
)

"""The optional columns of a portal export for the evidence of filing on others' behalf: guessed
from the portal's spellings, the authorisation flag read, the owner's ID number keyed."""

from __future__ import annotations

import pytest

from app.exchange.dossiers import guess_mapping, parse_mapping
from app.exchange.proxy_columns import authorised_flag, owner_key


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            ["Số hồ sơ", "Chủ hồ sơ", "Số CCCD/CMND", "Ủy quyền", "Cán bộ tiếp nhận"],
            {"owner": "Chủ hồ sơ", "owner_id": "Số CCCD/CMND", "authorised": "Ủy quyền",
             "officer": "Cán bộ tiếp nhận"},
        ),
        (
            ["Mã hồ sơ", "Họ tên chủ hồ sơ", "Số giấy tờ chủ hồ sơ", "Hồ sơ ủy quyền", "Người tiếp nhận"],
            {"owner": "Họ tên chủ hồ sơ", "owner_id": "Số giấy tờ chủ hồ sơ",
             "authorised": "Hồ sơ ủy quyền", "officer": "Người tiếp nhận"},
        ),
        (
            ["Mã hồ sơ", "Người đứng tên", "Số định danh", "Uỷ quyền"],
            {"owner": "Người đứng tên", "owner_id": "Số định danh", "authorised": "Uỷ quyền"},
        ),
    ],
)  # fmt: skip
def test_portal_spellings_guessed(header: list[str], expected: dict[str, str]) -> None:
    guessed = guess_mapping(header)
    assert {k: v for k, v in guessed.items() if k in expected} == expected


def test_export_without_owner_columns_guesses_none() -> None:
    guessed = guess_mapping(["Mã hồ sơ", "Cơ quan tiếp nhận", "Hình thức nộp", "Tài khoản nộp"])
    assert not guessed.keys() & {"owner", "owner_id", "authorised", "officer"}
    assert parse_mapping("owner=Chủ hồ sơ,owner_id=Số CCCD")["owner_id"] == "Số CCCD"


@pytest.mark.parametrize(
    "value", ["Có", "có", "x", "X", "1", 1.0, True, "Ủy quyền", "Uỷ quyền", "✓"]
)
def test_authorised_values(value: object) -> None:
    assert authorised_flag(value)


@pytest.mark.parametrize("value", ["", None, "Không", "0", 0.0, False, "Chưa"])
def test_not_authorised_values(value: object) -> None:
    assert not authorised_flag(value)


def test_owner_key_is_keyed_and_ignores_spacing() -> None:
    one, two = b"a" * 32, b"b" * 32
    number = "089203001234"
    key = owner_key(one, number, "Nguyễn Văn A")
    assert key is not None and str(number) not in str(key)
    assert owner_key(one, "0892 0300 1234", "") == key  # spaces in the export do not matter
    assert owner_key(two, number, "") != key  # another database, another key
    assert owner_key(one, "", "NGUYỄN  VĂN A") == owner_key(one, "", "nguyen van a")
    assert owner_key(one, "", "") is None
    assert owner_key(one, number, "") != owner_key(one, "", number)  # a number is not a name

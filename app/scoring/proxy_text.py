"""The words and tables of the «Bằng chứng nộp thay» report, as plain text, for every format (PDF,
Word, Excel) and the JSON of ``main.py proxy-report``: what the council reads, and how it was
counted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.scoring.numbers import format_int, format_percent, rate_string
from app.scoring.proxy import (
    FLAGGED_LABEL,
    POLICY_COUNT_AS_DIRECT,
    PROXY_TIE_BREAK,
    AccountEvidence,
    ProxyEvidence,
    UnitProxyEvidence,
)

TITLE = "Bằng chứng nộp thay"
SUMMARY_HEADER = (
    "STT",
    "Đơn vị",
    "Hồ sơ trực tuyến",
    "Tài khoản nộp",
    "Tài khoản có dấu hiệu nộp thay",
    "Hồ sơ nộp thay",
    "Tỷ lệ nộp thay",
)
ACCOUNT_HEADER = (
    "Tài khoản",
    "Hồ sơ",
    "Chủ hồ sơ",
    "Thủ tục",
    "Ngày nộp",
    "Tỷ lệ trong đơn vị",
    "Đánh dấu",
)


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class ReportText:
    title: str
    subtitle: tuple[str, ...]
    method: tuple[str, ...]
    summary: Section
    units: tuple[Section, ...]  # units with marked accounts only


def share_string(account: AccountEvidence) -> str:
    """The share as a decimal string, 4 places half-up ('0.3333')."""
    return rate_string(account.share.numerator, account.share.denominator)


def method_lines(evidence: ProxyEvidence) -> tuple[str, ...]:
    lines = [
        f"Tài khoản được đánh dấu «{FLAGGED_LABEL}» khi đã nộp hồ sơ trực tuyến không có ủy "
        f"quyền cho từ {evidence.threshold} chủ hồ sơ khác nhau trở lên (chủ hồ sơ nhận ra theo "
        "số giấy tờ — chỉ lưu mã băm, không lưu số — hoặc theo họ tên), hoặc là tài khoản cán bộ "
        "do huyện đăng ký (số hồ sơ của các tài khoản này tính riêng).",
        "Hồ sơ nộp thay: hồ sơ trực tuyến không có ủy quyền của các tài khoản được đánh dấu. "
        "Tỷ lệ nộp thay = hồ sơ nộp thay / hồ sơ trực tuyến của đơn vị.",
    ]
    if evidence.policy == POLICY_COUNT_AS_DIRECT:
        lines.append(
            "Theo bộ quy tắc (proxy_policy = count_as_direct), hồ sơ nộp thay tính là không "
            "trực tuyến khi chấm điểm."
        )
    else:
        lines.append(
            "Theo bộ quy tắc (proxy_policy = tie_break), hồ sơ nộp thay không làm thay đổi điểm; "
            "chỉ xét khi các đơn vị bằng điểm."
        )
    if evidence.tie_break == PROXY_TIE_BREAK:
        lines.append(
            "Khi bằng điểm: đơn vị có tỷ lệ nộp thay thấp hơn xếp trước; bằng nhau thì đơn vị có "
            "ít hồ sơ trực tuyến trên mỗi tài khoản nộp hơn xếp trước."
        )
    else:
        lines.append(
            "Khi bằng điểm: đơn vị có ít hồ sơ trực tuyến trên mỗi tài khoản nộp hơn xếp trước."
        )
    if not evidence.owners_known:
        lines.append(
            "Các tệp hồ sơ đã nhập không có cột chủ hồ sơ: chỉ đánh dấu được tài khoản cán bộ "
            "đã đăng ký."
        )
    return tuple(lines)


def _mark(account: AccountEvidence) -> str:
    if not account.flagged:
        return ""
    return f"{FLAGGED_LABEL}: {account.reason}" if account.reason else FLAGGED_LABEL


def account_row(account: AccountEvidence) -> tuple[str, ...]:
    return (
        account.account,
        format_int(account.dossiers),
        format_int(account.owners),
        format_int(account.procedures),
        format_int(account.active_days),
        format_percent(account.share),
        _mark(account),
    )


def _summary_row(index: int, unit: UnitProxyEvidence) -> tuple[str, ...]:
    e = unit.evidence
    return (
        str(index),
        f"{unit.name} ({unit.code})",
        format_int(e.online),
        format_int(e.account_count),
        format_int(len(e.flagged)),
        format_int(e.proxy_dossiers),
        format_percent(e.proxy_share),
    )


def report_text(evidence: ProxyEvidence) -> ReportText:
    summary = Section(
        "Tổng hợp theo đơn vị",
        SUMMARY_HEADER,
        tuple(_summary_row(i, u) for i, u in enumerate(evidence.units, start=1)),
    )
    sections = []
    for unit in evidence.flagged_units:
        e = unit.evidence
        others, other_dossiers = e.others
        note = (
            f"Ngoài ra {format_int(others)} tài khoản khác nộp {format_int(other_dossiers)} hồ sơ."
            if others
            else ""
        )
        sections.append(
            Section(
                f"{unit.name} ({unit.code}): {format_int(len(e.flagged))} tài khoản có dấu hiệu "
                f"nộp thay, {format_int(e.proxy_dossiers)}/{format_int(e.online)} hồ sơ trực "
                f"tuyến ({format_percent(e.proxy_share)})",
                ACCOUNT_HEADER,
                tuple(account_row(a) for a in e.accounts),
                note,
            )
        )
    return ReportText(
        title=TITLE,
        subtitle=(evidence.campaign_name, evidence.period_name),
        method=method_lines(evidence),
        summary=summary,
        units=tuple(sections),
    )


def report_json(evidence: ProxyEvidence) -> dict[str, Any]:
    """What ``main.py proxy-report --json`` prints: per unit code, its listed accounts."""
    return {
        "period": evidence.period_name,
        "threshold": evidence.threshold,
        "proxy_policy": evidence.policy,
        "tie_break": evidence.tie_break,
        "units": {
            unit.code: [
                {
                    "account": a.account,
                    "dossiers": a.dossiers,
                    "owners": a.owners,
                    "procedures": a.procedures,
                    "active_days": a.active_days,
                    "share": share_string(a),
                    "flagged": a.flagged,
                    "official": a.official,
                }
                for a in unit.evidence.accounts
            ]
            for unit in evidence.units
        },
        "summary": {
            unit.code: {
                "name": unit.name,
                "online": unit.evidence.online,
                "accounts": unit.evidence.account_count,
                "proxy_dossiers": unit.evidence.proxy_dossiers,
                "proxy_share": rate_string(
                    unit.evidence.proxy_share.numerator, unit.evidence.proxy_share.denominator
                ),
            }
            for unit in evidence.units
        },
    }

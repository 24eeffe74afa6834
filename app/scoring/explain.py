"""Vietnamese words for results: flag and tier labels, and an explanation of each unit's points."""

from __future__ import annotations

from decimal import Decimal

from app.scoring.engine import PENDING, CriterionScore, Ranking, UnitResult
from app.scoring.numbers import (
    format_decimal,
    format_int,
    format_percent,
    format_share,
    format_vnd,
    name_list,
)
from app.scoring.rules import FLAG_BELOW_THRESHOLD, Criterion, RuleSet

FLAG_LABELS: dict[str, str] = {
    FLAG_BELOW_THRESHOLD: "Dưới ngưỡng",
    "missing_dossiers": "Thiếu số liệu hồ sơ",
    "missing_eid": "Thiếu số liệu định danh",
}
PENDING_LABEL = "Chờ phân định"


def flag_label(flag: str, rules: RuleSet | None = None) -> str:
    if flag == FLAG_BELOW_THRESHOLD and rules is not None:
        for criterion in rules.criteria:
            if criterion.threshold is not None:
                return f"Dưới ngưỡng {format_share(criterion.threshold)}"
    return FLAG_LABELS.get(flag, flag)


def tier_label(tier: str | None, rules: RuleSet) -> str:
    """'Nhất', 'Khuyến khích', 'Chờ phân định' or '' (no tier)."""
    if tier is None:
        return ""
    if tier == PENDING:
        return PENDING_LABEL
    return rules.tier(tier).label


def _points(value: Decimal | None, places: int) -> str:
    return format_decimal(value if value is not None else Decimal(0), places)


def criterion_sentence(criterion: Criterion, score: CriterionScore, places: int) -> str:
    """'Tỷ lệ hồ sơ trực tuyến 70,00% (700/1.000) × 60 = 42,00 điểm'."""
    points = f"{_points(score.points, places)} điểm"
    rate = score.rate
    if rate is None:
        what = "không có số liệu" if score.numerator is None else "mẫu số bằng 0"
        return f"{criterion.label}: {what} — {points}"
    assert score.numerator is not None and score.denominator is not None
    figures = f"({format_int(score.numerator)}/{format_int(score.denominator)})"
    shown = f"{criterion.label} {format_percent(rate)} {figures}"
    if score.flag == FLAG_BELOW_THRESHOLD and criterion.threshold is not None:
        return (
            f"{shown} dưới ngưỡng {format_share(criterion.threshold)}: "
            f"không xét điểm thi đua — {points}"
        )
    if score.full and criterion.full_at is not None:
        if criterion.full_at == 1:
            return f"{shown}: đạt điểm tối đa {points}"
        return f"{shown}, từ {format_share(criterion.full_at)} trở lên: điểm tối đa {points}"
    return f"{shown} × {format_decimal(criterion.max_points, 0)} = {points}"


def explain(result: UnitResult, ranking: Ranking) -> list[str]:
    """Sentences telling how the unit's points, rank and award were obtained."""
    rules = ranking.rules
    unit = result.unit
    places = rules.points_places
    if not result.scored:
        return [
            f"{unit.name} là {unit.kind.label.lower()}: không chấm điểm, không xếp hạng tập thể; "
            "tham gia qua đề nghị khen thưởng cá nhân."
        ]
    sentences = _proxy_sentences(result, rules)
    sentences += [
        criterion_sentence(c, result.criterion(c.key), places) + "." for c in rules.criteria
    ]
    parts = " + ".join(_points(s.points, places) for s in result.criteria)
    sentences.append(f"Tổng điểm: {parts} = {_points(result.total, places)} điểm.")
    if result.excluded:
        sentences.append(
            "Theo bộ quy tắc, đơn vị dưới ngưỡng không được xếp hạng và không xét khen thưởng tập thể."
        )
        return sentences
    sentences.append(_rank_sentence(result, ranking))
    sentences.append(_award_sentence(result, rules))
    return sentences


def _rank_sentence(result: UnitResult, ranking: Ranking) -> str:
    names = {r.unit.code: r.unit.name for r in ranking.results}
    if result.tie:
        others = name_list([names[c] for c in result.tied_with])
        group = next(g for g in ranking.tie_groups if result.unit.code in g.codes)
        return (
            f"Đồng hạng {result.rank} với {others} ({group.reason}); "
            "chờ Hội đồng Thi đua - Khen thưởng phân định."
        )
    if result.settled_reason is not None:
        return (
            f"Xếp hạng {result.rank}: bằng điểm với đơn vị khác, thứ tự do Hội đồng quyết định "
            f"(lý do: {result.settled_reason})."
        )
    parts = []
    if result.tie_broken_by_proxy and result.proxy is not None:
        proxy = result.proxy
        parts.append(
            "xét tỷ lệ hồ sơ trực tuyến có dấu hiệu nộp thay: "
            f"{format_percent(proxy.share)} ({format_int(proxy.proxy_dossiers)}/"
            f"{format_int(proxy.online)}); thấp hơn thì xếp trước"
        )
    if result.tie_broken_by_ratio:
        ratio = result.dossiers_per_account
        assert ratio is not None
        parts.append(
            "xét số hồ sơ trực tuyến trên mỗi "
            f"tài khoản nộp: {format_decimal(ratio)} hồ sơ/tài khoản "
            f"({format_int(result.unit.online or 0)}/{format_int(result.unit.accounts or 0)}); "
            "ít hơn thì xếp trước"
        )
    if parts:
        return f"Xếp hạng {result.rank}: bằng điểm với đơn vị khác, " + "; ".join(parts) + "."
    return f"Xếp hạng {result.rank}."


def _proxy_sentences(result: UnitResult, rules: RuleSet) -> list[str]:
    """Every number of the dossiers filed on others' behalf that the ranking used."""
    proxy = result.proxy
    if proxy is None:
        return []
    sentences = [
        f"Hồ sơ trực tuyến có dấu hiệu nộp thay: {format_int(proxy.proxy_dossiers)}/"
        f"{format_int(proxy.online)} = {format_percent(proxy.share)} (tài khoản nộp cho từ "
        f"{rules.proxy_owner_threshold} chủ hồ sơ trở lên không ủy quyền, hoặc tài khoản cán bộ "
        "đã đăng ký)."
    ]
    if result.direct_online is not None:
        sentences.append(
            "Theo bộ quy tắc, hồ sơ có dấu hiệu nộp thay tính là không trực tuyến: hồ sơ trực "
            f"tuyến {format_int(result.direct_online)} − {format_int(proxy.proxy_dossiers)} = "
            f"{format_int(result.unit.online or 0)}; tài khoản nộp còn "
            f"{'không rõ' if result.unit.accounts is None else format_int(result.unit.accounts)}."
        )
    return sentences


def _award_sentence(result: UnitResult, rules: RuleSet) -> str:
    if result.tier == PENDING:
        return "Hạng giải, tiền thưởng và chỉ tiêu cá nhân chờ phân định đồng hạng."
    if result.tier is None:
        return (
            f"Không đạt giải tập thể; được đề nghị khen thưởng tối đa {result.individual_quota} "
            "cá nhân."
        )
    tier = rules.tier(result.tier)
    bonus = (
        f", cộng {tier.bonus_points} điểm thi đua phát triển kinh tế - xã hội"
        if (tier.bonus_points)
        else ""
    )
    return (
        f"Đạt giải {tier.label}, tiền thưởng {format_vnd(tier.prize_vnd)} đồng{bonus}; "
        f"được đề nghị khen thưởng tối đa {tier.individual_quota} cá nhân."
    )

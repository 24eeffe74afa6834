"""What the award documents are made from: plain objects, filled by the storage layer or a test.

Everything textual is NFC-normalised when a dossier is built (``AwardDossier.normalised``), so the
documents never draw decomposed Vietnamese.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, Protocol, TypeVar

from app.errors import UserError
from app.reports.settings import DocumentSettings, Signer
from app.scoring.engine import Ranking, UnitResult
from app.scoring.figures import UnitKind
from app.scoring.proxy_text import ReportText
from app.scoring.quotas import QuotaReport, quota_report
from app.text import composed as nfc  # NFC, spaces kept: text to draw


@dataclass(frozen=True, slots=True)
class UnitProfile:
    """What a unit tells about itself for its Báo cáo thành tích (all optional)."""

    code: str
    address: str = ""  # trụ sở
    phone: str = ""
    head_name: str = ""  # who signs the unit's report
    head_title: str = ""  # e.g. "CHỦ TỊCH" (printed in capitals)
    header_name: str = ""  # the unit in a document header; blank → "UBND XÃ …" / the name
    header_parent: str = ""  # the body above it in the header; blank → the settings' parent_body
    profile_text: str = ""  # I. Sơ lược đặc điểm, tình hình (paragraphs separated by blank lines)
    achievement_text: str = ""  # II. the unit's own account of its work
    past_awards_text: str = ""  # III. Các hình thức đã được khen thưởng


@dataclass(frozen=True, slots=True)
class Nomination:
    """An individual proposed for a Giấy khen."""

    full_name: str
    position: str
    unit_code: str
    unit_name: str
    achievement_summary: str = ""
    birth_date: dt.date | None = None
    gender: str = ""  # "Nam" / "Nữ" / ""
    achievement_text: str = ""  # II. Thành tích đạt được (the person's own account)
    past_awards_text: str = ""  # III. Khen thưởng đã nhận
    hometown: str = ""  # quê quán
    residence: str = ""  # nơi ở hiện nay
    id: int | None = None  # the stored nomination's id (its sổ vàng key)


@dataclass(frozen=True)
class PeriodSnapshot:
    """An earlier period of the campaign and its ranking (the sơ kết / tổng kết compare them)."""

    name: str
    start: dt.date | None
    end: dt.date | None
    ranking: Ranking


@dataclass(frozen=True)
class ProxyAttachment:
    """The «Bằng chứng nộp thay» report attached to the Biên bản, with what the Biên bản says of it."""

    report: ReportText
    flagged_accounts: int  # accounts marked "có dấu hiệu nộp thay"
    flagged_units: int  # units with such an account


@dataclass(frozen=True)
class AwardDossier:
    """One campaign's award documents: its settings, the final ranking, profiles and nominations."""

    campaign_name: str  # "Người dân Phụng Hiệp nộp dịch vụ công trực tuyến"
    year: int
    settings: DocumentSettings
    ranking: Ranking
    profiles: Mapping[str, UnitProfile] = field(default_factory=dict)
    nominations: tuple[Nomination, ...] = ()
    plan_number: str = "…/KH-UBND"  # the district plan (from the campaign)
    plan_date: dt.date | None = None
    period_name: str = "Tổng kết"
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    made_on: dt.date | None = None  # date used where a settings date is blank; None → today
    register: Mapping[str, int] = field(default_factory=dict)  # award key → số sổ vàng
    history: tuple[PeriodSnapshot, ...] = ()  # earlier periods of the campaign, oldest first
    period_final: bool = True  # the tổng kết period (else a sơ kết)
    proxy_attachment: ProxyAttachment | None = None  # attached to the Biên bản when given

    @property
    def today(self) -> dt.date:
        return self.made_on or dt.date.today()

    @property
    def movement(self) -> str:
        """'phong trào thi đua “Người dân Phụng Hiệp nộp dịch vụ công trực tuyến” năm 2023'."""
        return f"phong trào thi đua “{self.campaign_name}” năm\u00a0{self.year}"

    def profile(self, code: str) -> UnitProfile:
        return self.profiles.get(code) or UnitProfile(code=code)

    def unit_name(self, code: str) -> str:
        if code in self.ranking:
            return self.ranking.result(code).unit.name
        for nomination in self.nominations:
            if nomination.unit_code == code and nomination.unit_name:
                return nomination.unit_name
        return code

    def unit_kind(self, code: str) -> UnitKind | None:
        return self.ranking.result(code).unit.kind if code in self.ranking else None

    def nomination_counts(self) -> dict[str, int]:
        return dict(Counter(n.unit_code for n in self.nominations))

    def quotas(self) -> QuotaReport:
        return quota_report(self.ranking, self.nomination_counts())

    def nominations_in_order(self) -> list[Nomination]:
        """Commune-level nominations by their unit's position, then district agencies, then others."""
        position = {r.unit.code: i for i, r in enumerate(self.ranking.ordered)}
        order = {r.unit.code: i for i, r in enumerate(self.ranking.results)}
        big = len(order) + 1

        def key(item: tuple[int, Nomination]) -> tuple[int, int, int]:
            index, n = item
            if n.unit_code in position:
                return (0, position[n.unit_code], index)
            return (1, order.get(n.unit_code, big), index)

        return [n for _, n in sorted(enumerate(self.nominations), key=key)]

    def awarded_units(self) -> tuple[UnitResult, ...]:
        return self.ranking.awarded

    def award_keys(self) -> list[tuple[str, str]]:
        """Every award in the order of the documents (collectives by rank, then individuals), as
        (key, recipient): the key of its sổ vàng number ("unit:31396", "person:12")."""
        out = [(unit_award_key(r.unit.code), collective_name(r)) for r in self.awarded_units()]
        for index, n in enumerate(self.nominations_in_order()):
            out.append((person_award_key(n, index), n.full_name))
        return out

    def register_number(self, key: str) -> int | None:
        return self.register.get(key)

    def normalised(self) -> AwardDossier:
        """The same dossier with every string NFC-normalised (settings, profiles, nominations)."""
        return replace(
            self,
            campaign_name=nfc(self.campaign_name),
            settings=_nfc_dataclass(self.settings),
            profiles={nfc(k): _nfc_dataclass(v) for k, v in self.profiles.items()},
            nominations=tuple(_nfc_dataclass(n) for n in self.nominations),
            period_name=nfc(self.period_name),
        )


def unit_award_key(code: str) -> str:
    return f"unit:{code}"


def person_award_key(nomination: Nomination, index: int) -> str:
    """'person:<id>' (stored nominations), or 'person:#<place in the documents>'."""
    return f"person:{nomination.id}" if nomination.id is not None else f"person:#{index}"


def collective_name(result: UnitResult) -> str:
    """A collective as an award names it: 'Ủy ban nhân dân thị trấn Cây Dương', 'Phòng Nội vụ'."""
    unit = result.unit
    if unit.kind in (UnitKind.XA, UnitKind.THI_TRAN):
        return f"Ủy ban nhân dân {unit.name[:1].lower()}{unit.name[1:]}"
    return unit.name


class CampaignRecord(Protocol):
    """What the dossier needs of a campaign (``app.services.records.CampaignInfo`` fits)."""

    @property
    def name(self) -> str: ...
    @property
    def year(self) -> int: ...
    @property
    def plan_number(self) -> str: ...
    @property
    def plan_date(self) -> dt.date | None: ...


class PeriodRecord(Protocol):
    """``app.services.records.PeriodInfo`` fits."""

    @property
    def name(self) -> str: ...
    @property
    def start_date(self) -> dt.date: ...
    @property
    def end_date(self) -> dt.date: ...


class UnitRecord(Protocol):
    """``app.services.records.UnitInfo`` fits."""

    @property
    def code(self) -> str: ...
    @property
    def address(self) -> str: ...
    @property
    def phone(self) -> str: ...
    @property
    def head_name(self) -> str: ...
    @property
    def head_title(self) -> str: ...
    @property
    def profile_text(self) -> str: ...
    @property
    def achievement_text(self) -> str: ...
    @property
    def past_awards_text(self) -> str: ...


class NominationRecord(Protocol):
    """``app.services.records.NominationInfo`` fits."""

    @property
    def unit_code(self) -> str: ...
    @property
    def unit_name(self) -> str: ...
    @property
    def full_name(self) -> str: ...
    @property
    def position(self) -> str: ...
    @property
    def achievement_summary(self) -> str: ...
    @property
    def birth_date(self) -> dt.date | None: ...
    @property
    def gender(self) -> str | None: ...
    @property
    def achievement_text(self) -> str: ...
    @property
    def past_awards_text(self) -> str: ...


def dossier_from_records(
    campaign: CampaignRecord,
    period: PeriodRecord,
    settings: DocumentSettings,
    ranking: Ranking,
    units: Iterable[UnitRecord],
    nominations: Iterable[NominationRecord],
    *,
    made_on: dt.date | None = None,
    register: Mapping[str, int] | None = None,
) -> AwardDossier:
    """A dossier from the storage layer's plain records (no database access here).

    The campaign's name may be stored with its quotes or as the whole movement's title; only the
    text inside “…” is kept when present.
    """
    name = campaign.name
    if "“" in name and "”" in name:
        name = name.split("“", 1)[1].split("”", 1)[0]
    profiles = {
        u.code: UnitProfile(
            code=u.code,
            address=u.address,
            phone=u.phone,
            head_name=u.head_name,
            head_title=u.head_title,
            profile_text=u.profile_text,
            achievement_text=u.achievement_text,
            past_awards_text=u.past_awards_text,
        )
        for u in units
    }
    people = tuple(
        Nomination(
            full_name=n.full_name,
            position=n.position,
            unit_code=n.unit_code,
            unit_name=n.unit_name,
            achievement_summary=n.achievement_summary,
            birth_date=n.birth_date,
            gender=n.gender or "",
            achievement_text=n.achievement_text,
            past_awards_text=n.past_awards_text,
            id=getattr(n, "id", None),
        )
        for n in nominations
    )
    return AwardDossier(
        campaign_name=name,
        year=campaign.year,
        settings=settings,
        plan_number=campaign.plan_number or "…/KH-UBND",
        plan_date=campaign.plan_date,
        ranking=ranking,
        profiles=profiles,
        nominations=people,
        period_name=period.name,
        period_start=period.start_date,
        period_end=period.end_date,
        made_on=made_on,
        register=dict(register or {}),
    )


class DossierNotReadyError(UserError, ValueError):
    """The award documents cannot be made yet; ``problems`` names every unit concerned."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(
            "Chưa lập được hồ sơ khen thưởng:\n" + "\n".join(f"- {p}" for p in problems)
        )
        self.problems = problems


def dossier_problems(dossier: AwardDossier) -> list[str]:
    """Why the award documents cannot be made (Vietnamese), empty when they can."""
    ranking = dossier.ranking
    problems: list[str] = []
    names = {r.unit.code: r.unit.name for r in ranking.results}
    for group in ranking.tie_groups:
        if group.pending:
            units = ", ".join(names.get(c, c) for c in group.codes)
            problems.append(
                f"Đồng hạng {group.rank} chưa phân định giữa {units} ({group.reason}): chưa xác "
                "định được hạng giải; Hội đồng cần phân định thứ tự và ghi lý do."
            )
    problems.extend(dossier.quotas().problems())
    unknown = sorted({n.unit_code for n in dossier.nominations if n.unit_code not in ranking})
    for code in unknown:
        people = ", ".join(n.full_name for n in dossier.nominations if n.unit_code == code)
        problems.append(f"Đơn vị «{code}» của cá nhân được đề nghị ({people}) không có trong kỳ.")
    return problems


def check_ready(dossier: AwardDossier) -> None:
    """Raise DossierNotReadyError while a tier is pending, a unit is over quota, or a unit unknown."""
    problems = dossier_problems(dossier)
    if problems:
        raise DossierNotReadyError(problems)


_T = TypeVar("_T")


def _nfc_value(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, tuple):
        return tuple(_nfc_value(v) for v in value)
    if isinstance(value, Signer):
        return _nfc_dataclass(value)
    return value


def _nfc_dataclass(obj: _T) -> _T:
    changes = {f.name: _nfc_value(getattr(obj, f.name)) for f in fields(obj)}  # type: ignore[arg-type]
    return replace(obj, **changes)  # type: ignore[type-var]

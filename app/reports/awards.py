"""The awards of a dossier as the decision documents list them (one source for the Quyết định's
list, the Giấy khen and the payment list): who, what award, how much, which số sổ vàng."""

from __future__ import annotations

from dataclasses import dataclass

from app.reports.dossier import AwardDossier, collective_name, person_award_key, unit_award_key
from app.reports.parts import tier_text


@dataclass(frozen=True, slots=True)
class AwardLine:
    key: str  # the sổ vàng key: "unit:31396", "person:12"
    collective: bool
    name: str  # as the award names it: "Ủy ban nhân dân thị trấn Cây Dương", "Nguyễn Văn A"
    short_name: str  # "Thị trấn Cây Dương" for a collective, the name for a person
    detail: str  # a person's position and unit ("" for a collective)
    tier: str  # "Nhất" ("" for a person)
    prize_vnd: int
    register: int | None  # số sổ vàng, None while not given
    gender: str = ""  # a person's "Nam" / "Nữ"

    @property
    def award(self) -> str:
        """'Giấy khen, giải Nhất' / 'Giấy khen'."""
        return f"Giấy khen, giải {self.tier}" if self.tier else "Giấy khen"


def award_lines(dossier: AwardDossier) -> list[AwardLine]:
    """Collectives by rank, then individuals in the documents' order."""
    out: list[AwardLine] = []
    for result in dossier.awarded_units():
        key = unit_award_key(result.unit.code)
        out.append(
            AwardLine(
                key=key,
                collective=True,
                name=collective_name(result),
                short_name=result.unit.name,
                detail="",
                tier=tier_text(result, dossier),
                prize_vnd=result.prize_vnd,
                register=dossier.register_number(key),
            )
        )
    prize = max(dossier.settings.individual_prize_vnd, 0)
    for index, nomination in enumerate(dossier.nominations_in_order()):
        key = person_award_key(nomination, index)
        out.append(
            AwardLine(
                key=key,
                collective=False,
                name=nomination.full_name,
                short_name=nomination.full_name,
                detail=f"{nomination.position}, {nomination.unit_name}",
                tier="",
                prize_vnd=prize,
                register=dossier.register_number(key),
                gender=nomination.gender,
            )
        )
    return out


def register_text(line: AwardLine) -> str:
    return str(line.register) if line.register is not None else ""


def total_prize(lines: list[AwardLine]) -> int:
    return sum(line.prize_vnd for line in lines)

"""The scoring core: pure Python, exact arithmetic, rules as data (RULES.md sections 2–6).

No Qt, no SQLAlchemy, no file I/O: every other part of the program calls this package, and it
calls nothing of theirs.
"""

from app.scoring.engine import (
    PENDING,
    CriterionScore,
    Ranking,
    SettlementError,
    TieGroup,
    TieSettlement,
    UnitResult,
    rank_units,
    score_unit,
)
from app.scoring.explain import explain, flag_label, tier_label
from app.scoring.figures import (
    FIELD_LABELS,
    FIGURE_FIELDS,
    FIGURES,
    Figure,
    Problem,
    ProblemList,
    UnitFigures,
    UnitKind,
)
from app.scoring.quotas import QuotaReport, UnitQuota, quota_report
from app.scoring.rules import RuleSet, RuleSetError, Tier, parse_rules, rules_to_data
from app.scoring.validation import validate_figures, validate_units
from app.scoring.whatif import WhatItTakes, what_it_takes

__all__ = [
    "FIELD_LABELS",
    "FIGURES",
    "FIGURE_FIELDS",
    "PENDING",
    "CriterionScore",
    "Figure",
    "Problem",
    "ProblemList",
    "QuotaReport",
    "Ranking",
    "RuleSet",
    "RuleSetError",
    "SettlementError",
    "TieGroup",
    "TieSettlement",
    "Tier",
    "UnitFigures",
    "UnitKind",
    "UnitQuota",
    "UnitResult",
    "WhatItTakes",
    "explain",
    "flag_label",
    "parse_rules",
    "quota_report",
    "rank_units",
    "rules_to_data",
    "score_unit",
    "tier_label",
    "validate_figures",
    "validate_units",
    "what_it_takes",
]

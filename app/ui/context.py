"""The window's handle on the data: the open database, the campaign, the chosen period and its
ranking, and who uses the program (the mode). Pages call the services with ``context.db`` and
``context.period``, then ``refresh()``; every page listens to ``changed`` and redraws from
``context.ranking``, and to ``mode_changed`` to show what the mode lets it show.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from app.scoring import Ranking
from app.services import campaigns, concurrency, ranking
from app.services.errors import ServiceError
from app.services.records import CampaignInfo, PeriodInfo
from app.services.setup import Database

log = logging.getLogger("thidua.ui")

DISTRICT_LABEL = "Phòng Văn hóa và Thông tin (cấp huyện)"


@dataclass(frozen=True, slots=True)
class Mode:
    """Who uses the program: the district office (``unit_code`` None: every unit, every page) or
    the clerk of one commune/town (only its own unit; see ``app.ui.mode``)."""

    unit_code: str | None = None
    unit_name: str = ""

    @property
    def is_district(self) -> bool:
        return self.unit_code is None

    @property
    def label(self) -> str:
        if self.unit_code is None:
            return DISTRICT_LABEL
        return f"{self.unit_name} ({self.unit_code})" if self.unit_name else self.unit_code

    def shows(self, unit_code: str) -> bool:
        """Whether the unit's rows are shown in this mode."""
        return self.unit_code is None or unit_code == self.unit_code


DISTRICT = Mode()


class AppContext(QObject):
    """Holds the database handle, the current period and the mode; recomputes the ranking on
    demand."""

    changed = Signal()  # figures, units, nominations or settlements changed: redraw
    period_changed = Signal()  # another period was chosen (emitted before ``changed``)
    mode_changed = Signal(object)  # the Mode now in force (emitted before ``changed``)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.campaign: CampaignInfo = campaigns.current_campaign(db)
        self.periods: list[PeriodInfo] = campaigns.list_periods(db, self.campaign.id)
        self.period: PeriodInfo = self._default_period()
        self.mode: Mode = DISTRICT
        self._rankings: dict[int, Ranking] = {}
        self._versions: dict[int, dict[str, int]] = {}  # period → unit code → figures version
        self.last_recalc_ms = 0.0
        self.last_change_seen = concurrency.last_change(db) if db.server else 0

    def _default_period(self) -> PeriodInfo:
        try:
            return campaigns.find_period(self.db, campaign_id=self.campaign.id)
        except ServiceError:
            if not self.periods:
                raise
            return self.periods[-1]

    @property
    def ranking(self) -> Ranking:
        """The ranking of the current period (computed once per change)."""
        cached = self._rankings.get(self.period.id)
        if cached is None:
            # the versions first: an edit is then never made on figures newer than its version
            self._versions[self.period.id] = concurrency.figure_versions(self.db, self.period.id)
            started = time.perf_counter()
            cached = ranking.rank_period(self.db, self.period.id)
            self.last_recalc_ms = (time.perf_counter() - started) * 1000
            self._rankings[self.period.id] = cached
        return cached

    @property
    def figure_versions(self) -> dict[str, int]:
        """Unit code → version of the figures shown (what an edit of them is made on)."""
        _ = self.ranking
        return self._versions.get(self.period.id, {})

    def period_rankings(self) -> list[tuple[PeriodInfo, Ranking]]:
        """Every period of the campaign with its ranking, by end date (for progress charts)."""
        out = []
        for period in sorted(self.periods, key=lambda p: (p.end_date, p.start_date, p.id)):
            found = self._rankings.get(period.id)
            if found is None:
                found = ranking.rank_period(self.db, period.id)
                self._rankings[period.id] = found
            out.append((period, found))
        return out

    def refresh(
        self, ranking: Ranking | None = None, versions: dict[str, int] | None = None
    ) -> None:
        """The current period's data changed: take ``ranking`` and ``versions`` (computed by the
        service that saved the change) or read them again, and tell every page."""
        if ranking is None:
            self._rankings.pop(self.period.id, None)
            _ = self.ranking
        else:
            self._rankings[self.period.id] = ranking
            if versions is None:
                versions = concurrency.figure_versions(self.db, self.period.id)
            self._versions[self.period.id] = versions
        if self.db.server:
            self.last_change_seen = concurrency.last_change(self.db)
        self.changed.emit()

    def poll_changes(self) -> bool:
        """On a server: whether another officer changed the data since it was last read; if so
        read it again and tell every page."""
        if not self.db.server:
            return False
        latest = concurrency.last_change(self.db)
        if latest == self.last_change_seen:
            return False
        log.info("Dữ liệu trên máy chủ vừa được thay đổi: đọc lại")
        self.last_change_seen = latest
        self._rankings.clear()
        self._versions.clear()
        _ = self.ranking
        self.changed.emit()
        return True

    def reload_periods(self) -> None:
        self.periods = campaigns.list_periods(self.db, self.campaign.id)
        self._rankings.clear()
        self._versions.clear()

    def set_period(self, period_id: int) -> None:
        if period_id == self.period.id:
            return
        self.period = next(p for p in self.periods if p.id == period_id)
        log.info("Chọn kỳ số liệu %s", self.period.name)
        _ = self.ranking
        self.period_changed.emit()
        self.changed.emit()

    def set_mode(self, mode: Mode) -> None:
        """Use the program in ``mode``: every page shows what the mode lets it show, then redraws."""
        self.mode = mode
        log.info("Áp dụng chế độ: %s", mode.label)
        self.mode_changed.emit(mode)
        self.changed.emit()

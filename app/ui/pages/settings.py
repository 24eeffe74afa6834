"""Cài đặt: campaign, periods, rule set, document settings, backup and restore, the audit log,
the mode of use and the keys signing commune packages — one tab each (modules ``settings_*``). In commune mode the district's tabs
(campaign, rule set, document settings) are hidden."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from app.services.setup import Database
from app.ui.context import AppContext, Mode
from app.ui.pages.base import Page
from app.ui.pages.settings_audit import AuditTab
from app.ui.pages.settings_backup import BackupTab
from app.ui.pages.settings_base import SettingsTab
from app.ui.pages.settings_campaign import CampaignTab, PeriodsTab
from app.ui.pages.settings_documents import DocumentSettingsTab
from app.ui.pages.settings_keys import KeysTab
from app.ui.pages.settings_mode import ModeTab
from app.ui.pages.settings_rules import RulesTab

# Tabs that show data other actions change (redrawn after every change); the forms are read again
# only when first shown or when the database was replaced (restore), so typed, unsaved values stay.
LIVE_TABS: tuple[type[SettingsTab], ...] = (PeriodsTab, BackupTab, AuditTab, KeysTab)


class SettingsPage(Page):
    SLUG = "cai-dat"
    TITLE = "Cài đặt"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.campaign_tab = CampaignTab(context)
        self.periods_tab = PeriodsTab(context)
        self.rules_tab = RulesTab(context)
        self.documents_tab = DocumentSettingsTab(context)
        self.backup_tab = BackupTab(context)
        self.audit_tab = AuditTab(context)
        self.mode_tab = ModeTab(context)
        self.keys_tab = KeysTab(context)
        self.tab_list: list[SettingsTab] = [
            self.campaign_tab,
            self.periods_tab,
            self.rules_tab,
            self.documents_tab,
            self.backup_tab,
            self.audit_tab,
            self.mode_tab,
            self.keys_tab,
        ]
        self.district_tabs: tuple[SettingsTab, ...] = (
            self.campaign_tab,
            self.rules_tab,
            self.documents_tab,
        )
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for number, tab in enumerate(self.tab_list, start=1):
            self.tabs.addTab(tab, f"&{number} {tab.TITLE}")
        self.body.addWidget(self.tabs, 1)
        self.stale_tabs: set[SettingsTab] = set(self.tab_list)
        self.db_seen: Database = context.db
        self.tabs.currentChanged.connect(lambda _index: self._refresh_current())
        self.stale = True  # read when first shown

    def first_focus(self) -> QWidget:
        return self.tabs.tabBar()

    def apply_mode(self, mode: Mode) -> None:
        """The district's tabs are hidden in commune mode; the Alt+digit numbers stay in order."""
        for tab in self.district_tabs:
            self.tabs.setTabVisible(self.tabs.indexOf(tab), mode.is_district)
        number = 0
        for tab in self.tab_list:
            index = self.tabs.indexOf(tab)
            if self.tabs.isTabVisible(index):
                number += 1
                self.tabs.setTabText(index, f"&{number} {tab.TITLE}")
        self.mode_tab.show_mode(mode)
        self.keys_tab.show_mode(mode)
        self.stale_tabs.add(self.keys_tab)

    def refresh(self) -> None:
        replaced = self.context.db is not self.db_seen
        self.db_seen = self.context.db
        for tab in self.tab_list:
            if replaced or isinstance(tab, LIVE_TABS):
                self.stale_tabs.add(tab)
        self._refresh_current()

    def _refresh_current(self) -> None:
        tab = self.tabs.currentWidget()
        if isinstance(tab, SettingsTab) and tab in self.stale_tabs:
            self.stale_tabs.discard(tab)
            tab.refresh()

    def show_tab(self, tab: SettingsTab) -> SettingsTab:
        """Bring ``tab`` forward (read if stale); for keyboard users and tests."""
        self.tabs.setCurrentWidget(tab)
        self._refresh_current()
        return tab

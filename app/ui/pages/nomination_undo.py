"""Deleting several nominations at once on the Khen thưởng page, undoable: one undo command per
deletion (Hoàn tác / Ctrl+Z puts the people back with their ids, so they return to their places;
Làm lại / Ctrl+Y deletes them again)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from app.services import nomination_bulk
from app.services.nomination_bulk import DeletedNominations
from app.services.records import NominationInfo
from app.services.setup import Database
from app.ui.errors import attempt


class DeleteNominationsCommand(QUndoCommand):
    """A deletion already made (pushed after it succeeded); undo restores, redo deletes again."""

    def __init__(
        self,
        parent_widget: QWidget,
        deleted: DeletedNominations,
        db: Database,
        changed: Callable[[], None],
    ) -> None:
        super().__init__(f"xóa {deleted.summary()}")
        self.widget = parent_widget
        self.deleted = deleted
        self.db = db
        self.changed = changed
        self._done = True  # pushed after deleting: the stack's first redo() must not delete
        self.restored: list[NominationInfo] = []

    def undo(self) -> None:
        done, restored = attempt(
            self.widget, lambda: nomination_bulk.restore_nominations(self.db, self.deleted)
        )
        if done and restored is not None:
            self.restored = restored
        self.changed()

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        ids = [n.id for n in self.restored] or list(self.deleted.ids)
        done, deleted = attempt(
            self.widget, lambda: nomination_bulk.delete_nominations(self.db, ids)
        )
        if done and deleted is not None:
            self.deleted = deleted
        self.changed()

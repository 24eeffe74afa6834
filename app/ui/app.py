"""Starting the window."""

from __future__ import annotations

import argparse
import sys


def run_gui(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow  # noqa: PLC0415

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Thi đua DVCTT")
    window.setCentralWidget(QLabel("Thi đua DVCTT — chương trình đang được xây dựng."))
    window.resize(1100, 700)
    window.show()
    return int(app.exec())

"""Reusable widgets: charts drawn with QPainter, the spreadsheet-like table view."""

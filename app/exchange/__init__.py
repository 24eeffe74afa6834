"""File formats: reading and writing .csv and .xlsx (DATA-FORMAT.md). No database access here."""

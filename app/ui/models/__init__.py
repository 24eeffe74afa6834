"""Qt table models fed plain records and rankings; testable without any widget."""

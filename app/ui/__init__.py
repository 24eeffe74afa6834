"""The Qt desktop program: views, table models and dialogs. Thin: no rules, no SQL."""

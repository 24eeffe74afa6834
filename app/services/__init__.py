"""Use cases combining the database and the rules. Each public function is one user action (one
transaction) and returns plain frozen records, never ORM objects or sessions.

- ``setup.open_storage(path)``: open or create (and seed) the database.
- ``campaigns``: campaigns, periods, rule set, document settings.
- ``units``: the unit register and profiles.
- ``figures``: figures typed in or imported (all-or-nothing, backed up first).
- ``ranking``: ``rank_period``, tie settlements.
- ``nominations``: nominations within quotas.
- ``audit``: the log of changes. ``backups``: backup and restore.
"""

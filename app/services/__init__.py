"""Use cases combining the database and the rules. Each public function is one user action and
returns plain frozen records, never ORM objects or sessions.

A user action writes all or nothing: everything it changes is written in one transaction, so a
refusal, a failure or «Hủy» leaves the data as it was. Reading and checking may take transactions
of their own before it (``packages.preview_package`` reads the package once and checks it against
the stored figures, keys and last package, tries its nominations in a nested transaction that is
rolled back; ``packages.import_package`` makes a backup, then writes exactly that preview's figures
and nominations together in one transaction).

- ``setup.open_storage(path)``: open or create (and seed) the database.
- ``campaigns``: campaigns, periods, rule set, document settings (``document_settings``: their
  labels and checks).
- ``units``: the unit register and profiles; ``commune``: what a commune's clerk imports.
- ``figures``: figures typed in or imported (all-or-nothing, backed up first).
- ``ranking``: ``rank_period``, tie settlements.
- ``nominations``: nominations within quotas.
- ``packages`` (checks in ``package_checks``), ``package_keys``: signed commune packages and the
  keys that sign them.
- ``imports`` / ``exports``: the file formats in and out; ``dossiers`` and ``dossier_columns``:
  portal dossier exports; ``import_reports``: what an import did, for the terminal and the window.
- ``documents``: the award documents (kinds, readiness, making them).
- ``audit``: the log of changes. ``backups``: checked automatic backups (graded history) and
  backup to a file; ``restore``: verified restore; ``outputs``: the check every writer makes.
"""

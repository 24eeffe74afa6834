"""``main.py [--db PATH] report KIND [--period NAME] --out DIR``: the award documents as PDFs."""

from __future__ import annotations

import argparse

from app.commands.common import guard, open_db


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from app.reports.command import DESCRIPTION, HELP, add_arguments  # noqa: PLC0415

    parser = commands.add_parser("report", help=HELP, description=DESCRIPTION)
    add_arguments(parser)
    parser.set_defaults(handler=guard(run))


def run(args: argparse.Namespace) -> int:
    from app.reports import command  # noqa: PLC0415
    from app.services import campaigns, documents  # noqa: PLC0415

    with open_db(args) as db:
        return command.run(
            args,
            lambda name: documents.award_dossier(db, campaigns.find_period(db, name).id),
        )

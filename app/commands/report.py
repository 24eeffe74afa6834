"""``main.py [--db PATH] report KIND [--period NAME] --out DIR [--format pdf|docx|both]``: the
award documents, made by the same service as the Văn bản page (``app.services.documents``); every
reason they cannot be made yet is printed and the status is 2."""

from __future__ import annotations

import argparse

from app.commands.common import EXIT_OK, guard, open_db


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from app.reports.command import DESCRIPTION, HELP, add_arguments  # noqa: PLC0415

    parser = commands.add_parser("report", help=HELP, description=DESCRIPTION)
    add_arguments(parser)
    parser.set_defaults(handler=guard(run))


def run(args: argparse.Namespace) -> int:
    from app.services import campaigns, documents  # noqa: PLC0415

    with open_db(args) as db:
        period = campaigns.find_period(db, args.period)
        for path in documents.build_documents(
            db,
            period.id,
            [args.kind],
            args.out,
            formats=args.format,
            reassign_register=args.reassign_register,
        ):
            print(path)
    return EXIT_OK

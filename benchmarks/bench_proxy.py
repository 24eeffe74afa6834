"""Benchmark of the evidence of filing on citizens' behalf (issue 14) over stored dossiers.

    .venv/bin/python benchmarks/bench_proxy.py [--rows 1000000] [--repeat 5] [--dir DIR]

Makes a database (kept in DIR, default a temporary folder, reused when it exists) holding ``rows``
dossiers of one period, spread over the 15 communes: most filed by citizens' own accounts, a few
busy accounts filing for many owners, 5 % authorised, owners keyed by their hash, 40 procedures,
120 days; registers a few official accounts. Then prints the median of ``repeat`` runs of:

- the analysis (``app.services.proxy.period_evidence``): target < 2 s for 1,000,000 dossiers;
- the ordinary ranking (``rank_period``, default rule set: it does not read the dossiers);
- the ranking with the proxy tie-break (it runs the analysis);
- the recount after an import (``dossiers._recount``), with the new index in place.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.models import Database  # noqa: E402
from app.scoring.proxy import PROXY_TIE_BREAK  # noqa: E402
from app.services import campaigns, ranking  # noqa: E402
from app.services.official_accounts import add_official_account  # noqa: E402
from app.services.proxy import period_evidence  # noqa: E402
from app.services.setup import open_storage  # noqa: E402

INSERT = (
    "INSERT INTO dossier (period_id, code, unit_id, online, account, received_on, owner, "
    "owner_key, authorised, procedure, officer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def fill(db: Database, rows: int, seed: int = 14) -> None:
    rng = random.Random(seed)
    period = campaigns.find_period(db)
    with db.transaction() as session:
        connection = session.connection().connection.driver_connection
        assert connection is not None
        units = [
            (uid, code)
            for uid, code, kind in connection.execute("SELECT id, code, kind FROM unit")
            if kind in ("xa", "thi_tran")
        ]
        procedures = [f"Thủ tục hành chính số {i} cấp xã" for i in range(40)]
        days = [
            period.start_date.fromordinal(period.start_date.toordinal() + d) for d in range(120)
        ]
        day_text = [d.isoformat() for d in days]
        batch = []
        for i in range(rows):
            unit_id, code = units[i % len(units)]
            online = rng.random() < 0.8
            if online and rng.random() < 0.1:  # a busy account of the unit filing for others
                account = f"motcua.{code}.{rng.randrange(3)}"
                owner = rng.randrange(rows)
            else:
                owner = rng.randrange(rows // 2)
                account = f"0{owner:09d}" if online else None
            batch.append(
                (
                    period.id,
                    f"H{i:010d}",
                    unit_id,
                    int(online),
                    account,
                    day_text[rng.randrange(120)],
                    f"Chủ hồ sơ {owner}",
                    int.from_bytes(
                        hashlib.sha256(owner.to_bytes(8, "little")).digest()[:8], "big", signed=True
                    ),
                    int(rng.random() < 0.05),
                    procedures[rng.randrange(40)],
                    "Cán bộ một cửa",
                )
            )
            if len(batch) >= 100_000:
                connection.executemany(INSERT, batch)
                batch.clear()
        if batch:
            connection.executemany(INSERT, batch)
    for _, code in units[:3]:
        add_official_account(db, code, f"motcua.{code}.0")


CPU: list[float] = []  # the process time of the last measurement (the machine may be shared)


def median(action: Callable[[], object], repeat: int) -> float:
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    CPU[:] = [statistics.median(cpu)]
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dir", type=Path)
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="bench-proxy-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"proxy-{args.rows}.db"
    fresh = not path.exists()
    db = open_storage(path, daily=False)
    try:
        if fresh:
            start = time.perf_counter()
            fill(db, args.rows)
            print(f"filled {args.rows:,} dossiers in {time.perf_counter() - start:.1f} s")
        period_id = campaigns.find_period(db).id
        campaign = campaigns.current_campaign(db).id
        rules = dataclasses.replace(
            campaigns.campaign_rules(db, campaign), tie_break="fewer_dossiers_per_account"
        )
        campaigns.set_campaign_rules(db, campaign, rules)  # a run stopped half-way left the other
        evidence = period_evidence(db, period_id)
        flagged = sum(len(u.evidence.flagged) for u in evidence.units)
        print(f"units {len(evidence.units)}, marked accounts {flagged}")
        analysis = median(lambda: period_evidence(db, period_id), args.repeat)
        analysis_cpu = CPU[0]
        ordinary = median(lambda: ranking.rank_period(db, period_id), args.repeat)
        campaigns.set_campaign_rules(
            db, campaign, dataclasses.replace(rules, tie_break=PROXY_TIE_BREAK)
        )
        try:
            with_proxy = median(lambda: ranking.rank_period(db, period_id), args.repeat)
            with_proxy_cpu = CPU[0]
        finally:
            campaigns.set_campaign_rules(db, campaign, rules)
        from app.services.dossiers import _recount

        def recount() -> None:
            with db.transaction() as session:
                _recount(session, period_id)

        recounted = median(recount, args.repeat)
        recount_cpu = CPU[0]
        print(
            f"analysis (period_evidence), median of {args.repeat}: {analysis:.3f} s "
            f"(CPU {analysis_cpu:.3f} s; target < 2 s)"
        )
        print(f"ordinary ranking (default rules): {ordinary * 1000:.1f} ms")
        print(f"ranking with the proxy tie-break: {with_proxy:.3f} s (CPU {with_proxy_cpu:.3f} s)")
        print(f"recount after an import: {recounted:.3f} s (CPU {recount_cpu:.3f} s)")
    finally:
        db.close()


if __name__ == "__main__":
    main()

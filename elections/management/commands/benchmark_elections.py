"""Benchmark: candidate information at national scale, on PostgreSQL.

    DATABASE_URL=postgres://… manage.py benchmark_elections   (make bench-elections)

Creates a scratch database beside DATABASE_URL's (``<name>_bench``, dropped at the end),
migrates it, seeds 34 provinces, 3,321 wards, ≈11,000 units and 200,000 candidates with
bulk_create, then times, in one process through Django's full request stack (middleware,
Wagtail routing, templates; nothing cached):

- the reference: ``/healthz`` (one query), the bare cost of a request,
- the unit page and the candidate page (targets: p95 ≤ 50 ms),
- "my ballots" for a ward, a unit's Popolo export,
- importing 10,000 candidates from a CSV file (target ≤ 60 s), with a progress bar.

Prints one table (ARCHITECTURE.md §8).
"""

from __future__ import annotations

import os
import random
import time

from django.core.management.base import BaseCommand, CommandError

from core.benchmark import run_in_scratch_database


class Command(BaseCommand):
    help = "Benchmark candidate pages and the list import with 200,000 candidates (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--candidates", type=int, default=200_000)
        parser.add_argument("--requests", type=int, default=300, help="requests per page type")
        parser.add_argument("--import-rows", type=int, default=10_000)
        parser.add_argument("--inner", action="store_true", help="internal: run in the scratch DB")

    def handle(self, *args, **options):
        if options["inner"]:
            return self._inner(options)
        return self._outer(options)

    def _outer(self, options) -> None:
        argv = []
        for name in ("candidates", "requests", "import_rows"):
            argv += [f"--{name.replace('_', '-')}", str(options[name])]
        run_in_scratch_database("benchmark_elections", argv, suffix="bench", redis=False)

    def _inner(self, options) -> None:
        from django.core.management import call_command
        from django.test import Client

        from elections import benchmark, services
        from elections.choices import BallotLevel
        from elections.models import ElectoralUnit

        rng = random.Random(15032026)  # noqa: S311 - repeatable benchmark data
        self.stdout.write("Preparing: migrating the scratch database…")
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        seed = benchmark.seed(candidates=options["candidates"], rng=rng)
        seeding = time.perf_counter() - started
        units = ElectoralUnit.objects.filter(election=seed.election, live=True).count()
        self.stdout.write(
            f"Seeded {len(seed.candidate_ids):,} candidates in {units:,} units in {seeding:.0f} s."
        )

        client = Client(HTTP_HOST="localhost")
        page = seed.page
        n = options["requests"]
        base = page.url

        def sub(name, *args):
            return base + page.reverse_subpage(name, args=args)

        warm = [sub("unit", pk) for pk in rng.sample(seed.ward_unit_ids, 20)]
        benchmark.time_gets(client, warm + ["/healthz"] * 20, "warm-up", None)
        rows = [
            benchmark.time_gets(client, ["/healthz"] * n, "reference: /healthz (1 query)", None),
            benchmark.time_gets(
                client,
                [sub("unit", pk) for pk in rng.sample(seed.ward_unit_ids, n)],
                "unit page",
                50,
            ),
            benchmark.time_gets(
                client,
                [sub("candidate", pk) for pk in rng.sample(seed.candidate_ids, n)],
                "candidate page",
                50,
            ),
            benchmark.time_gets(
                client,
                [sub("my_ballots") + f"?ward={code}" for code in rng.sample(seed.ward_codes, n)],
                "my ballots (3 ballots)",
                None,
            ),
            benchmark.time_gets(
                client,
                [sub("unit_popolo", pk) for pk in rng.sample(seed.ward_unit_ids, min(n, 100))],
                "unit Popolo JSON",
                None,
            ),
        ]

        content = _import_csv(seed, options["import_rows"], rng)
        self.stdout.write(f"Importing {options['import_rows']:,} candidates from a CSV file…")
        started = time.perf_counter()
        report = services.candidates_import(
            election=seed.election,
            level=BallotLevel.WARD,
            province=seed.draft_province,
            content=content,
            file_name="benchmark.csv",
            source_document="Benchmark",
            progress=lambda done, total: benchmark._progress("import", done, total),
        )
        elapsed = time.perf_counter() - started
        if not report.is_valid:
            raise CommandError(
                f"import rejected: {report.file_error or report.error_rows[0].errors}"
            )
        import_row = benchmark.Timing(
            f"import {options['import_rows']:,} candidates (CSV)",
            [elapsed],
            None,
            items=options["import_rows"],
        )
        self._table(rows, import_row, benchmark.peak_memory_mb())

    def _table(self, rows, import_row, peak_mb) -> None:
        baseline = rows[0].p95
        header = (
            f"{'operation':<38} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'per s':>9} "
            f"{'×ref p95':>9} {'db p95':>7} {'queries':>7}  {'target':<12} result"
        )
        self.stdout.write("")
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for row in rows:
            target = f"p95 ≤ {row.target_p95_ms:g} ms" if row.target_p95_ms else "—"
            result = (
                "—"
                if not row.target_p95_ms
                else ("PASS" if row.p95 <= row.target_p95_ms else "FAIL")
            )
            self.stdout.write(
                f"{row.operation:<38} {len(row.samples):>5} {row.p50:>8.1f} {row.p95:>8.1f} "
                f"{row.throughput:>9.1f} {row.p95 / baseline:>9.1f} {row.db_p95:>7.1f} "
                f"{row.queries:>7}  {target:<12} {result}"
            )
        seconds = import_row.samples[0]
        result = "PASS" if seconds <= 60 else "FAIL"
        self.stdout.write(
            f"{import_row.operation:<38} {1:>5} {seconds * 1000:>8.0f} {seconds * 1000:>8.0f} "
            f"{import_row.throughput:>9.1f} {'—':>9} {'—':>7} {'—':>7}  {'≤ 60 s':<12} {result}"
        )
        self.stdout.write(f"\nPeak memory of the benchmark process: {peak_mb:.0f} MB")
        load = os.getloadavg()
        self.stdout.write(
            f"Load average during the run: {load[0]:.1f} (on {os.cpu_count()} CPUs). "
            "db p95: time waiting for PostgreSQL per request; the rest is Python and templates."
        )


def _import_csv(seed, rows: int, rng) -> bytes:
    from core.models import Ward
    from elections.benchmark import _name

    codes = list(
        Ward.objects.filter(province=seed.draft_province)
        .order_by("code")
        .values_list("code", flat=True)
    )
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Mã phường, xã", "Đơn vị bầu cử số", "Họ và tên", "Ngày sinh", "Giới tính"])
    for index in range(rows):
        # A distinct date of birth per row: no accidental duplicate in the file.
        born = f"{1 + index % 28:02d}/{1 + (index // 28) % 12:02d}/{1950 + (index // 336) % 50}"
        writer.writerow([codes[index % len(codes)], 4, _name(rng), born, "Nam"])
    return buffer.getvalue().encode()

"""Benchmark: Open311 ``GET requests`` pages at national scale, on PostgreSQL.

    DATABASE_URL=postgres://… REDIS_URL=redis://… manage.py benchmark_open311

In a scratch database (dropped at the end): loads the 34 provinces and 3,321 wards, seeds
1,000,000 petitions with benchmark_triage's seeder, then requests pages of 100 through
Django (URL routing, middleware, view, selector, JSON or XML rendering) on the busiest
council, and the same page as raw SQL for reference.

Target (issue 8): a page of 100 requests p95 ≤ 50 ms.
"""

from __future__ import annotations

import os
import time
from datetime import timedelta

from django.core.management.base import BaseCommand

from core.benchmark import INNER_HELP, measure, run_in_scratch_database

PAGE_SIZE = 100
TARGET_MS = 50


class Command(BaseCommand):
    help = "Benchmark Open311 request pages of 100 out of 1,000,000 petitions."

    def add_arguments(self, parser):
        parser.add_argument("--petitions", type=int, default=1_000_000)
        parser.add_argument("--repeat", type=int, default=200, help="timed runs per operation")
        parser.add_argument("--inner", action="store_true", help=INNER_HELP)

    def handle(self, *args, **options):
        if not options["inner"]:
            argv = ["--petitions", str(options["petitions"]), "--repeat", str(options["repeat"])]
            return run_in_scratch_database("benchmark_open311", argv, suffix="bench_open311")
        return self._inner(options)

    def _inner(self, options) -> None:
        from django.core.management import call_command
        from django.test import Client
        from django.utils import timezone

        from petitions.management.commands.benchmark_triage import _seed

        self.stdout.write("Preparing: migrating the scratch database and loading places…")
        call_command("migrate", verbosity=0)
        call_command("load_places", verbosity=0)
        started = time.perf_counter()
        _seed(options["petitions"])
        seeding = time.perf_counter() - started
        self.stdout.write(f"Seeded {options['petitions']:,} petitions in {seeding:.0f} s.")

        council, rows_in_council = _busiest_council()
        jurisdiction = _jurisdiction(council)
        client = Client()
        month_ago = (timezone.now() - timedelta(days=30)).isoformat()
        base = {"jurisdiction_id": jurisdiction, "page_size": PAGE_SIZE}
        operations = [
            ("page 1, one council, JSON", "json", base),
            ("page 1, one council, XML", "xml", base),
            ("page 1, one council, status=open", "json", {**base, "status": "open"}),
            ("page 1, one council, last 30 days", "json", {**base, "start_date": month_ago}),
            (
                "page 1, one council, one service",
                "json",
                {**base, "service_code": _busiest_topic(council)},
            ),
            ("page 20, one council (rows 1,901–2,000)", "json", {**base, "page": 20}),
            ("page 1, every council", "json", {"page_size": PAGE_SIZE}),
        ]
        repeat = options["repeat"]
        raw = measure(lambda _i: _raw_page(council.pk), repeat=repeat)
        results = []
        for label, fmt, params in operations:
            url = f"/open311/v2/requests.{fmt}"
            _get(client, url, params)  # fail early, before timing
            timing = measure(lambda _i, u=url, p=params: _get(client, u, p), repeat=repeat)
            results.append((label, timing))
        plan = _plan(council.pk)
        self._report(options, seeding, rows_in_council, raw, results, plan)

    def _report(self, options, seeding, rows_in_council, raw, results, plan) -> None:
        self.stdout.write("")
        self.stdout.write(
            f"PostgreSQL, {options['petitions']:,} petitions over 3,321 wards; busiest council "
            f"holds {rows_in_council:,}; pages of {PAGE_SIZE}; {os.cpu_count()} CPUs"
        )
        header = (
            f"{'operation (whole HTTP request through Django)':<46} {'runs':>5} "
            f"{'p50 ms':>7} {'p95 ms':>7} {'req/s':>7} {'ratio':>6}  target"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        self.stdout.write(
            f"{'reference: the page as raw SQL':<46} {raw.count:>5} {raw.median:>7.1f} "
            f"{raw.p95:>7.1f} {raw.throughput:>7.0f} {1:>6.2f}  —"
        )
        failures = 0
        for label, timing in results:
            ratio = timing.p95 / raw.p95 if raw.p95 else 0.0
            passed = timing.p95 <= TARGET_MS
            failures += not passed
            verdict = f"{'PASS' if passed else 'FAIL'} p95 ≤ {TARGET_MS} ms"
            self.stdout.write(
                f"{label:<46} {timing.count:>5} {timing.median:>7.1f} {timing.p95:>7.1f} "
                f"{timing.throughput:>7.0f} {ratio:>6.2f}  {verdict}"
            )
        self.stdout.write(f"{'seeding the petitions (s)':<46} {1:>5} {seeding:>7.0f}")
        self.stdout.write("")
        self.stdout.write("Plan of the page query (one council):")
        for line in plan:
            self.stdout.write(f"  {line}")
        self.stdout.write("")
        self.stdout.write(
            "PASS  every page p95 ≤ 50 ms"
            if not failures
            else f"FAIL  {failures} operation(s) above {TARGET_MS} ms"
        )


def _busiest_council():
    from django.db.models import Count

    from core.models import Council
    from petitions.models import Petition

    row = (
        Petition.objects.values("council_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("council_id", "n")
        .first()
    )
    return Council.objects.select_related("ward", "province").get(pk=row[0]), row[1]


def _busiest_topic(council) -> str:
    from django.db.models import Count

    from petitions.models import Petition

    return (
        Petition.objects.filter(council=council)
        .values("topic__slug")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("topic__slug", flat=True)
        .first()
    )


def _jurisdiction(council) -> str:
    from open311.selectors import jurisdiction_id

    return jurisdiction_id(council)


def _get(client, url: str, params: dict) -> None:
    response = client.get(url, params, HTTP_HOST="127.0.0.1")
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}: {response.content[:200]}")


RAW_PAGE = """
    SELECT p.id, p.tracking_code, p.status, p.status_changed_at, p.title, p.description,
           p.location, p.is_published, p.submitted_at, p.deadline, p.status_note, p.answer,
           t.slug, t.name, w.code, w.name, c.name, c.level,
           (SELECT e.created_at FROM petitions_petitionevent e
             WHERE e.petition_id = p.id AND e.is_public
             ORDER BY e.created_at DESC, e.id DESC LIMIT 1)
      FROM petitions_petition p
      JOIN petitions_topic t ON t.id = p.topic_id
      JOIN core_ward w ON w.id = p.ward_id
      JOIN core_council c ON c.id = p.council_id
     WHERE p.council_id = %s AND p.status <> 'unconfirmed'
     ORDER BY p.submitted_at DESC, p.id DESC
     LIMIT 100
"""


def _raw_page(council_id: int) -> list:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(RAW_PAGE, [council_id])
        return cursor.fetchall()


def _plan(council_id: int) -> list[str]:
    """EXPLAIN of the ORM's own page query: it must walk an index, not sort the council."""
    from django.db import connection

    from open311 import selectors

    council = selectors.Council.objects.get(pk=council_id)
    queryset = selectors.public_requests(council=council)[:PAGE_SIZE]
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return [row[0] for row in cursor.fetchall()]

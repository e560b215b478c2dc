"""Benchmark: the staff side at national scale, on PostgreSQL.

    DATABASE_URL=postgres://… REDIS_URL=redis://… manage.py benchmark_triage

In a scratch database (dropped at the end): loads the 34 provinces and 3,321 wards, seeds
1,000,000 petitions spread over every ward (routed by the competence matrix to the ward or
the province council, in every state), then measures on the busiest council:

1. the queue's first page (filtered by status, sorted by deadline, with the count the
   paginator needs), through the admin's own code path (scope selector + filter set +
   ordering + paginator), against the same two statements as raw SQL;
2. the whole queue page and the council dashboard as HTTP requests through Django;
3. a bulk status change of 500 petitions (audit events and notification outbox rows
   written, broker publishes queued after commit).

Targets (issue 4): seeding ≤ 5 min; queue first page p95 ≤ 30 ms and ≤ 2× raw SQL;
dashboard p95 ≤ 200 ms; bulk change of 500 ≤ 5 s.
"""

from __future__ import annotations

import os
import time

from django.core.management.base import BaseCommand

from core.benchmark import INNER_HELP, measure, run_in_scratch_database

QUEUE_STATUSES = ("received", "accepted", "in_progress")


class Command(BaseCommand):
    help = "Benchmark the triage queue, dashboard and bulk actions on 1,000,000 petitions."

    def add_arguments(self, parser):
        parser.add_argument("--petitions", type=int, default=1_000_000)
        parser.add_argument("--repeat", type=int, default=200, help="timed runs per query")
        parser.add_argument("--inner", action="store_true", help=INNER_HELP)

    def handle(self, *args, **options):
        if not options["inner"]:
            argv = ["--petitions", str(options["petitions"]), "--repeat", str(options["repeat"])]
            return run_in_scratch_database("benchmark_triage", argv, suffix="bench_triage")
        return self._inner(options)

    def _inner(self, options) -> None:
        from django.core.management import call_command

        self.stdout.write("Preparing: migrating the scratch database and loading places…")
        call_command("migrate", verbosity=0)
        call_command("load_places", verbosity=0)
        started = time.perf_counter()
        _seed(options["petitions"])
        seeding = time.perf_counter() - started
        self.stdout.write(f"Seeded {options['petitions']:,} petitions in {seeding:.0f} s.")

        council_id, staff = _busiest_council()
        repeat = options["repeat"]
        orm = measure(lambda _i: _queue_first_page(staff), repeat=repeat)
        raw = measure(lambda _i: _queue_first_page_raw(council_id), repeat=repeat)
        client = _client(staff)
        queue_page = measure(
            lambda _i: _get(client, "/admin/petitions/queue/", status=QUEUE_STATUSES),
            repeat=max(repeat // 4, 20),
        )
        dashboard = measure(
            lambda _i: _get(client, "/admin/petitions/statistics/"),
            repeat=max(repeat // 4, 20),
        )
        bulk = _bulk_change(staff, council_id)
        self._report(options, seeding, orm, raw, queue_page, dashboard, bulk, council_id)

    def _report(self, options, seeding, orm, raw, queue_page, dashboard, bulk, council_id):
        from petitions.models import Petition

        rows_in_council = Petition.objects.filter(council_id=council_id).count()
        ratio = orm.p95 / raw.p95 if raw.p95 else 0.0
        self.stdout.write("")
        self.stdout.write(
            f"PostgreSQL, {options['petitions']:,} petitions over 3,321 wards; busiest council "
            f"holds {rows_in_council:,}; {os.cpu_count()} CPUs"
        )
        header = f"{'operation':<52} {'runs':>6} {'p50 ms':>8} {'p95 ms':>8} {'ratio':>6}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for label, timing, share in (
            ("queue first page, raw SQL (reference)", raw, "1.00"),
            ("queue first page, admin code path (ORM)", orm, f"{ratio:.2f}"),
            ("queue page, whole admin HTTP response", queue_page, "—"),
            ("council dashboard, whole HTTP response", dashboard, "—"),
        ):
            self.stdout.write(
                f"{label:<52} {timing.count:>6} {timing.median:>8.1f} {timing.p95:>8.1f} {share:>6}"
            )
        bulk, moved = bulk
        label = f"bulk status change of {moved} petitions"
        self.stdout.write(f"{label:<52} {1:>6} {bulk * 1000:>8.0f}")
        self.stdout.write(f"{'seeding the petitions':<52} {1:>6} {seeding * 1000:>8.0f}")
        checks = [
            (f"seeding ≤ 5 min ({seeding:.0f} s)", seeding <= 300),
            (f"queue first page p95 ≤ 30 ms ({orm.p95:.1f} ms)", orm.p95 <= 30),
            (f"queue first page ≤ 2× raw SQL ({ratio:.2f}×)", ratio <= 2),
            (f"dashboard p95 ≤ 200 ms ({dashboard.p95:.0f} ms)", dashboard.p95 <= 200),
            (f"bulk change of {moved} (target: 500) ≤ 5 s ({bulk:.2f} s)", bulk <= 5),
        ]
        self.stdout.write("")
        for text, passed in checks:
            self.stdout.write(("PASS  " if passed else "FAIL  ") + text)


# --- seeding --------------------------------------------------------------------------


def _seed(count: int) -> None:
    """A million petitions in one INSERT … SELECT over generate_series, routed through a
    (ward, topic) → council table built from the competence matrix. Every 10th petition
    is answered or closed 1–3 years back, the rest spread over the open states."""
    from django.db import connection

    from core.choices import CouncilLevel
    from core.models import Council, Ward
    from petitions.models import CompetenceRule, Topic

    ward_councils = dict(Council.objects.filter(level="ward").values_list("ward_id", "pk"))
    province_councils = dict(
        Council.objects.filter(level="province").values_list("province_id", "pk")
    )
    rules = {
        rule.topic_id: rule
        for rule in CompetenceRule.objects.filter(province__isnull=True).select_related("topic")
    }
    routes = []
    for ward_id, province_id in Ward.objects.values_list("pk", "province_id").order_by("pk"):
        for topic_id in Topic.objects.values_list("pk", flat=True).order_by("pk"):
            rule = rules[topic_id]
            council = (
                ward_councils[ward_id]
                if rule.council_level == CouncilLevel.WARD
                else province_councils[province_id]
            )
            routes.append((len(routes), ward_id, topic_id, council, rule.answer_working_days))
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_route (n int primary key, ward_id int, topic_id int,"
            " council_id int, days int)"
        )
        with cursor.copy("COPY bench_route FROM STDIN") as copy:
            for route in routes:
                copy.write_row(route)
        cursor.execute(
            """
            INSERT INTO petitions_petition (
                tracking_code, status, status_changed_at, topic_id, ward_id, location, title,
                description, contact_name, contact_email, contact_phone, show_name, notify,
                source, confirmation_hash, confirmation_attempts, council_id, submitted_at,
                received_at, answer_working_days, working_days_used, clock_started_on,
                deadline, deadline_state, version, reject_reason, status_note,
                transfer_return_status, answer, answered_at, working_days_to_answer,
                satisfaction, satisfaction_comment, is_published, cosigner_count,
                created_at, updated_at
            )
            SELECT
                'B' || lpad(i::text, 11, '0'),
                s.status,
                t.received,
                r.topic_id, r.ward_id, '',
                (ARRAY['Đèn đường hỏng', 'Rác thải ứ đọng', 'Ngập úng khi mưa',
                       'Chậm cấp giấy chứng nhận quyền sử dụng đất', 'Tiếng ồn về đêm',
                       'Vỉa hè bị lấn chiếm'])[1 + i %% 6] || ' (mẫu ' || i || ')',
                'Kiến nghị mẫu cho phép đo hiệu năng.',
                'Cử tri mẫu', 'cu.tri' || i || '@bench.cutri.vn', '', false, true,
                (ARRAY['online', 'online', 'ambassador', 'voter_meeting'])[1 + i %% 4],
                '', 0, r.council_id, t.received, t.received, r.days, 0,
                CASE WHEN s.is_open THEN t.received::date END,
                (t.received + make_interval(days => r.days + r.days / 2))::date,
                CASE
                    WHEN NOT s.is_open THEN 'on_time'
                    WHEN t.received + make_interval(days => r.days + r.days / 2) < now()
                        THEN 'overdue'
                    WHEN t.received + make_interval(days => r.days + r.days / 2)
                        < now() + interval '5 days' THEN 'due_soon'
                    ELSE 'on_time'
                END,
                1, '', '', '',
                CASE WHEN s.is_open THEN '' ELSE 'Đã giải quyết.' END,
                CASE WHEN s.is_open THEN NULL ELSE t.received + interval '20 days' END,
                CASE WHEN s.is_open THEN NULL ELSE 5 + i %% 25 END,
                CASE WHEN s.status = 'closed'
                     THEN (ARRAY['satisfied', 'partly', 'not_satisfied'])[1 + i %% 3]
                     ELSE '' END,
                '', false, 0, t.received, t.received
            FROM generate_series(1, %(count)s) AS i
            JOIN bench_route r ON r.n = i %% %(routes)s
            CROSS JOIN LATERAL (
                SELECT now() - make_interval(
                    secs => CASE WHEN i %% 10 < 8 THEN (i::bigint * 7919) %% (365 * 86400)
                                 ELSE 365 * 86400 + (i::bigint * 7919) %% (730 * 86400) END
                ) AS received
            ) t
            CROSS JOIN LATERAL (
                SELECT (ARRAY['received', 'accepted', 'in_progress', 'answered', 'closed',
                              'closed', 'closed', 'closed', 'answered', 'received']
                       )[1 + (i / 7) %% 10] AS status
            ) s0
            CROSS JOIN LATERAL (
                SELECT s0.status, s0.status IN ('received', 'accepted', 'in_progress') AS is_open
            ) s
            """,
            {"count": count, "routes": len(routes)},
        )
        cursor.execute("ANALYZE petitions_petition")


def _busiest_council():
    from django.db.models import Count

    from accounts.choices import Role
    from accounts.models import User
    from accounts.services import user_assign_role
    from core.models import Council
    from petitions.models import Petition

    council_id = (
        Petition.objects.values("council_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("council_id", flat=True)
        .first()
    )
    staff = User.objects.filter(email="can.bo@bench.cutri.vn").first() or User.objects.create_user(
        email="can.bo@bench.cutri.vn", password=None
    )
    staff = user_assign_role(
        user=staff, role=Role.COUNCIL_STAFF, council=Council.objects.get(pk=council_id)
    )
    from allauth.mfa.totp.internal.auth import TOTP

    from core import demo

    TOTP.activate(staff, demo.DEMO_TOTP_SECRET)
    return council_id, staff


# --- the measured operations ----------------------------------------------------------


def _queue_first_page(staff) -> list:
    """The admin queue's query path: scope, the filter set, ordering, the paginator."""
    from django.core.paginator import Paginator
    from django.test import RequestFactory

    from petitions import selectors
    from petitions.staff.viewsets import queue_filterset_class

    request = RequestFactory().get("/", {"status": QUEUE_STATUSES})
    request.user = staff
    queryset = selectors.staff_queue(staff)
    filters = queue_filterset_class(staff)(data=request.GET, request=request, queryset=queryset)
    queryset = filters.qs.order_by("deadline", "pk")
    page = Paginator(queryset, 25).get_page(1)
    return list(page.object_list)


def _queue_first_page_raw(council_id: int) -> list:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM petitions_petition WHERE (council_id = %s OR (status ="
            " 'transfer_requested' AND transfer_to_id = %s)) AND status = ANY(%s)"
            " AND NOT status = 'unconfirmed'",
            [council_id, council_id, list(QUEUE_STATUSES)],
        )
        cursor.fetchone()
        cursor.execute(
            "SELECT p.id, p.tracking_code, p.title, p.status, p.deadline, p.deadline_state,"
            " t.id, t.name, w.id, w.name, u.id, u.first_name, u.last_name, u.email"
            " FROM petitions_petition p"
            " JOIN petitions_topic t ON t.id = p.topic_id"
            " JOIN core_ward w ON w.id = p.ward_id"
            " LEFT JOIN accounts_user u ON u.id = p.assignee_id"
            " WHERE (p.council_id = %s OR (p.status = 'transfer_requested'"
            " AND p.transfer_to_id = %s)) AND p.status = ANY(%s)"
            " AND NOT p.status = 'unconfirmed'"
            " ORDER BY p.deadline, p.id LIMIT 25",
            [council_id, council_id, list(QUEUE_STATUSES)],
        )
        return cursor.fetchall()


def _client(staff):
    from django.test import Client

    client = Client()
    client.force_login(staff)
    return client


def _get(client, url: str, **params) -> None:
    response = client.get(url, params, HTTP_HOST="127.0.0.1")
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")


def _bulk_change(staff, council_id: int) -> float:
    from petitions.choices import Status
    from petitions.models import Petition
    from petitions.services import triage

    ids = list(
        Petition.objects.filter(council_id=council_id, status=Status.RECEIVED)
        .order_by("pk")
        .values_list("pk", flat=True)[:500]
    )
    started = time.perf_counter()
    result = triage.petitions_bulk_transition(actor=staff, petition_ids=ids, to=Status.ACCEPTED)
    seconds = time.perf_counter() - started
    if result.done != len(ids):
        raise RuntimeError(f"bulk change moved {result.done} of {len(ids)}")
    return seconds, len(ids)

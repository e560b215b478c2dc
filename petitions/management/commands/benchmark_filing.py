"""Benchmark: filing a petition over HTTP, on PostgreSQL behind gunicorn.

    DATABASE_URL=postgres://… REDIS_URL=redis://… manage.py benchmark_filing

Creates a scratch database beside DATABASE_URL's (dropped at the end), migrates it, seeds
Hà Nội's places and citizen accounts, starts gunicorn on loopback with production's server
settings (config/gunicorn.py) and the bench Django settings, and drives it from client
threads:

1. a bare Django view that inserts one equivalent row and does nothing else (the reference),
2. filing: the final step of the filing form, which routes, writes the petition and its
   events and queues the notification (each request has its own prepared draft),
   in alternating rounds with 1. (``--rounds``),
3. 10,000 concurrent submissions, then checks the petition count and the tracking codes.

Prints one table (ARCHITECTURE.md §8). Targets (issue 3): filing ≥ 60 % of the bare
view's throughput, filing p95 ≤ 150 ms at 20 clients, exact count and unique codes.
"""

from __future__ import annotations

import os
import runpy
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.benchmark import INNER_HELP, ROOT, host_speed_ms, run_in_scratch_database

MARKER = "Benchmark"
BARE_URL = "/bench/bare-insert/"  # config/urls_bench.py


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Command(BaseCommand):
    help = "Benchmark filing over HTTP against a bare insert view (PostgreSQL, gunicorn, Redis)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--clients", type=int, default=20, help="concurrent clients for the timed runs"
        )
        parser.add_argument("--requests", type=int, default=2000, help="requests per timed run")
        parser.add_argument(
            "--rounds", type=int, default=4, help="alternating bare/filing rounds they are split in"
        )
        parser.add_argument(
            "--burst", type=int, default=10_000, help="submissions in the concurrency check"
        )
        parser.add_argument("--burst-clients", type=int, default=50)
        parser.add_argument(
            "--workers", type=int, help="gunicorn worker processes (default: config/gunicorn.py's)"
        )
        parser.add_argument(
            "--threads", type=int, help="threads per worker (default: config/gunicorn.py's)"
        )
        parser.add_argument("--inner", action="store_true", help=INNER_HELP)

    def handle(self, *args, **options):
        if options["inner"]:
            return self._inner(options)
        return self._outer(options)

    # --- the parent: a scratch database, then this command again inside it -----------

    def _outer(self, options) -> None:
        argv = []
        names = ("clients", "requests", "rounds", "burst", "burst_clients", "workers", "threads")
        for name in names:
            if options[name] is not None:
                argv += [f"--{name.replace('_', '-')}", str(options[name])]
        run_in_scratch_database("benchmark_filing", argv, suffix="bench")

    # --- the child: seed, serve, measure --------------------------------------------------

    def _inner(self, options) -> None:
        from django.core.management import call_command
        from django.urls import reverse

        from petitions.benchmark import Run, post_many

        filing_url = reverse("petitions:file_review")  # the final step of the form

        self.stdout.write("Preparing: migrating the scratch database and seeding…")
        call_command("migrate", verbosity=0)
        seed = _seed(clients=max(options["clients"], options["burst_clients"]))
        port = _free_port()
        options["workers"], options["threads"] = _server_settings(
            options["workers"], options["threads"]
        )
        server = _start_gunicorn(port, options["workers"], options["threads"])
        clients = options["clients"]
        try:
            bare_jobs = _bare_jobs(seed, options["requests"])
            filing_jobs = _filing_jobs(seed, options["requests"])
            post_many(port, BARE_URL, bare_jobs[:200], clients)  # warm-up
            post_many(port, filing_url, _filing_jobs(seed, 200), clients)

            # Alternating rounds, so that a checkpoint or a busy neighbour costs both alike.
            speed = [host_speed_ms()]
            bare, filing = Run(), Run()
            rounds, total = options["rounds"], len(bare_jobs)
            for index in range(rounds):
                part = slice(index * total // rounds, (index + 1) * total // rounds)
                bare.add(post_many(port, BARE_URL, bare_jobs[part], clients))
                filing.add(post_many(port, filing_url, filing_jobs[part], clients))

            speed.append(host_speed_ms())
            before = _petition_count()
            burst = post_many(
                port,
                filing_url,
                _filing_jobs(seed, options["burst"]),
                options["burst_clients"],
            )
            peak = _peak_memory_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
        self._report(options, bare, filing, burst, before, peak, speed)

    def _report(self, options, bare, filing, burst, before, peak, speed) -> None:
        from django.db.models import Count

        from petitions.models import Petition

        ratio = filing.throughput / bare.throughput if bare.throughput else 0.0
        rows = [
            ("bare insert view (reference)", bare, 1.0),
            ("filing (final step, routed, events, outbox)", filing, ratio),
            (f"{options['burst']:,} submissions, {options['burst_clients']} at once", burst, None),
        ]
        self.stdout.write("")
        self.stdout.write(
            f"PostgreSQL + Redis, gunicorn gthread {options['workers']}×{options['threads']}, "
            f"{options['clients']} clients, {os.cpu_count()} CPUs"
        )
        columns = ("requests", "p50 ms", "p95 ms", "req/s")
        header = (
            f"{'operation':<46} " + " ".join(f"{name:>8}" for name in columns) + f" {'ratio':>6}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for label, run, share in rows:
            ratio_text = f"{share:.2f}" if share is not None else "—"
            self.stdout.write(
                f"{label:<46} {run.count:>8} {run.median:>8.1f} {run.percentile(0.95):>8.1f} "
                f"{run.throughput:>8.1f} {ratio_text:>6}"
            )
        self.stdout.write(f"peak memory of gunicorn (master + workers, VmHWM): {peak:.0f} MB")
        self.stdout.write(
            f"host speed probe before / after the timed runs: {speed[0]:.0f} / {speed[1]:.0f} ms "
            "(a fixed Python loop on every CPU at once; higher is a slower host)"
        )

        created = _petition_count() - before
        codes = Petition.objects.aggregate(
            distinct=Count("tracking_code", distinct=True), total=Count("id")
        )
        ok_statuses = burst.statuses.get(302, 0)
        p95 = filing.percentile(0.95)
        checks = [
            (f"filing ≥ 60 % of the bare view's throughput ({ratio:.0%})", ratio >= 0.60),
            (
                f"filing p95 ≤ 150 ms at {options['clients']} clients ({p95:.0f} ms)",
                p95 <= 150,
            ),
            (
                f"burst: every request filed ({ok_statuses}/{options['burst']} answered 302)",
                ok_statuses == options["burst"],
            ),
            (f"burst: petition count exact ({created} new)", created == options["burst"]),
            (
                f"tracking codes unique ({codes['distinct']} distinct of {codes['total']})",
                codes["distinct"] == codes["total"],
            ),
        ]
        self.stdout.write("")
        for text, passed in checks:
            self.stdout.write(("PASS  " if passed else "FAIL  ") + text)


def _seed(*, clients: int) -> dict:
    from vietnam_provinces import Province as SourceProvince
    from vietnam_provinces import Ward as SourceWard

    from accounts.services import user_create
    from core.models import Council, Ward
    from core.services import places_sync
    from petitions.models import Topic

    places_sync(provinces=[SourceProvince.from_code(1)], wards=list(SourceWard.iter_by_province(1)))
    ward = Ward.objects.get(code="00167")
    users = [
        user_create(
            email=f"cu.tri{index}@bench.cutri.vn",
            full_name=f"Cử Tri Số {index}",
            email_verified=True,
        )
        for index in range(clients)
    ]
    return {
        "users": users,
        "ward": ward,
        "council": Council.objects.get(ward=ward),
        "topic": Topic.objects.get(slug="giao-thong-ha-tang"),
    }


def _sessions(users, count: int, draft: dict | None) -> list[str]:
    """Signed-in sessions, each with its own copy of the draft, written in bulk where the
    site's session engine keeps them: the database, and its cache too when the engine
    caches (cached_db writes the cache on every save, so a real draft, saved by the step
    before, is read from there; without this only the filing requests would pay a
    database read and a cache write, while the bare view's few sessions stay cached)."""
    from datetime import timedelta
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.core.cache import caches
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from petitions.services import new_tracking_code

    store = SessionStore()
    expires = timezone.now() + timedelta(days=1)
    cache_prefix = getattr(
        import_module(settings.SESSION_ENGINE).SessionStore, "cache_key_prefix", ""
    )
    cached = {}
    rows, keys = [], []
    for index in range(count):
        user = users[index % len(users)]
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        if draft is not None:  # each draft has its own code, drawn when it was started
            data["petition_draft"] = {**draft, "tracking_code": new_tracking_code()}
        key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        rows.append(Session(session_key=key, session_data=store.encode(data), expire_date=expires))
        keys.append(key)
        if cache_prefix:
            cached[cache_prefix + key] = data
    Session.objects.bulk_create(rows, batch_size=1000)
    if cached:
        caches[settings.SESSION_CACHE_ALIAS].set_many(cached, timeout=24 * 3600)
    return keys


def _draft(seed: dict) -> dict:
    return {
        "ward": seed["ward"].code,
        "topic": seed["topic"].pk,
        "title": f"{MARKER}: đèn đường ngõ 12 hỏng",
        "description": "Ngõ 12 tối om ba tuần nay, người già đi lại rất nguy hiểm.",
        "location": "Ngõ 12, tổ dân phố 5",
        "contact_name": "Cử Tri Số",
        "show_name": False,
    }


def _filing_jobs(seed: dict, count: int) -> list[tuple[str, dict]]:
    return [(key, {}) for key in _sessions(seed["users"], count, _draft(seed))]


def _bare_jobs(seed: dict, count: int) -> list[tuple[str, dict]]:
    keys = _sessions(seed["users"], len(seed["users"]), None)
    draft = _draft(seed)
    data = {
        "topic": seed["topic"].pk,
        "ward": seed["ward"].pk,
        "council": seed["council"].pk,
        "title": draft["title"],
        "description": draft["description"],
        "contact_name": draft["contact_name"],
        "contact_email": "cu.tri@bench.cutri.vn",
    }
    return [(keys[index % len(keys)], data) for index in range(count)]


def _petition_count() -> int:
    from petitions.models import Petition

    return Petition.objects.filter(title__startswith=MARKER).count()


def _server_settings(workers: int | None, threads: int | None) -> tuple[int, int]:
    """The production server settings (config/gunicorn.py), unless the command overrides."""
    production = runpy.run_path(str(ROOT / "config" / "gunicorn.py"))
    return workers or production["workers"], threads or production["threads"]


def _start_gunicorn(port: int, workers: int, threads: int) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--config",
            "config/gunicorn.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        # Through the environment, so that what config/gunicorn.py derives from the
        # counts (connections per worker) follows them.
        env={
            **os.environ,
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_THREADS": str(threads),
            "GUNICORN_ACCESS_LOG": "",
        },
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise CommandError("gunicorn did not start.")


def _peak_memory_mb(master_pid: int) -> float:
    """Peak resident memory (VmHWM) of gunicorn's master and workers, summed."""
    pids = [master_pid]
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    if children.exists():
        pids += [int(pid) for pid in children.read_text().split()]
    total_kb = 0
    for pid in pids:
        status = Path(f"/proc/{pid}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total_kb += int(line.split()[1])
    return total_kb / 1024

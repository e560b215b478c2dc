"""Shared parts of the benchmark commands (ARCHITECTURE.md §8): a scratch PostgreSQL
database to run in, and latency statistics. Benchmarks are commands, never tests."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.management.base import CommandError

ROOT = Path(settings.BASE_DIR)
INNER_HELP = "internal: run inside the scratch database (the parent sets it up)"


def with_path(url: str, path: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=path))


def run_in_scratch_database(
    command: str,
    argv: list[str],
    *,
    suffix: str,
    redis: bool = True,
    settings_module: str = "config.settings.bench",
) -> None:
    """Run ``manage.py <command> --inner <argv>`` in a fresh database created beside
    DATABASE_URL's (and a Redis logical database of its own), then drop both. With
    ``redis=False`` the child runs without Redis or Elasticsearch (tasks inline)."""
    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")) or (redis and not redis_url):
        raise CommandError(
            "Run it as production runs: DATABASE_URL=postgres://…"
            + (" REDIS_URL=redis://…" if redis else "")
            + " (the numbers mean nothing on SQLite or with tasks inline)."
        )
    import psycopg

    parts = urlsplit(database_url)
    scratch = f"{parts.path.lstrip('/') or 'cutri'}_{suffix}"
    admin_url = with_path(database_url, "/postgres")
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        connection.execute(f'CREATE DATABASE "{scratch}"')
    env = {
        **os.environ,
        "DATABASE_URL": with_path(database_url, f"/{scratch}"),
        "DJANGO_SETTINGS_MODULE": settings_module,
    }
    bench_redis = with_path(redis_url, "/14") if redis else ""  # its own, flushed after
    if redis:
        env["REDIS_URL"] = bench_redis
    else:
        env.pop("REDIS_URL", None)
        env.pop("ELASTICSEARCH_URL", None)
    try:
        completed = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", command, "--inner", *argv], cwd=ROOT, env=env, check=False
        )
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        if bench_redis:
            import redis as redis_client

            redis_client.Redis.from_url(bench_redis).flushdb()
    if completed.returncode:
        raise CommandError("The benchmark failed (see above).")


@dataclass
class Timing:
    """Latencies of repeated calls of one operation, in seconds."""

    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def count(self) -> int:
        return len(self.latencies)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else 0.0

    @property
    def p95(self) -> float:
        return self.percentile(0.95)

    @property
    def median(self) -> float:
        return statistics.median(self.latencies) * 1000 if self.latencies else 0.0

    @property
    def throughput(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0


def measure(operation: Callable[[int], object], *, repeat: int, warmup: int = 3) -> Timing:
    """Call ``operation(i)`` ``warmup`` times untimed, then ``repeat`` times timed."""
    for index in range(warmup):
        operation(index)
    timing = Timing()
    started = time.perf_counter()
    for index in range(repeat):
        begin = time.perf_counter()
        operation(index)
        timing.latencies.append(time.perf_counter() - begin)
    timing.seconds = time.perf_counter() - started
    return timing


def host_speed_ms() -> float:
    """Milliseconds this host takes for a fixed loop of Python additions run on every CPU
    at once (the slowest CPU's time, best of three). A shared host slows down when its
    neighbours are busy, and the benchmarks' absolute figures with it; printed beside a
    table, it tells a slow run from a slow host."""
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(os.cpu_count() or 1) as pool:
        return min(max(pool.map(_spin_ms, range(os.cpu_count() or 1))) for _ in range(3))


def _spin_ms(_index: int) -> float:
    started = time.perf_counter()
    total = 0
    for number in range(5_000_000):
        total += number
    return (time.perf_counter() - started) * 1000

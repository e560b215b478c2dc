"""Celery: inline in the embedded default; a real worker behind a real Redis broker in CI."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from config.celery import app
from core.tasks import HEARTBEAT_KEY, heartbeat
from tests.services import require

ROOT = Path(__file__).resolve().parents[2]


def test_tasks_run_inline_without_a_broker():
    token = uuid.uuid4().hex
    heartbeat.delay(token)
    assert cache.get(HEARTBEAT_KEY.format(token=token))


def test_embedded_default_has_no_broker():
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; import django; django.setup();"
            "print(settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL)",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "REDIS_URL": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    assert completed.stdout.split() == ["True", "memory://"]


@pytest.mark.redis
def test_a_real_worker_runs_a_task_sent_through_redis():
    require("redis")
    # A queue of its own, so tasks left in a shared Redis by anything else cannot delay it.
    queue = f"test-{uuid.uuid4().hex[:12]}"
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool",
            "solo",
            "--concurrency",
            "1",
            "--loglevel",
            "WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"{queue}@%h",
            "--queues",
            queue,
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    eager = app.conf.task_always_eager
    try:
        app.conf.task_always_eager = False  # send through the broker, as production does
        assert app.conf.broker_url == settings.REDIS_URL
        token = uuid.uuid4().hex
        heartbeat.apply_async(args=[token], queue=queue)

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and worker.poll() is None:
            if cache.get(HEARTBEAT_KEY.format(token=token)):
                break
            time.sleep(0.2)
        ran_in = cache.get(HEARTBEAT_KEY.format(token=token))
        if not ran_in:
            worker.terminate()
            pytest.fail("the worker never ran the task:\n" + worker.communicate(timeout=20)[0])
        assert not ran_in.endswith(f":{os.getpid()}"), "the task ran in the test process"
    finally:
        app.conf.task_always_eager = eager
        worker.terminate()
        try:
            output, _ = worker.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
    assert "Traceback" not in output, output

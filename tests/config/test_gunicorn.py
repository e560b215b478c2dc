"""config/gunicorn.py: the production server settings, also used by benchmark_filing."""

import os
import runpy

from tests.processes import ROOT, run_python

CONFIG = "config/gunicorn.py"


def test_one_threaded_process_per_cpu_by_default(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("GUNICORN_THREADS", raising=False)
    settings = runpy.run_path(str(ROOT / "config" / "gunicorn.py"))
    assert settings["workers"] == (os.cpu_count() or 1)
    assert (settings["worker_class"], settings["threads"]) == ("gthread", 2)
    # Balanced: a worker accepts only what its threads serve now, a request per connection.
    assert (settings["worker_connections"], settings["keepalive"]) == (2, 0)


def test_the_environment_overrides(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "5")
    monkeypatch.setenv("GUNICORN_THREADS", "3")
    settings = runpy.run_path(str(ROOT / "config" / "gunicorn.py"))
    assert (settings["workers"], settings["threads"]) == (5, 3)
    assert settings["worker_connections"] == 3


def test_gunicorn_accepts_the_file_and_loads_the_site():
    completed = run_python("-m", "gunicorn", "--check-config", "--config", CONFIG, "config.wsgi")
    assert completed.returncode == 0, completed.stdout + completed.stderr

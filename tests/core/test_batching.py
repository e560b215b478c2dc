"""core.batching: what a web process needs to publish a gathered run."""

from tests.processes import run_python

FRESH_PROCESS = """
import django
django.setup()
from config.celery import app
from core.batching import Batch
assert "petitions.relay_filed" not in app.tasks  # nothing imported the tasks module yet
print(Batch("filed", "petitions.relay_filed")._task().name)
"""


def test_a_fresh_web_process_finds_the_task_by_its_name():
    completed = run_python("-c", FRESH_PROCESS)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "petitions.relay_filed"

"""The Celery application: one per project, configured from Django settings.

Worker: ``celery -A config worker -l info``; beat: ``celery -A config beat -l info``.
Tasks live in ``<app>/tasks.py`` and are found by autodiscovery. Periodic jobs are
declared in one place: ``CELERY_BEAT_SCHEDULE`` in ``config/settings/base.py``.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

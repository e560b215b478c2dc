"""Background tasks owned by core."""

import os
import socket

from celery import shared_task
from django.core.cache import cache

HEARTBEAT_KEY = "celery-heartbeat:{token}"


@shared_task(name="core.heartbeat", ignore_result=True)
def heartbeat(token: str) -> None:
    """Record which worker ran this, in the shared cache.

    An operator (or a test) queues it and reads the key back: that proves the broker
    carries tasks and a worker that shares the cache runs them."""
    cache.set(
        HEARTBEAT_KEY.format(token=token), f"{socket.gethostname()}:{os.getpid()}", timeout=300
    )

"""The filing benchmark (manage.py benchmark_filing): the reference view and the load
generator. Routed only by config/urls_bench.py, never by the site."""

from __future__ import annotations

import http.client
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.benchmark import Timing
from petitions.choices import Status
from petitions.models import Petition
from petitions.services import new_tracking_code


@require_POST
def bare_insert(request: HttpRequest) -> HttpResponse:
    """A bare Django view that inserts one row equivalent to a filed petition, and nothing
    else: same middleware (session, CSRF, authentication), no routing, no events, no
    outbox, no task. ``bulk_create`` because ``save()`` would also queue the row's search
    document (a broker publish), which is part of what filing is measured against."""
    now = timezone.now()
    data = request.POST
    Petition.objects.bulk_create(
        [
            Petition(
                tracking_code=new_tracking_code(),
                status=Status.RECEIVED,
                status_changed_at=now,
                submitted_at=now,
                received_at=now,
                topic_id=data["topic"],
                ward_id=data["ward"],
                council_id=data["council"],
                title=data["title"],
                description=data["description"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                petitioner_id=request.user.pk,
                answer_working_days=20,
                deadline=now.date(),
            )
        ]
    )
    return HttpResponse(status=201)


CSRF_SECRET = "b" * 32  # any 32-character secret works when cookie and header agree


@dataclass
class Run(Timing):
    """Latencies of HTTP requests, and how many answered each status."""

    statuses: dict[int, int] = field(default_factory=dict)

    def add(self, other: Run) -> None:
        """Fold another round of the same operation into this one."""
        self.latencies += other.latencies
        self.seconds += other.seconds
        for status, count in other.statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + count


def post_many(port: int, path: str, jobs: list[tuple[str, dict]], clients: int) -> Run:
    """POST each (session key, form data) job over ``clients`` keep-alive connections in
    parallel; record every latency and status."""
    run = Run()
    lock = threading.Lock()
    queue = list(reversed(jobs))

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if not queue:
                    break
                session_key, data = queue.pop()
            body = urlencode(data)
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"sessionid={session_key}; csrftoken={CSRF_SECRET}",
                "X-CSRFToken": CSRF_SECRET,
                "Connection": "keep-alive",
            }
            started = time.perf_counter()
            try:
                connection.request("POST", path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            except (ConnectionError, http.client.HTTPException):
                status = 0
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            elapsed = time.perf_counter() - started
            with lock:
                run.latencies.append(elapsed)
                run.statuses[status] = run.statuses.get(status, 0) + 1
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.seconds = time.perf_counter() - started
    return run

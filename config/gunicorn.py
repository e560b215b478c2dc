"""gunicorn's settings, for production and for the filing benchmark alike:

    gunicorn -c config/gunicorn.py config.wsgi

One process per CPU, each with a few threads: a request spends part of its time waiting on
PostgreSQL and Redis, and a second thread uses that wait; more threads than that only make
them queue for the interpreter lock, which lengthens every request (measured with
``manage.py benchmark_filing --workers N --threads M``; the figures are in issue 3's note).
Every value can be overridden from the environment or the command line.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# Behind a proxy that keeps connections open: no new TCP handshake per request.
keepalive = 30
# A worker is replaced after this many requests (with jitter, so not all at once): memory
# that a long-lived process fragments is given back.
max_requests = 5000
max_requests_jitter = 500
# A request stuck longer than this is killed and logged rather than holding its thread.
timeout = 30
graceful_timeout = 30
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None

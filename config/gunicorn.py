"""gunicorn's settings, for production and for the filing benchmark alike:

    gunicorn -c config/gunicorn.py config.wsgi

One process per CPU, each with a few threads: a request spends part of its time waiting on
PostgreSQL and Redis, and a second thread uses that wait; more threads than that only make
them queue for the interpreter lock, which lengthens every request (measured with
``manage.py benchmark_filing --workers N --threads M``; the figures are in issue 3's note).

A worker takes no more connections than it has threads, and closes each after its
response; the others wait in the kernel's listen queue for the first worker with a free
thread. With keep-alive, a connection stays with the worker that accepted it whatever that
worker's load: at 20 clients one worker was left with 14 connections and the other with 6,
and requests took 123 ms on the first against 54 ms on the second. Balanced this way, the
filing benchmark's p95 fell from 174 to 111 ms and both views served more requests. The
proxy in front (nginx, a cloud load balancer) keeps the clients' connections alive; to its
upstream nginx opens a connection per request unless told otherwise, which is this case.

WEB_CONCURRENCY and GUNICORN_THREADS override the process and thread counts.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_connections = threads  # accept only what a free thread can serve now
keepalive = 0  # one request per connection: the next one goes to whichever worker is free
# A worker is replaced after this many requests (with jitter, so not all at once): memory
# that a long-lived process fragments is given back.
max_requests = 5000
max_requests_jitter = 500
# A request stuck longer than this is killed and logged rather than holding its thread.
timeout = 30
graceful_timeout = 30
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None

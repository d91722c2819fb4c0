"""gunicorn settings for the production profile: `make serve`, systemd (docs/deploy.md).

Everything comes from the environment: HOST, PORT, WEB_CONCURRENCY, GUNICORN_TIMEOUT.
"""

import json
import multiprocessing
import os

wsgi_app = "ombudsman.wsgi:application"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# Sync workers: the app is CPU-bound rendering with short database queries; the usual 2 x cores
# + 1 when WEB_CONCURRENCY is not set.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A request that takes longer than this is a bug or a stuck connection: the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so slow memory growth never accumulates; jitter keeps them from
# restarting together. Not too often: a new worker spends a second or two importing the app and
# its first requests fill its caches (templates, kept values) again, and while it does the other
# workers carry its load: at 2,000 a busy worker was replaced every half a minute and the
# replacements showed as the slowest requests (a second). Workers share the load evenly, so a
# small jitter would still replace them all within seconds of each other: up to half again.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 2
# No preload: each worker imports the app after the fork, so a reload (SIGHUP) picks up new
# code, and no database or Redis connection opened at import time is shared between workers.
# The cost is a few seconds of start-up per worker and less copy-on-write sharing.
preload_app = False
# The proxy (nginx) sets X-Forwarded-For/Proto; gunicorn trusts them only from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No runtime control socket: systemd manages the process, and several instances on one machine
# would otherwise fight over one socket path.
control_socket_disable = True
# Logs to stdout/stderr (journald or the container's log collector takes them from there).
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The access log as JSON lines, like the application's, with the request id it echoes.
access_log_format = json.dumps(
    {
        "time": "%(t)s",
        "logger": "gunicorn.access",
        "remote": "%(h)s",
        "method": "%(m)s",
        "path": "%(U)s",
        "query": "%(q)s",
        "status": "%(s)s",
        "bytes": "%(B)s",
        "duration_ms": "%(M)s",
        "user_agent": "%(a)s",
        "request_id": "%({x-request-id}o)s",
    }
)

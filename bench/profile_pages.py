"""Worker time per page, measured in one process: ``python bench/profile_pages.py``.

wrk's latencies on a shared 2-core machine are mostly queueing; this measures what one request
costs a worker. With the environment ``make bench`` gives its servers (bench.settings: production
settings, DEBUG off, persistent database connection, Redis) and the page cache off, each page of
the bench is requested N times through Django's WSGI handler (every middleware, as under
gunicorn), after one warm-up request. Printed per page: mean, median and minimum milliseconds,
the mean CPU milliseconds of this process (steadier than wall time when other processes load the
machine; it leaves out the database's own work), queries per request and the milliseconds spent
in them.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/perf_bench \\
    BENCH_REDIS_URL=redis://127.0.0.1:6379/2 .venv/bin/python bench/profile_pages.py \\
        [-n 30] [--page release --page search] [--profile] [--sort tottime] [--lines 40]

The database must hold the bench content already (``make bench`` leaves it; or migrate and
``load_demo_content --releases 10000`` with the same settings). ``--profile`` prints cProfile's
table for each page (the N requests together).
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import run  # noqa: E402

os.environ.update(run.environment(PAGE_CACHE_ENABLED="false"))

import django  # noqa: E402

django.setup()

from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.db import connection  # noqa: E402


class QueryTimer:
    """Counts the queries of a request and the time spent in them (connection.execute_wrapper);
    with ``keep``, also each query's SQL and milliseconds."""

    def __init__(self, keep=False):
        self.count = 0
        self.seconds = 0.0
        self.queries = [] if keep else None

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - started
            self.seconds += elapsed
            self.count += 1
            if self.queries is not None:
                self.queries.append((elapsed * 1000, sql % tuple(map(repr, params or ()))))


def environ_for(path: str) -> dict:
    path_info, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT": "text/html,application/xhtml+xml,*/*",
        "HTTP_ACCEPT_LANGUAGE": "ru",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def request(handler, path: str) -> tuple[str, bytes]:
    status_line = []

    def start_response(status, headers, exc_info=None):
        status_line.append(status)

    response = handler(environ_for(path), start_response)
    try:
        body = b"".join(response)
    finally:
        if hasattr(response, "close"):
            response.close()
    return status_line[0], body


def last_list_page(handler) -> str:
    import re

    html = request(handler, "/ru/novosti/")[1].decode()
    numbers = [int(n) for n in re.findall(r"[?&]page=(\d+)", html)]
    return f"/ru/novosti/?page={max(numbers, default=1)}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=30, help="requests per page (default 30)")
    parser.add_argument("--page", action="append", help="only these pages (name, repeatable)")
    parser.add_argument("--profile", action="store_true", help="print cProfile's table per page")
    parser.add_argument("--sort", default="cumulative", help="cProfile sort key")
    parser.add_argument("--lines", type=int, default=40, help="cProfile rows per page")
    parser.add_argument(
        "--sql", action="store_true", help="print each query of one request with its ms"
    )
    args = parser.parse_args()

    handler = WSGIHandler()
    pages = {n: p for n, (m, p) in run.bench_pages(run.RELEASES).items() if m == "GET"}
    pages["news list, last page"] = last_list_page(handler)
    if args.page:
        unknown = set(args.page) - set(pages)
        if unknown:
            sys.exit(f"Unknown page(s) {sorted(unknown)}; choose from {sorted(pages)}")
        pages = {name: pages[name] for name in args.page}

    columns = ("mean ms", "median", "min", "CPU ms", "queries", "SQL ms")
    print(f"{'page':24} " + " ".join(f"{c:>8}" for c in columns) + "  bytes")
    profiles = {}
    for name, path in pages.items():
        status, body = request(handler, path)  # warm per-process caches
        if not status.startswith("200"):
            sys.exit(f"{name} ({path}) answered {status}")
        timings, cpu, timer = [], [], QueryTimer()
        profiler = cProfile.Profile() if args.profile else None
        with connection.execute_wrapper(timer):
            for _ in range(args.n):
                if profiler:
                    profiler.enable()
                started, started_cpu = time.perf_counter(), time.process_time()
                request(handler, path)
                timings.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
                if profiler:
                    profiler.disable()
        print(
            f"{name:24} {statistics.mean(timings):8.1f} {statistics.median(timings):8.1f} "
            f"{min(timings):8.1f} {statistics.mean(cpu):8.1f} {timer.count / args.n:8.1f} "
            f"{timer.seconds * 1000 / args.n:8.1f}  {len(body)}"
        )
        if profiler:
            profiles[name] = profiler
        if args.sql:
            one = QueryTimer(keep=True)
            with connection.execute_wrapper(one):
                request(handler, path)
            for ms, sql in one.queries:
                print(f"    {ms:7.2f} ms  {sql[:300]}")
    for name, profiler in profiles.items():
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.lines)
        print(f"\n=== {name} ({pages[name]}) ===\n{out.getvalue()}")


if __name__ == "__main__":
    main()

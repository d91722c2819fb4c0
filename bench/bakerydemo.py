"""Side by side with Wagtail's bakerydemo, in one run: `python -m bench.bakerydemo`.

Issue 9's throughput target is a ratio to bakerydemo's blog page measured on the same machine in
the same run. bakerydemo is reference code and never part of this repository: BAKERYDEMO_DIR
points at a checkout of it (see bench/README.md), with its own Python (BAKERYDEMO_PYTHON,
default BAKERYDEMO_DIR/.venv/bin/python, which must have gunicorn).

1. Ours: the set-up of bench/run.py (a fresh BENCH_DATABASE_URL database and BENCH_REDIS_URL
   Redis db, migrations, demo content, BENCH_RELEASES synthetic releases), then the production
   profile with the page cache off ("uncached"), as `make bench` starts it.
2. bakerydemo: a fresh database (BAKERYDEMO_DATABASE_URL, default perf_bakery), `migrate`,
   `load_initial_data`, `collectstatic`, then gunicorn with 2 sync workers and its production
   settings (DEBUG off, PostgreSQL from DATABASE_URL with its persistent connections,
   WhiteNoise).
3. wrk (BENCH_CONNECTIONS, default 8, for BENCH_SECONDS each) on the blog page
   (BAKERYDEMO_BLOG_PATH, default the first blog post in its sitemap) and our uncached release
   page, and on a static file each serves through WhiteNoise, BAKERYDEMO_ROUNDS (default 3)
   interleaved rounds; one table with the medians of requests/s, p50,
   p99 and the ratio ours ÷ bakerydemo. Nothing is written to bench/RESULTS.md.
"""

import os
import re
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from bench.run import (
    CONNECTIONS,
    RELEASES,
    SECONDS,
    GunicornServer,
    Server,
    analyze,
    bench_pages,
    build_database,
    flush_redis,
    load_releases,
    machine,
    recreate_database,
    require_wrk,
    static_url,
    wrk,
)

ROUNDS = int(os.environ.get("BAKERYDEMO_ROUNDS", "3"))
DATABASE_URL = os.environ.get(
    "BAKERYDEMO_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/perf_bakery"
)
HOW_TO = """BAKERYDEMO_DIR is not set: it must point at a checkout of Wagtail's bakerydemo
(https://github.com/wagtail/bakerydemo) that runs on this machine's Wagtail and Django:

  git clone https://github.com/wagtail/bakerydemo /tmp/bakerydemo   # outside this repository
  python3.13 -m venv /tmp/bakerydemo/.venv
  /tmp/bakerydemo/.venv/bin/pip install -c constraints.txt django wagtail gunicorn \\
      "psycopg[binary]" whitenoise dj-database-url   # plus what its base settings import
  BAKERYDEMO_DIR=/tmp/bakerydemo python -m bench.bakerydemo

The checkout needs bakerydemo/settings/production.py, bakerydemo.wsgi and the management
command load_initial_data. bench/README.md lists the variables and the adaptations a current
bakerydemo needs on Wagtail 8 / Django 6.1. Never commit bakerydemo's code here."""


def bakerydemo_environment() -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE", "REDIS_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bakerydemo.settings.production",
        DATABASE_URL=DATABASE_URL,
        DJANGO_SECRET_KEY="bench-only-key-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1;localhost",
        DJANGO_DEBUG="off",
        DJANGO_SECURE_SSL_REDIRECT="off",
    )
    return env


def bakerydemo_manage(directory: Path, python: str, *args):
    subprocess.run(
        [python, "manage.py", *args], cwd=directory, env=bakerydemo_environment(), check=True
    )


def prepare_bakerydemo(directory: Path, python: str):
    if not urlsplit(DATABASE_URL).path.lstrip("/").startswith("perf"):
        sys.exit("BAKERYDEMO_DATABASE_URL must name a database starting with 'perf'.")
    recreate_database(DATABASE_URL)
    bakerydemo_manage(directory, python, "migrate", "--noinput", "-v", "0")
    bakerydemo_manage(directory, python, "load_initial_data")
    bakerydemo_manage(directory, python, "collectstatic", "--noinput", "-v", "0")
    analyze(DATABASE_URL)


def blog_path(server) -> str:
    if os.environ.get("BAKERYDEMO_BLOG_PATH"):
        return os.environ["BAKERYDEMO_BLOG_PATH"]
    sitemap = server.get("/sitemap.xml")[0].decode()
    for location in re.findall(r"<loc>([^<]+)</loc>", sitemap):
        path = urlsplit(location).path
        if re.fullmatch(r"/blog/[^/]+/", path):
            return path
    sys.exit("No blog post in bakerydemo's sitemap; set BAKERYDEMO_BLOG_PATH.")


def warm(server, path):
    """Renditions, template caches and both workers' connections before the clock starts."""
    for _ in range(6):
        server.get(path)


def median_run(runs: list[dict]) -> dict:
    """Each figure's median over the rounds (errors and timeouts: the totals)."""
    figures = {key: statistics.median(run[key] for run in runs) for key in ("rps", "p50", "p99")}
    totals = {key: sum(run[key] for run in runs) for key in ("errors", "timeouts")}
    return {**figures, **totals}


def render(info, rows, sizes) -> str:
    lines = [
        "# Side by side with bakerydemo (`python -m bench.bakerydemo`)",
        "",
        f"- date: {info['date']}; CPU: {info['cpu']}; load average at start {info['load']}",
        f"- {RELEASES:,} synthetic releases on PostgreSQL + Redis for ours; bakerydemo on",
        "  PostgreSQL with its production settings. gunicorn 2 sync workers each, DEBUG off,",
        f"  wrk {CONNECTIONS} connections for {SECONDS} s per run, loopback, both servers up;",
        f"  {ROUNDS} interleaved rounds, each figure the median of its {ROUNDS} runs.",
        "- page sizes (bytes): " + "; ".join(f"{name} {size:,}" for name, size in sizes.items()),
        "",
        "| what | bakerydemo req/s | p50 ms | p99 ms | ours req/s | p50 ms | p99 ms "
        "| ours ÷ bakerydemo (req/s) | non-2xx, timeouts (b / o) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, (theirs, ours) in rows.items():
        lines.append(
            f"| {name} | {theirs['rps']:.0f} | {theirs['p50']:.1f} | {theirs['p99']:.1f} | "
            f"{ours['rps']:.0f} | {ours['p50']:.1f} | {ours['p99']:.1f} | "
            f"{ours['rps'] / theirs['rps']:.2f} | {theirs['errors']}, {theirs['timeouts']} / "
            f"{ours['errors']}, {ours['timeouts']} |"
        )
    page_theirs, page_ours = rows["page: blog post ↔ uncached release"]
    ratio = page_ours["rps"] / page_theirs["rps"]
    lines += [
        "",
        f"- target (issue 9): uncached release page ≥ 2× bakerydemo's blog page: "
        f"{'met' if ratio >= 2 else '**not met**'} ({ratio:.2f}×); p99 < 100 ms: "
        f"{'met' if page_ours['p99'] < 100 else '**not met**'} ({page_ours['p99']:.0f} ms)",
        "",
    ]
    return "\n".join(lines)


def main():
    if not os.environ.get("BAKERYDEMO_DIR"):
        print(HOW_TO, file=sys.stderr)
        sys.exit(2)
    directory = Path(os.environ["BAKERYDEMO_DIR"]).resolve()
    python = os.environ.get("BAKERYDEMO_PYTHON", str(directory / ".venv" / "bin" / "python"))
    if not (directory / "manage.py").exists() or not Path(python).exists():
        print(f"{directory} has no manage.py or {python} is missing.\n\n{HOW_TO}", file=sys.stderr)
        sys.exit(2)
    require_wrk()
    info = machine()
    print(f"Bench on {info['date']}: {info['cpu']}, load {info['load']}")

    build_database()
    load_releases()
    flush_redis()
    prepare_bakerydemo(directory, python)

    release = bench_pages(RELEASES)["release"][1]
    ours = Server("uncached", page_cache=False)
    try:
        theirs = GunicornServer(
            "bakerydemo",
            [python, "-m", "gunicorn", "--no-control-socket", "bakerydemo.wsgi:application"],
            cwd=directory,
            env=bakerydemo_environment(),
            ready_path="/sitemap.xml",
        )
    except BaseException:
        ours.stop()
        raise
    try:
        blog = blog_path(theirs)
        blog_html = theirs.get(blog)[0]
        release_html = ours.get(release)[0]
        match = re.search(rb'href="(/static/css/main\.[0-9a-f]+\.css)"', blog_html)
        if not match:
            sys.exit(f"No hashed css/main.css link in {blog}: is WhiteNoise's manifest on?")
        their_static, our_static = match.group(1).decode(), static_url()
        for server, path in ((theirs, blog), (ours, release)):
            warm(server, path)
        sizes = {
            f"bakerydemo {blog}": len(blog_html),
            f"ours {release}": len(release_html),
        }
        rows = {}
        # Interleaved, ROUNDS times, so load from other work on the machine falls on both sides
        # alike; each cell is the median over the rounds. Each wrk run starts on warm workers
        # (ours recycles a worker after gunicorn.conf.py's max_requests).
        for name, their_path, our_path in (
            ("page: blog post ↔ uncached release", blog, release),
            ("static file (WhiteNoise)", their_static, our_static),
        ):
            runs = {"theirs": [], "ours": []}
            for _ in range(ROUNDS):
                for side, server, path in (
                    ("theirs", theirs, their_path),
                    ("ours", ours, our_path),
                ):
                    warm(server, path)
                    runs[side].append(wrk(server.base + path))
            rows[name] = (median_run(runs["theirs"]), median_run(runs["ours"]))
    finally:
        theirs.stop()
        ours.stop()
    print(render(info, rows, sizes))


if __name__ == "__main__":
    main()

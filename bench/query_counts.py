"""Database queries per page (uncached), printed as JSON: ``python bench/query_counts.py``.

Run by bench/run.py with DJANGO_SETTINGS_MODULE=bench.settings against the bench database.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402


def main():
    pages = json.loads(sys.argv[1])
    counts = {}
    with override_settings(PAGE_CACHE_ENABLED=False):
        client = Client()
        for name, (method, url) in pages.items():
            if method != "GET":
                continue
            client.get(url)  # warm per-process caches (site root paths, templates)
            with CaptureQueriesContext(connection) as queries:
                status = client.get(url).status_code
            counts[name] = {"queries": len(queries), "status": status}
    print(json.dumps(counts))


if __name__ == "__main__":
    main()

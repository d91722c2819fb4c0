"""Routing and slug checks with thousands of releases under one news index.

Compares, in one run on one database, wagtail-modeltranslation's stock implementations (which
load every sibling in Python) with ours (one query on an indexed ``slug_<lang>`` column), and
prints the ratios. Not part of ``make test``.

    .venv/bin/python bench/routing_and_slug_checks.py [number of releases, default 2000]
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
workdir = tempfile.mkdtemp(prefix="bench-")
os.environ["DJANGO_SETTINGS_MODULE"] = "ombudsman.settings.test"
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.db")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.utils import translation  # noqa: E402
from wagtail.models import Page  # noqa: E402
from wagtail_modeltranslation.patch_wagtailadmin import _new_route, _validate_slugs  # noqa: E402

from news.factories import HomePageFactory, NewsIndexPageFactory, NewsReleasePageFactory  # noqa: E402
from news.slugs import slug_clashes  # noqa: E402


def timed(function, repeat):
    start = time.perf_counter()
    for _ in range(repeat):
        function()
    return (time.perf_counter() - start) / repeat


def main(count: int):
    call_command("migrate", "--noinput", verbosity=0)
    home = HomePageFactory(parent=Page.get_first_root_node())
    index = NewsIndexPageFactory(parent=home)
    print(f"creating {count} releases under one index ...")
    start = time.perf_counter()
    releases = [NewsReleasePageFactory(parent=index) for _ in range(count)]
    print(f"  {time.perf_counter() - start:.1f} s ({count} saves with our indexed slug check)")
    target = releases[count // 2]
    request = RequestFactory().get("/")
    repeat = 20

    with translation.override("ru"):
        ours = timed(lambda: index.route(request, [target.slug_ru]), repeat)
        stock = timed(lambda: _new_route(index, request, [target.slug_ru]), repeat)
        print(f"route one release:     stock {stock * 1000:8.2f} ms   ours {ours * 1000:6.2f} ms")
        print(f"  ratio stock/ours: {stock / ours:.1f}x")

        slugs = {code: getattr(target, f"slug_{code}") for code in ("kk", "ru", "en")}
        ours = timed(lambda: slug_clashes(index, target.pk, slugs), repeat)
        stock = timed(lambda: _validate_slugs(target), 3)
        print(f"slug check on save:    stock {stock * 1000:8.2f} ms   ours {ours * 1000:6.2f} ms")
        print(f"  ratio stock/ours: {stock / ours:.1f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)

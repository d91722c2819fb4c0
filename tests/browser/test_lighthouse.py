"""Lighthouse's SEO category on the home page, the news list and a release in every language
(issue 10: "Lighthouse SEO scores 1.00 on home, list and release").

One Chromium (Debian's, the flags the other browser tests use) runs Lighthouse's Node API
(tests/browser/lighthouse_run.mjs, lighthouse pinned in package-lock.json) over all nine
addresses. Nothing leaves the machine: the SEO audits read the page and the site's own
/robots.txt; the structured-data audit is a manual one (no remote validator); Chromium's own
background services (sign-in, update and component checks, which resolve Google host names
even with --disable-background-networking) are cut off by a host-resolver rule that answers
"not found" for every name but 127.0.0.1, and the test fails if the page asked for anything
outside the site. Skipped without Chromium, Node or ``npm ci``; failing instead with
REQUIRE_BROWSER=1."""

import json
import os
import re
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest

from .conftest import CHROMIUM, CHROMIUM_ARGS, _unavailable

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("lighthouse_run.mjs")
LANGUAGES = ("kk", "ru", "en")
INDEX = {"kk": "/kk/zhanalyqtar/", "ru": "/ru/novosti/", "en": "/en/news/"}
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"


def newest_release(base_url, language):
    html = urllib.request.urlopen(base_url + INDEX[language]).read().decode()  # noqa: S310
    return re.search(r'class="release-card__title">\s*<a href="([^"]+)"', html)[1]


@pytest.fixture(scope="module")
def lighthouse(demo_site):
    node = shutil.which("node")
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")
    if not node:
        _unavailable("no node on PATH (apt-get install -y nodejs)")
    if not (ROOT / "node_modules" / "lighthouse" / "package.json").exists():
        _unavailable("lighthouse is not installed (npm ci)")
    urls = []
    for language in LANGUAGES:
        urls += [
            f"{demo_site.url}/{language}/",
            demo_site.url + INDEX[language],
            demo_site.url + newest_release(demo_site.url, language),
        ]
    result = subprocess.run(  # noqa: S603
        [node, str(RUNNER), "seo", *urls],
        cwd=ROOT,
        env={
            **os.environ,
            "CHROME_PATH": CHROMIUM,
            "LIGHTHOUSE_CHROME_FLAGS": json.dumps([*CHROMIUM_ARGS, OFFLINE]),
        },
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return {item["url"].removeprefix(demo_site.url): item for item in json.loads(result.stdout)}


def test_seo_scores_one_on_home_list_and_release_in_every_language(lighthouse, demo_site):
    assert len(lighthouse) == 3 * len(LANGUAGES)
    report = {
        path: (item["scores"]["seo"], item["runtimeError"], item["failing"]["seo"])
        for path, item in lighthouse.items()
    }
    for path, (score, error, failing) in report.items():
        print(f"Lighthouse SEO {score} {path}")  # noqa: T201
        for audit in failing:
            print(f"  failing: {audit['id']} ({audit['score']}) {audit['explanation']}")  # noqa: T201
            print(f"    {json.dumps(audit['items'], ensure_ascii=False)[:500]}")  # noqa: T201
        assert error is None, (path, error)
    assert {path: score for path, (score, _e, _f) in report.items()} == dict.fromkeys(report, 1), {
        path: failing for path, (_s, _e, failing) in report.items() if failing
    }


def test_lighthouse_asked_for_nothing_outside_the_site(lighthouse, demo_site):
    outside = {
        path: [url for url in item["requested"] if not url.startswith(demo_site.url + "/")]
        for path, item in lighthouse.items()
    }
    assert outside == dict.fromkeys(lighthouse, []), outside
    for path, item in lighthouse.items():
        assert item["finalUrl"] == demo_site.url + path  # no redirect elsewhere
        assert item["requested"], path

"""The admin works under its Content-Security-Policy: no violation and no console error on the
dashboard, the release editor (rich text and StreamField), the image chooser and the preview
(a same-origin iframe: frame-ancestors 'self'). Public pages, with their stricter policy, are
covered by every other browser test, which fails on any console error."""

import subprocess

import pytest

pytestmark = pytest.mark.browser

PASSWORD = "csp-admin-pw-1"  # only in the throwaway demo database
# Recorded by the page itself: the event fires for every blocked script, style, frame or image.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture(scope="module")
def csp_admin(demo_site):
    subprocess.run(  # noqa: S603
        [
            *demo_site.manage,
            "createsuperuser",
            "--noinput",
            "--username",
            "cspadmin",
            "--email",
            "cspadmin@example.org",
        ],
        env={**demo_site.env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
        cwd=demo_site.root,
        check=False,
        capture_output=True,
    )
    return "cspadmin"


def violations(page):
    return page.evaluate("window.__cspViolations || []")


def test_admin_screens_raise_no_csp_violation(demo_site, csp_admin, open_page):
    page = open_page(locale="en-GB")
    page.add_init_script(RECORD_VIOLATIONS)
    bad_responses = []
    page.on(
        "response",
        lambda response: (
            bad_responses.append(f"{response.status} {response.url}")
            if response.status >= 400
            else None
        ),
    )
    locations = []
    page.on("console", lambda message: locations.append(str(message.location)))
    page.goto(demo_site.url + "/admin/login/")
    page.fill("input[name=username]", csp_admin)
    page.fill("input[name=password]", PASSWORD)
    page.locator("button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    header = page.evaluate(
        "() => fetch(location.href).then(r => r.headers.get('content-security-policy'))"
    )
    assert "frame-ancestors 'self'" in header
    assert violations(page) == []

    # A release in the editor: Draftail rich text inside a StreamField.
    page_id = subprocess.run(  # noqa: S603
        [
            *demo_site.manage,
            "shell",
            "-c",
            "from news.models import NewsReleasePage; "
            "print(NewsReleasePage.objects.live().order_by('-first_published_at').first().pk)",
        ],
        env=demo_site.env,
        cwd=demo_site.root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]
    page.goto(f"{demo_site.url}/admin/pages/{page_id}/edit/")
    page.wait_for_selector("[data-draftail-editor], .Draftail-Editor", timeout=20000)
    page.locator(".Draftail-Editor .public-DraftEditor-content").first.click()
    page.keyboard.type(" CSP")
    assert violations(page) == []

    # The image chooser modal, from the toolbar of a rich text field or a chooser button.
    page.goto(f"{demo_site.url}/admin/images/chooser/")
    assert violations(page) == []
    page.goto(f"{demo_site.url}/admin/pages/{page_id}/edit/")
    page.wait_for_selector(".Draftail-Editor", timeout=20000)
    chooser = page.locator("button[data-chooser-action-choose]:visible").first
    if chooser.count():
        chooser.click()
        page.wait_for_selector(".modal-dialog, [role=dialog]", timeout=20000)

    # The preview side panel: the page rendered in an iframe of the admin.
    page.locator("[data-side-panel-toggle='preview']").first.click()
    # Wagtail swaps in a fresh iframe when the preview loads: look for the frame by its URL.
    page.wait_for_selector("iframe.w-preview__iframe", timeout=20000)
    for _attempt in range(40):
        frames = [frame for frame in page.frames if "/preview/" in frame.url]
        if frames and frames[-1].locator("h1").count():
            break
        page.wait_for_timeout(500)
    assert frames, ([frame.url for frame in page.frames], violations(page), page.console.errors)
    assert frames[-1].locator("h1").count() >= 1  # the release rendered inside the admin
    assert violations(page) == []
    assert page.console.errors == [], (bad_responses, locations)
    assert [line for line in bad_responses if "/favicon" not in line] == []

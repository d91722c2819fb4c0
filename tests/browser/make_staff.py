# Run by tests/browser/conftest.py through `manage.py shell -c` in the staff test site: an
# Author and an Editor in the project's groups (editorial/roles.py), password "x-pass-123".
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from editorial.roles import AUTHORS, EDITORS

# Two-factor login is off unless STAFF_REQUIRE_2FA is set; the staff tests log in with a
# password only and would stop at the set-up page otherwise.
assert not settings.STAFF_REQUIRE_2FA, "STAFF_REQUIRE_2FA must default to false in development"

User = get_user_model()
for username, role in (("author", AUTHORS), ("editor", EDITORS)):
    user, _created = User.objects.get_or_create(
        username=username,
        defaults={
            "email": f"{username}@example.org",
            "first_name": username.title(),
            "last_name": "Tester",
        },
    )
    user.set_password("x-pass-123")
    user.save()
    user.groups.add(Group.objects.get(name=role))

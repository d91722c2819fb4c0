import pytest
from django.contrib.auth.models import Group
from django.test import Client

from editorial.roles import ADMINISTRATORS, AUTHORS, EDITORS


@pytest.fixture
def make_staff(db, django_user_model):
    def make(username, role):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.org", "x-pass-123"
        )
        user.groups.add(Group.objects.get(name=role))
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(user)
        return user, client

    return make


@pytest.fixture
def author(make_staff, news_index):
    return make_staff("author", AUTHORS)


@pytest.fixture
def editor(make_staff, news_index):
    return make_staff("editor", EDITORS)


@pytest.fixture
def administrator(make_staff, news_index):
    return make_staff("administrator", ADMINISTRATORS)

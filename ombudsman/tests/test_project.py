"""Project-wide guarantees: migrations, catalogues, settings."""

import os
import re
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

from ombudsman.tests.services import copy_of_project

ROOT = Path(settings.BASE_DIR)


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = StringIO()
    # --check exits non-zero (SystemExit) when a migration is missing.
    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db
def test_system_checks_pass():
    out = StringIO()
    call_command("check", stdout=out)  # raises SystemCheckError on any error
    assert "no issues" in out.getvalue()


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_catalogue_is_complete(language):
    catalogue = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
    assert len(catalogue) > 50
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, untranslated
    assert not fuzzy, fuzzy
    assert catalogue.metadata.get("Language") == language


def test_every_string_in_the_code_is_in_the_catalogues(tmp_path):
    """makemessages on a copy of the project finds no string that our catalogues lack."""
    copy = copy_of_project(ROOT, tmp_path / "project")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ombudsman.settings.test"}
    for domain in ("django", "djangojs"):
        result = subprocess.run(  # noqa: S603
            [
                sys.executable,
                "manage.py",
                "makemessages",
                "-l",
                "kk",
                "-l",
                "ru",
                "-l",
                "en",
                "-d",
                domain,
                "--no-obsolete",
            ],
            cwd=copy,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
    for language in ("kk", "ru", "en"):
        for po in (copy / "locale" / language / "LC_MESSAGES").glob("*.po"):
            catalogue = polib.pofile(str(po))
            missing = [
                e.msgid for e in catalogue.untranslated_entries() + catalogue.fuzzy_entries()
            ]
            assert not missing, (language, po.name, missing)
    # The msgids of Wagtail's strings the project translates survive --no-obsolete.
    from ombudsman.library_msgids import LIBRARY_MSGIDS

    for language in ("kk", "ru", "en"):
        catalogue = polib.pofile(str(copy / "locale" / language / "LC_MESSAGES" / "django.po"))
        kept = {entry.msgid for entry in catalogue.translated_entries()}
        assert set(LIBRARY_MSGIDS) <= kept, set(LIBRARY_MSGIDS) - kept


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"ALLOWED_HOSTS": "example.org"}, "SECRET_KEY"),
        ({"SECRET_KEY": "a-real-secret"}, "ALLOWED_HOSTS"),
    ],
)
def test_production_settings_refuse_to_start_without_key_and_hosts(environment, message):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(environment, DJANGO_SETTINGS_MODULE="ombudsman.settings.production")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert message in result.stderr


def test_catalogues_compile_without_gnu_gettext(tmp_path, settings, monkeypatch):
    """make run must work on a machine without msgfmt: polib compiles the catalogues then."""
    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.setenv("PATH", str(tmp_path))  # no msgfmt anywhere
    call_command("compile_catalogues", verbosity=0)

    mo = polib.mofile(str(tmp_path / "locale" / "kk" / "LC_MESSAGES" / "django.mo"))
    assert mo.find("November", msgctxt="alt. month").msgstr == "қараша"


def test_django_commands_are_not_shadowed_by_the_project():
    """compilemessages is Django's own; migrate is the one wagtail-modeltranslation documents."""
    from django.core.management import get_commands

    commands = get_commands()
    assert commands["compilemessages"] == "django.core"
    assert commands["migrate"] == "wagtail_modeltranslation.migrate"
    assert commands["compile_catalogues"] == "ombudsman"


def test_catalogues_compile_with_msgfmt_through_djangos_command(tmp_path, settings):
    if not shutil.which("msgfmt"):
        pytest.skip("GNU gettext is not installed")
    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    call_command("compile_catalogues", verbosity=0)
    mo = polib.mofile(str(tmp_path / "locale" / "kk" / "LC_MESSAGES" / "django.mo"))
    assert mo.find("November", msgctxt="alt. month").msgstr == "қараша"


def _fresh_project_env(tmp_path):
    return {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_SETTINGS_MODULE": "ombudsman.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
    }


def _manage(env, *arguments, stdin=None):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        input=stdin,
    )


def test_migrate_on_a_fresh_database_is_quiet_and_complete(tmp_path):
    """No "Missing languages ... ALTER TABLE" blocks, no y/n question even without --noinput,
    and the translated page columns, their slug indexes and the root's url_path are there."""
    import sqlite3

    env = _fresh_project_env(tmp_path)
    result = _manage(env, "migrate", stdin="")  # no --noinput, nobody to answer
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "Missing languages" not in output
    assert "ALTER TABLE" not in output
    assert "(y/n)" not in output
    with sqlite3.connect(tmp_path / "fresh.sqlite3") as connection:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(wagtailcore_page)")}
        indexes = {row[1] for row in connection.execute("PRAGMA index_list(wagtailcore_page)")}
        root_paths = connection.execute(
            "SELECT url_path_kk, url_path_ru, url_path_en FROM wagtailcore_page WHERE depth = 1"
        ).fetchone()
    for code in ("kk", "ru", "en"):
        assert {f"title_{code}", f"slug_{code}", f"url_path_{code}"} <= columns
        assert f"wagtailcore_page_slug_{code}_idx" in indexes
    assert root_paths == ("/", "/", "/")

    # make run's account hint: shown while no account exists, not after.
    makefile = (ROOT / "Makefile").read_text()
    hint_check = re.search(r'shell --no-imports -c "([^"]+)"', makefile).group(1)
    assert _manage(env, "shell", "--no-imports", "-c", hint_check).returncode == 0  # hint
    _manage(env, "createsuperuser", "--noinput", "--username", "chief", "--email", "")
    assert _manage(env, "shell", "--no-imports", "-c", hint_check).returncode == 1  # no hint


@pytest.mark.django_db
def test_migrate_tells_about_added_columns_only_when_asked(monkeypatch):
    from news import translated_columns

    added = []
    monkeypatch.setattr(
        translated_columns,
        "missing_translated_columns",
        lambda using="default": [(SimpleNamespace(column="title_xx"), "SELECT 1")],
    )
    monkeypatch.setattr(
        translated_columns, "prepare_translated_columns", lambda **kwargs: added.append(kwargs)
    )
    for verbosity, expected in ((1, ""), (2, "Adding translated column title_xx: SELECT 1\n")):
        out = StringIO()
        translated_columns.after_migrate(None, using="default", verbosity=verbosity, stdout=out)
        assert out.getvalue().strip() == expected.strip()
    assert added == [{"using": "default"}, {"using": "default"}]

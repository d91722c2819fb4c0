"""Project-wide guarantees: migrations, catalogues, settings."""

import os
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

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
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv",
            ".git",
            "media",
            "staticfiles",
            ".pytest-media",
            "node_modules",
            "*.sqlite3",
            "__pycache__",
            "bench",
            ".ruff_cache",
            ".pytest_cache",
            "test-results",
        ),
    )
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
    call_command("compilemessages", verbosity=0)

    mo = polib.mofile(str(tmp_path / "locale" / "kk" / "LC_MESSAGES" / "django.mo"))
    assert mo.find("November", msgctxt="alt. month").msgstr == "қараша"

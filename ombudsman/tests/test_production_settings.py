"""Production settings: refusal without each required variable, `check --deploy` silent, and
.env.example usable as a .env."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from ombudsman.tests.services import copy_of_project

ROOT = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "ombudsman.settings.production",
    "SECRET_KEY": "a-long-production-like-key-9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a",
    "ALLOWED_HOSTS": "news.example.kz",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/prod",
    "REDIS_URL": "redis://127.0.0.1:6379/1",
}


def run_manage(*args, env, cwd=ROOT):
    base = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION_ENV
        and not key.startswith(("EMAIL_", "SECURE_"))
        # Set in-process by the browser tests' conftest; a real deployment never has it.
        and key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, str(Path(cwd) / "manage.py"), *args],
        env={**base, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"])
def test_production_refuses_to_start_and_names_the_missing_variable(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"The environment variable {missing} is required" in result.stderr


def test_an_empty_required_variable_counts_as_missing():
    result = run_manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": "  "})
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_production_needs_postgresql():
    result = run_manage("check", env={**PRODUCTION_ENV, "DATABASE_URL": "sqlite:///x.sqlite3"})
    assert result.returncode != 0
    assert "DATABASE_URL must name a PostgreSQL database" in result.stderr


def test_check_deploy_prints_no_warning():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_production_values_come_from_the_environment():
    script = (
        "from django.conf import settings as s; import json; print(json.dumps({"
        "'redirect': s.SECURE_SSL_REDIRECT, 'proxy': list(s.SECURE_PROXY_SSL_HEADER),"
        "'hsts': s.SECURE_HSTS_SECONDS, 'csrf': s.CSRF_TRUSTED_ORIGINS,"
        "'mail': s.MAILERS['default'], 'cache': s.CACHES['default']['BACKEND'],"
        "'session': s.SESSION_ENGINE, 'conn_max_age': s.DATABASES['default']['CONN_MAX_AGE'],"
        "'health_checks': s.DATABASES['default']['CONN_HEALTH_CHECKS'],"
        "'static': s.STORAGES['staticfiles']['BACKEND'], 'exempt': s.SECURE_REDIRECT_EXEMPT}))"
    )
    env = {
        **PRODUCTION_ENV,
        "CSRF_TRUSTED_ORIGINS": "https://news.example.kz",
        "EMAIL_URL": "smtp+tls://newsroom:p%40ss@mail.example.kz:587",
        "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_SCHEME,https",
    }
    result = run_manage("shell", "-c", script, env=env)
    assert result.returncode == 0, result.stderr
    import json

    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["redirect"] is True  # on by default
    assert values["proxy"] == ["HTTP_X_FORWARDED_SCHEME", "https"]
    assert values["hsts"] >= 31536000
    assert values["csrf"] == ["https://news.example.kz"]
    assert values["mail"]["OPTIONS"] == {
        "host": "mail.example.kz",
        "port": 587,
        "username": "newsroom",
        "password": "p@ss",
        "use_tls": True,
        "timeout": 10,
    }
    assert values["cache"] == "ombudsman.cache.DegradingRedisCache"
    assert values["session"] == "django.contrib.sessions.backends.cached_db"
    assert values["conn_max_age"] == 60 and values["health_checks"] is True
    assert values["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert values["exempt"] == [r"^healthz$"]


def test_env_example_copied_to_env_gives_a_working_check(tmp_path):
    copy = copy_of_project(ROOT, tmp_path / "project")
    shutil.copy(ROOT / ".env.example", copy / ".env")
    result = run_manage("check", env={"DJANGO_SETTINGS_MODULE": "ombudsman.settings.dev"}, cwd=copy)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_every_variable_of_env_example_is_in_the_readme():
    import re

    example = (ROOT / ".env.example").read_text()
    readme = (ROOT / "README.md").read_text()
    names = set(re.findall(r"^# ([A-Z][A-Z0-9_]+)=", example, flags=re.MULTILINE))
    assert {"DATABASE_URL", "REDIS_URL", "EMAIL_URL", "SECURE_SSL_REDIRECT"} <= names
    missing = sorted(name for name in names if f"`{name}`" not in readme)
    assert not missing, missing

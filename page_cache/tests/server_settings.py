"""Settings for the gunicorn servers the page-cache tests start: production settings (the shared
cache on REDIS_URL, persistent database connections), plain HTTP on loopback."""

from ombudsman.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
# These tests are about pages, not static files: no collectstatic manifest needed.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}

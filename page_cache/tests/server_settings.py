"""Settings for the gunicorn servers the page-cache tests start: production settings, with the
shared cache on Redis (REDIS_URL) and persistent database connections where production does not
set them up yet, plain HTTP on loopback."""

from ombudsman.settings.production import *  # noqa: F403
from ombudsman.settings.production import CACHES, DATABASES, env

SECURE_SSL_REDIRECT = False
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("REDIS_URL"),
        }
    }
if not DATABASES["default"].get("CONN_MAX_AGE"):
    DATABASES["default"]["CONN_MAX_AGE"] = 600
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
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

"""The production profile for `make bench`, on loopback.

Starts from ombudsman.settings.production and fills in only what production must get from engineer
"prod"'s work (Redis cache, persistent connections, WhiteNoise) when it is not there yet, so the
bench measures the production stack either way. Adds the floor view (bench/urls.py) and serves
plain HTTP on loopback.
"""

from ombudsman.settings.production import *  # noqa: F403
from ombudsman.settings.production import CACHES, DATABASES, MIDDLEWARE, STORAGES, env

ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("REDIS_URL", default="redis://127.0.0.1:6379/2"),
        }
    }
if not DATABASES["default"].get("CONN_MAX_AGE"):
    DATABASES["default"]["CONN_MAX_AGE"] = 600
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
WHITENOISE = "whitenoise.middleware.WhiteNoiseMiddleware"
if WHITENOISE not in MIDDLEWARE:
    MIDDLEWARE = [MIDDLEWARE[0], WHITENOISE, *MIDDLEWARE[1:]]
    STORAGES = {
        **STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
WHITENOISE_MAX_AGE = 365 * 24 * 60 * 60
LOGGING = {"version": 1, "disable_existing_loggers": False}

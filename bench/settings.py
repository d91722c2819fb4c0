"""The production profile for `make bench`, on loopback.

Production settings as they are (Redis cache, persistent connections, WhiteNoise), plus the floor
view (bench/urls.py), plain HTTP on loopback and quiet logs.
"""

from ombudsman.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

WHITENOISE_MAX_AGE = 365 * 24 * 60 * 60
LOGGING = {"version": 1, "disable_existing_loggers": False}

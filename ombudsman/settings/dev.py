"""Local development: DEBUG on, a throwaway key, e-mail printed to the console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# Only for a developer's machine; production.py refuses to start without a real key.
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
# Template and code edits do not purge the page cache; a developer wants to see them at once.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=False)
# `make run` loads the demo content: one INFO line per page created, edited and published is
# noise on a developer's console (production keeps them as an audit trail).
LOGGING["loggers"]["wagtail"] = {"level": "WARNING", "propagate": True}  # noqa: F405

"""Production: every value from the environment; refuses to start without the required ones.

Required: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL (PostgreSQL), REDIS_URL. A missing one stops
start-up with ImproperlyConfigured naming it. HTTPS is assumed (behind a TLS-terminating
proxy that sets X-Forwarded-Proto); SECURE_SSL_REDIRECT=false only for a local `make serve`.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MIDDLEWARE, env


def required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required in production and is not set. "
            "See README.md (Settings) and .env.example."
        )
    return value


DEBUG = False
SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in required("ALLOWED_HOSTS").split(",") if host.strip()]
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

if not required("DATABASE_URL").startswith(("postgres://", "postgresql://", "pgsql://")):
    raise ImproperlyConfigured("DATABASE_URL must name a PostgreSQL database in production.")
required("REDIS_URL")  # base.py has built CACHES from it

# E-mail: EMAIL_URL such as smtp+tls://user:password@mail.example.org:587 (django-environ).
_email = env.email_url("EMAIL_URL", default="smtp://localhost:25")
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": {
            key: value
            for key, value in {
                "host": _email.get("EMAIL_HOST"),
                "port": _email.get("EMAIL_PORT"),
                "username": _email.get("EMAIL_HOST_USER") or None,
                "password": _email.get("EMAIL_HOST_PASSWORD") or None,
                "use_tls": _email.get("EMAIL_USE_TLS"),
                "use_ssl": _email.get("EMAIL_USE_SSL"),
                "timeout": env.int("EMAIL_TIMEOUT", default=10),
            }.items()
            if value is not None
        }
        if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
        else {},
    }
}
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)  # noqa: F405

# --- HTTPS ----------------------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The load balancer probes /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# The proxy header that says the client used HTTPS: "HTTP_X_FORWARDED_PROTO,https" by default.
# Only set by a proxy that overwrites it; never trust it when clients reach gunicorn directly.
_proxy_header = env.list("SECURE_PROXY_SSL_HEADER", default=["HTTP_X_FORWARDED_PROTO", "https"])
if len(_proxy_header) != 2:
    raise ImproperlyConfigured(
        "SECURE_PROXY_SSL_HEADER must be 'HEADER,value', e.g. 'HTTP_X_FORWARDED_PROTO,https'."
    )
SECURE_PROXY_SSL_HEADER = tuple(_proxy_header)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=63072000)  # two years
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
# Cookies travel over HTTPS only; a local `make serve` over HTTP turns this off together with
# the redirect, or staff could not sign in there.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=SECURE_SSL_REDIRECT)
SESSION_COOKIE_HTTPONLY = True
if SECURE_SSL_REDIRECT:
    SECURE_CSP = {**SECURE_CSP, "upgrade-insecure-requests": True}  # noqa: F405
    SECURE_CSP_ADMIN = {**SECURE_CSP_ADMIN, "upgrade-insecure-requests": True}  # noqa: F405

# --- Static files: WhiteNoise, hashed names, compressed, cached for a year ------------------------
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Hashed files are immutable: WhiteNoise sends max-age of a year for them (WHITENOISE_MAX_AGE
# applies to the few unhashed ones).
WHITENOISE_MAX_AGE = env.int("WHITENOISE_MAX_AGE", default=3600)

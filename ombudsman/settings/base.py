"""Settings shared by every environment.

Safe by default: DEBUG is off and nothing here trusts the network. Every value that differs between
machines is read from a typed environment variable; each one is listed in README.md and
.env.example.
"""

import zoneinfo
from pathlib import Path

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from ombudsman.cache import redis_caches
from ombudsman.request_log import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A .env file beside manage.py is optional; real environment variables win over it.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    # Project-wide commands (compile_catalogues) and template tags.
    "ombudsman",
    # wagtail_modeltranslation must precede the apps whose pages it translates; its own
    # makemigrations and migrate overrides keep migrations out of Wagtail's package.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "news",
    "office",
    "readership",
    "vision",
    "typo_reports",
    "editorial",
    "page_cache",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: every log line of the request carries its id, and the response echoes it.
    "ombudsman.request_log.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before sessions, auth, two-factor, axes and redirects: a cached page needs no database.
    "page_cache.middleware.PageCacheMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "ombudsman.security_headers.AdminContentSecurityPolicyMiddleware",
    "ombudsman.security_headers.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "ombudsman.middleware.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "editorial.two_factor.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Before Wagtail's page view: the route to a page, kept until the next purge.
    "news.route_cache.RouteCacheMiddleware",
    # A view's lost database connection becomes a 503 page (handler500 covers the middleware).
    "ombudsman.faults.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ombudsman.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "ombudsman.wsgi.application"

# SQLite in the project folder unless DATABASE_URL names another database.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's database search backend uses PostgreSQL's full-text fields there.
    INSTALLED_APPS.append("django.contrib.postgres")
    # Persistent connections, checked before reuse, rather than psycopg's pool: gunicorn's sync
    # workers serve one request at a time, so a pool per process would hold one connection
    # anyway, and a health-checked persistent connection reconnects by itself after an outage.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # An unreachable server fails the request quickly (503 page) instead of hanging a worker.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )

# Redis when REDIS_URL is set (production, CI), else per-process memory (development).
# "default" serves pages, sessions and fragments and degrades when Redis is down
# (ombudsman/cache.py); "limits" holds rate limits and raises instead, so that a limit is never
# silently lifted.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = redis_caches(REDIS_URL, env.float("REDIS_TIMEOUT_SECONDS", default=0.5))
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ombudsman",
        },
        "limits": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ombudsman-limits",
        },
    }
# Sessions (staff only; readers get none) live in the database and are read through the cache:
# a Redis restart or outage signs nobody out, and a cache that is down only costs a query.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages --------------------------------------------------------------------------------
# Kazakh is the state language and the default; the public site always carries a language prefix.
LANGUAGE_CODE = "kk"
LANGUAGES = [
    ("kk", "Қазақша"),
    ("ru", "Русский"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Django ships no Kazakh date formats, and its Russian and English ones are not the newsroom's.
FORMAT_MODULE_PATH = ["ombudsman.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Almaty")

MODELTRANSLATION_DEFAULT_LANGUAGE = "kk"
MODELTRANSLATION_LANGUAGES = ("kk", "ru", "en")
# Wagtail's core validates the untranslated title and slug in the editor's UI language. With a
# fallback through every language it can always resolve them, whatever languages a page has.
# Public pages never rely on the fallback: see news/languages.py.
MODELTRANSLATION_FALLBACK_LANGUAGES = ("kk", "ru", "en")

# The edit forms have a tab per language (news/panels.py); wagtail-modeltranslation's own
# "View / edit fields for" picker would hide the fields of the other tabs.
WAGTAILMODELTRANSLATION_LOCALE_PICKER = False

# The admin has no Kazakh translation; staff choose Russian or English.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ru", "Русский"), ("en", "English")]
ADMIN_DEFAULT_LANGUAGE = "ru"

# --- Static and media files -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

# --- Wagtail ------------------------------------------------------------------------------------
# The office's name on the dashboard, in the admin's title and in notification e-mails, in the
# reader's language (the Site record carries the same name: editorial/migrations/0002).
# Same text as ombudsman.office.OFFICE_NAME.
WAGTAIL_SITE_NAME = _("Commissioner for Human Rights in the Republic of Kazakhstan")
# Nothing in the admin asks another host: no gravatar avatars, no release check at wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_USER_LOGIN_FORM = "editorial.account.LoginForm"  # a translated password label
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Area/Location names only. The system's tz database also lists "localtime", "Factory" and
# "posixrules", which browsers reject (RangeError: Invalid time zone specified) on the account page.
WAGTAIL_USER_TIME_ZONES = sorted(
    name
    for name in zoneinfo.available_timezones()
    if "/" in name and not name.startswith(("Etc/", "SystemV/", "posix/", "right/"))
) + ["UTC"]
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False  # one page tree, languages in columns (wagtail-modeltranslation)
WAGTAIL_ALLOW_UNICODE_SLUGS = False  # Latin slugs from news/transliteration.py, server and admin
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "odt", "xlsx", "csv", "txt", "zip"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Uploads beyond these limits are refused in the upload form with a message saying why.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("IMAGE_MAX_UPLOAD_MB", default=10) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)

# --- Editorial workflow (editorial/) ------------------------------------------------------------
# Wagtail e-mails reviewers when a release is submitted and authors when it is approved or sent
# back with comments.
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = env.str(
    "NOTIFICATION_FROM_EMAIL", default="newsroom@localhost"
)
DEFAULT_FROM_EMAIL = WAGTAILADMIN_NOTIFICATION_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = env.bool("NOTIFY_SUPERUSERS", default=False)

# --- Staff security ------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # django-axes refuses logins for a locked-out username and address before checking passwords.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("LOGIN_COOLOFF_HOURS", default=1.0)
# A failed guess counts against this username from this address, so one attacker cannot lock a
# colleague out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "editorial/locked_out.html"
# The database handler survives restarts and is shared by every worker process; the cache handler
# (axes.handlers.cache.AxesCacheHandler) suits a shared cache such as Redis or memcached.
AXES_HANDLER = env.str("AXES_HANDLER", default="axes.handlers.database.AxesDatabaseHandler")
# Kept in the database rather than the cache (AxesCacheHandler): lockouts and the sign-in log
# then survive a Redis restart and an outage never lifts a lock. purge_login_records deletes
# the records (which hold staff addresses) after LOGIN_RECORDS_RETENTION_DAYS.
LOGIN_RECORDS_RETENTION_DAYS = env.int("LOGIN_RECORDS_RETENTION_DAYS", default=30)
# Behind a reverse proxy, CLIENT_IP_HEADERS names the header it writes (e.g.
# HTTP_X_FORWARDED_FOR). Login limiting and the typo-report limit read the address through the
# same helper.
CLIENT_IP_HEADERS = env.list("CLIENT_IP_HEADERS", default=[])
AXES_CLIENT_IP_CALLABLE = "ombudsman.client_ip.client_ip"

# Two-factor login (django-otp TOTP devices, editorial/two_factor.py): every staff member may set
# up an authenticator app in their account; whoever has one must enter a code after signing in.
# With STAFF_REQUIRE_2FA every staff member must set one up before using the admins.
STAFF_REQUIRE_2FA = env.bool("STAFF_REQUIRE_2FA", default=False)
OTP_TOTP_ISSUER = "Ombudsman newsroom"

NEWS_RELEASES_PER_PAGE = 10
# Wagtail's automatic redirects see one language only; news/redirects.py makes them per language.
WAGTAILREDIRECTS_AUTO_CREATE = False

# --- Typo reports (typo_reports) ----------------------------------------------------------------
# Readers report errors in releases. The rate limit lives in CACHES["default"]: in production that
# cache must be shared by every worker (Redis, Memcached or the database cache), or each worker
# counts on its own.
TYPO_REPORTS_RETENTION_DAYS = env.int("TYPO_REPORTS_RETENTION_DAYS", default=365)
TYPO_REPORTS_TOKEN_MAX_AGE = env.int("TYPO_REPORTS_TOKEN_MAX_AGE", default=2 * 60 * 60)
TYPO_REPORTS_RATE_LIMIT_SHORT = env.int("TYPO_REPORTS_RATE_LIMIT_SHORT", default=5)
TYPO_REPORTS_RATE_LIMIT_SHORT_SECONDS = env.int(
    "TYPO_REPORTS_RATE_LIMIT_SHORT_SECONDS", default=5 * 60
)
TYPO_REPORTS_RATE_LIMIT_DAILY = env.int("TYPO_REPORTS_RATE_LIMIT_DAILY", default=30)
TYPO_REPORTS_MAX_BODY_BYTES = env.int("TYPO_REPORTS_MAX_BODY_BYTES", default=16 * 1024)
# Sender of the digest; empty: Django's DEFAULT_FROM_EMAIL.
TYPO_REPORTS_FROM_EMAIL = env.str("TYPO_REPORTS_FROM_EMAIL", default="")

# --- Security headers (ombudsman/security_headers.py) ---------------------------------------------
# Public pages: no inline script or style, so cached pages need no nonce. JSON-LD data blocks
# are not executed and need no allowance.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# The Wagtail and Django admins: Wagtail renders inline <script> (date pickers, inline panels)
# and style attributes with no nonce, and shows previews and choosers in same-origin iframes;
# image uploads preview as blob: URLs. Nothing else is allowed (no eval, no other host).
SECURE_CSP_ADMIN = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "worker-src": [CSP.SELF, "blob:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}
PERMISSIONS_POLICY_DISABLED_FEATURES = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "usb",
    "interest-cohort",
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# --- Logging: JSON lines on stdout, each with the request id (ombudsman/request_log.py) --------
LOGGING = logging_config(env.str("LOG_LEVEL", default="INFO"))

# --- Public page cache (page_cache) -----------------------------------------------------------
# Anonymous public pages are kept in CACHES[PAGE_CACHE_ALIAS] (Redis in production, shared by every
# worker) and purged on publish, unpublish, move and delete (page_cache/purge.py).
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=10 * 60)
# Cache-Control for browsers and for a reverse proxy (s-maxage). A proxy keeps a page longer only
# when FRONTEND_CACHE_PURGE_URL lets us purge it there, and never one with a query string.
PAGE_CACHE_BROWSER_MAX_AGE = env.int("PAGE_CACHE_BROWSER_MAX_AGE", default=30)
PAGE_CACHE_PROXY_MAX_AGE = env.int("PAGE_CACHE_PROXY_MAX_AGE", default=30)
PAGE_CACHE_PURGED_PROXY_MAX_AGE = env.int("PAGE_CACHE_PURGED_PROXY_MAX_AGE", default=60 * 60)
PAGE_CACHE_STALE_WHILE_REVALIDATE = 30
PAGE_CACHE_LANGUAGES = [code for code, _name in LANGUAGES]
PAGE_CACHE_NEUTRAL_PATHS = ["/sitemap.xml", "/robots.txt"]
PAGE_CACHE_NEUTRAL_PREFIXES = ["/sitemap-"]
# A request carrying one of these cookies is someone's own (signed-in staff, pending messages).
PAGE_CACHE_BYPASS_COOKIES = ["sessionid", "messages"]
# Page types whose Last-Modified is their last publication (a listing changes with its items).
PAGE_CACHE_LAST_MODIFIED_MODELS = ["news.NewsReleasePage"]
# Wagtail's frontend-cache purge for a reverse proxy (nginx, Varnish): an HTTP PURGE is sent to
# this URL for each changed address. Empty: no proxy purge.
FRONTEND_CACHE_PURGE_URL = env.str("FRONTEND_CACHE_PURGE_URL", default="")
FRONTEND_CACHE_SITE_URL = env.str("FRONTEND_CACHE_SITE_URL", default=WAGTAILADMIN_BASE_URL)
WAGTAILFRONTENDCACHE = (
    {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }
    if FRONTEND_CACHE_PURGE_URL
    else {}
)

# --- View counter (readership) ------------------------------------------------------------------
# Views wait in CACHES["default"] (shared by every worker in production: Redis) and are written to
# the database in batches: when a page has this many pending, when it was not written for this
# many seconds, and by `manage.py flush_view_counts`.
READERSHIP_BATCH_SIZE = env.int("READERSHIP_BATCH_SIZE", default=50)
READERSHIP_FLUSH_SECONDS = env.int("READERSHIP_FLUSH_SECONDS", default=60)
# A browser (keyed hash of address + User-Agent, kept in the cache only) counts once per page
# in this window.
READERSHIP_DEDUPE_SECONDS = env.int("READERSHIP_DEDUPE_SECONDS", default=30 * 60)

"""Settings shared by every environment.

Safe by default: DEBUG is off and nothing here trusts the network. Every value that differs between
machines is read from a typed environment variable; each one is listed in README.md and
.env.example.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A .env file beside manage.py is optional; real environment variables win over it.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    # Project-wide commands (migrate) and template tags; listed first so its migrate wins.
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
    "django.middleware.security.SecurityMiddleware",
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

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ombudsman",
    }
}

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
WAGTAIL_SITE_NAME = "Ombudsman newsroom"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False  # one page tree, languages in columns (wagtail-modeltranslation)
WAGTAIL_ALLOW_UNICODE_SLUGS = False  # readable Latin slugs from anyascii, the same in every tool
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
# Behind a reverse proxy, set this to the header it writes (e.g. HTTP_X_FORWARDED_FOR).
AXES_IPWARE_META_PRECEDENCE_ORDER = [
    *env.list("CLIENT_IP_HEADERS", default=[]),
    "REMOTE_ADDR",
]

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

# --- View counter (readership) ------------------------------------------------------------------
# Views wait in CACHES["default"] (shared by every worker in production: Redis) and are written to
# the database in batches: when a page has this many pending, when it was not written for this
# many seconds, and by `manage.py flush_view_counts`.
READERSHIP_BATCH_SIZE = env.int("READERSHIP_BATCH_SIZE", default=50)
READERSHIP_FLUSH_SECONDS = env.int("READERSHIP_FLUSH_SECONDS", default=60)
# A browser (keyed hash of address + User-Agent, kept in the cache only) counts once per page
# in this window.
READERSHIP_DEDUPE_SECONDS = env.int("READERSHIP_DEDUPE_SECONDS", default=30 * 60)

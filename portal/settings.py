"""Settings for the health-insurance portal, read from the environment (12-factor).

Every variable is documented in `.env.example`. Defaults are safe for production:
DEBUG is off unless asked for, and without a SECRET_KEY the portal refuses to start.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.languages import PORTAL_LANGUAGES

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
env_file = BASE_DIR / ".env"
if env_file.exists():
    environ.Env.read_env(env_file)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment (see .env.example), "
            "or set DEBUG=true for local development only."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-debug-on"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "portal.apps.PortalAdminConfig",  # django.contrib.admin, the portal's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_countries",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "import_export",
    "accounts",
    "students",
    "guidance",
    "notifications",
    "documents",
    "messaging",
    "expenses",
    "deadlines",
    "office",
    "privacy",
    # Demo and synthetic data with their commands; nothing imports it.
    "devdata",
]

MIDDLEWARE = [
    # First, so that its headers reach every response, even one made from an exception
    # raised by a middleware below (a bad Host header: the 400 page).
    "portal.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session: a guidance page for a visitor without one, sent as stored.
    "guidance.middleware.StoredGuidancePageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The admin in English or French only (portal/languages.py).
    "portal.middleware.AdminLanguageMiddleware",
    # Inside the locale middleware, so that the page's language is still active.
    "portal.typography.FrenchTypographyMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the account row from the shared cache (accounts/user_cache.py).
    "accounts.user_cache.CachedUserAuthenticationMiddleware",
    "accounts.middleware.SessionPolicyMiddleware",
    "accounts.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After the session, the user and allauth: staff reach the admin only with MFA.
    "office.middleware.StaffMFAMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
                "messaging.context_processors.unread_messages",
                "guidance.context_processors.health_service",
            ],
            "libraries": {"portal_i18n": "portal.templatetags.portal_i18n"},
        },
    },
]

# Database: SQLite for a try-out, PostgreSQL in production (DATABASE_URL).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A dropped database connection is noticed and reopened on the next request, so the portal
# recovers without a restart when the database comes back.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two stores, both shared by every app server. `default` holds what may be lost or evicted
# (cached guidance pages, sessions' fast copies, cached figures). `ratelimit` holds
# allauth's rate-limit counters and the markers of second-factor codes already used:
# security state that must never be evicted, so it is kept apart from anything a visitor
# can fill (accounts/ratelimit.py explains the choice). Production: CACHE_URL=redis://…
# (Django's built-in RedisCache, the `redis` client) and a Redis of its own with
# `maxmemory-policy noeviction` for RATELIMIT_CACHE_URL (docker-compose.yml). The embedded
# default (`make run` needs nothing else): database tables, the rate-limit one dropping
# only expired entries.
CACHES = {
    "default": env.cache("CACHE_URL", default="dbcache://django_cache"),
    "ratelimit": env.cache("RATELIMIT_CACHE_URL", default="dbcache://portal_ratelimit"),
}
if CACHES["ratelimit"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
    CACHES["ratelimit"]["BACKEND"] = "accounts.ratelimit.NeverEvictingDatabaseCache"
CACHE_IS_REDIS = CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
for _alias in CACHES.values():
    if _alias["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        # Fail fast when Redis is unreachable: a page that needs only the database is
        # served without the cache, one that needs it answers 503 (portal/views.server_error),
        # and neither keeps a worker waiting. Seconds, per connection attempt and command.
        _alias.setdefault("OPTIONS", {}).update(
            {
                "socket_connect_timeout": env.float("CACHE_CONNECT_TIMEOUT", default=0.5),
                "socket_timeout": env.float("CACHE_TIMEOUT", default=1.0),
            }
        )

# Seconds the signed-in person's account row is kept in the cache between changes
# (accounts/user_cache.py); with the database cache it would cost a query like the row's.
USER_CACHE_SECONDS = env.int("USER_CACHE_SECONDS", default=5 * 60 if CACHE_IS_REDIS else 0)

# A student's dashboard and document list are kept in the cache this many seconds at most,
# and rendered again as soon as their file changes (portal/personal_pages.py); 0: every
# view is rendered.
PERSONAL_PAGE_TIMEOUT = env.int("PERSONAL_PAGE_TIMEOUT", default=15 * 60)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "students:dashboard"
# Straight to the home page in the current language: "/" would first render a 404 (which
# shows, and so uses up, the "You have signed out" message) before redirecting to "/en/".
LOGOUT_REDIRECT_URL = "home"

# django-allauth: e-mail is the login, verification is mandatory, rate limits on (defaults).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# Changing the e-mail address, the password or MFA asks for the password again after 5 min.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# The development server speaks plain http: links in e-mails must too (issue 13, item 9).
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env.str(
    "ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http" if DEBUG else "https"
)
# Client addresses: behind the TLS proxy every request comes from the proxy, so the
# client's address is read from X-Forwarded-For, counting this many proxies we run from
# the right (the proxy appends the address it saw; anything further left was sent by the
# client and is ignored). 0 (the default): X-Forwarded-For is ignored, REMOTE_ADDR is used.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
# Failed logins count per account *and* address ("key" is both, accounts/adapter.py), so a
# stranger elsewhere cannot lock a student out; the per-account limit over an hour, looser
# than what one address can reach (10 per hour), stops a spread-out attack on one account
# and needs several addresses to trip.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key,10/h/key",
    "login_failed_account": "30/h/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "confirm_email": "1/3m/key",
    "reauthenticate": "10/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="Health insurance portal")

# Sessions: short-lived, shared by every app server. With Redis as the cache they are read
# from Redis and written through to the database (accounts.sessions: cached_db that keeps
# working from the database while Redis is unreachable); otherwise they stay in the
# database. Idle limits by role and an absolute limit
# (accounts.middleware.SessionPolicyMiddleware), whose activity stamp is written at most
# once a minute (SESSION_ACTIVITY_RESOLUTION), so most requests write nothing.
SESSION_ENGINE = env.str(
    "SESSION_ENGINE",
    default="accounts.sessions" if CACHE_IS_REDIS else "django.contrib.sessions.backends.db",
)
SESSION_ACTIVITY_RESOLUTION = 60
SESSION_IDLE_SECONDS_STUDENT = env.int("SESSION_IDLE_SECONDS_STUDENT", default=30 * 60)
SESSION_IDLE_SECONDS_STAFF = env.int("SESSION_IDLE_SECONDS_STAFF", default=15 * 60)
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS_STUDENT
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Flash messages live in the session, not in a cookie of their own: they can name the person
# ("Signed in as …"), and Django deletes its messages cookie without the Secure flag, which
# the Observatory marks down (tests/portal/test_observatory_score.py).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365

# Internationalisation: every page lives under /<lang>/, the languages of portal/languages.py.
LANGUAGE_CODE = "en"
LANGUAGES = [(language.code, language.name) for language in PORTAL_LANGUAGES]
LANGUAGES_BIDI = [language.code for language in PORTAL_LANGUAGES if language.right_to_left]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# Static files: hashed, compressed names served by whitenoise with a year-long cache.
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

# Student documents are private: they live outside STATIC_ROOT, have no URL, and are
# served only through views that check who is asking. MEDIA_URL is deliberately unset.
PRIVATE_STORAGE_ROOT = env.path("PRIVATE_STORAGE_ROOT", default=BASE_DIR / "private-media")
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# An empty value (as in .env.example) means the system temp folder, not the current folder.
FILE_UPLOAD_TEMP_DIR = env.str("FILE_UPLOAD_TEMP_DIR", default="") or None
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# The first handler stops reading an upload as soon as a file passes DOCUMENT_MAX_FILE_SIZE
# or the body passes DOCUMENT_MAX_REQUEST_SIZE, so oversized bodies are never buffered.
FILE_UPLOAD_HANDLERS = [
    "documents.upload_handlers.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Form fields other than files: 2.5 MB (Django's default, stated here on purpose).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 20

# Student documents (docs/file-types.md states these values; a test keeps them in step).
DOCUMENT_MAX_FILE_SIZE = env.int("DOCUMENT_MAX_FILE_SIZE", default=10 * 1024 * 1024)
DOCUMENT_MAX_TOTAL_SIZE = env.int("DOCUMENT_MAX_TOTAL_SIZE", default=50 * 1024 * 1024)
DOCUMENT_MAX_FILES = env.int("DOCUMENT_MAX_FILES", default=20)
DOCUMENT_MAX_FILES_PER_UPLOAD = 10
# One upload never holds more than a student may store in total (plus the form fields).
DOCUMENT_MAX_REQUEST_SIZE = DOCUMENT_MAX_TOTAL_SIZE + 1024 * 1024
DOCUMENT_MAX_IMAGE_PIXELS = 40_000_000
# Images above this many pixels are decoded and encoded again in a child process with these
# budgets, so their pixels never stay in a web worker's memory (a 10 MB photo: 12 Mpx).
DOCUMENT_IMAGE_IN_PROCESS_PIXELS = 2_000_000
DOCUMENT_IMAGE_CHECK_TIMEOUT = 15
DOCUMENT_IMAGE_CHECK_MEMORY = 1024 * 1024 * 1024
DOCUMENT_MAX_PDF_PAGES = 50
# A PDF is parsed in a child process with these budgets, so a hostile file cannot stall or
# exhaust a web worker.
DOCUMENT_PDF_CHECK_TIMEOUT = 5
DOCUMENT_PDF_CHECK_MEMORY = 512 * 1024 * 1024
DOCUMENT_PDF_MAX_DECODED_SIZE = 200 * 1024 * 1024
DOCUMENT_UPLOADS_PER_HOUR = env.int("DOCUMENT_UPLOADS_PER_HOUR", default=20)
# Images are placed on A4 pages at this resolution in the ready-to-upload PDF.
DOCUMENT_COMBINED_PDF_DPI = 150

STORAGE_BACKEND = env.str("STORAGE_BACKEND", default="filesystem")
if STORAGE_BACKEND == "s3":
    private_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env.str("AWS_S3_REGION_NAME", default=None),
            "access_key": env.str("AWS_ACCESS_KEY_ID", default=None),
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=None),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
elif STORAGE_BACKEND == "filesystem":
    private_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": PRIVATE_STORAGE_ROOT,
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    }
else:
    raise ImproperlyConfigured("STORAGE_BACKEND must be 'filesystem' or 's3'.")
STORAGES = {
    "default": private_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Background tasks (django-tasks): run at once in development and tests; in production
# TASKS_BACKEND=database and the `worker` service runs `manage.py db_worker`.
TASKS_BACKEND = env.str("TASKS_BACKEND", default="immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASKS_BACKEND]
    }
}
# A notice whose sending fails is retried with a growing delay, then given up and shown
# as such to staff.
NOTICE_MAX_ATTEMPTS = env.int("NOTICE_MAX_ATTEMPTS", default=5)
# Reminders (`manage.py send_reminders`, daily): after how many days each one is sent, and
# how often the repeating ones come back.
REMINDER_DOCUMENTS_MISSING_DAYS = env.int("REMINDER_DOCUMENTS_MISSING_DAYS", default=7)
REMINDER_REPEAT_DAYS = env.int("REMINDER_REPEAT_DAYS", default=7)
REMINDER_REJECTED_DAYS = env.int("REMINDER_REJECTED_DAYS", default=3)
REMINDER_EHIC_DAYS = env.int("REMINDER_EHIC_DAYS", default=30)
REMINDER_PROVISIONAL_DAYS = env.int("REMINDER_PROVISIONAL_DAYS", default=90)
REMINDER_PROVISIONAL_REPEAT_DAYS = env.int("REMINDER_PROVISIONAL_REPEAT_DAYS", default=30)
REMINDER_CARTE_VITALE_DAYS = env.int("REMINDER_CARTE_VITALE_DAYS", default=14)
# Care expenses (expenses/): a claim sent this many days ago without a reimbursement is
# flagged on the dashboard and reminded once; a student keeps at most this many visits.
CLAIM_FOLLOW_UP_DAYS = env.int("CLAIM_FOLLOW_UP_DAYS", default=30)
CARE_EXPENSES_MAX = env.int("CARE_EXPENSES_MAX", default=500)
# The calendar feed (deadlines/): no official deadline to answer a CPAM request is published,
# so the feed suggests answering within this many days of it (the portal's advice, said so).
CPAM_REPLY_SUGGESTED_DAYS = env.int("CPAM_REPLY_SUGGESTED_DAYS", default=15)

# Retention (`manage.py purge_expired`, daily; docs/retention.md states these values and a
# test keeps them in step). Proposed defaults, to be confirmed with the data-protection
# officer (SECURITY.md rows 44-45).
# A student's documents are deleted this many days after their definitive number, or after
# the end of their academic year, whichever comes first (never sooner after an upload).
DOCUMENT_RETENTION_DAYS = env.int("DOCUMENT_RETENTION_DAYS", default=90)
# Student accounts nobody has signed in to for this many months are deleted with everything
# in them. Staff accounts are left to the superusers.
ACCOUNT_INACTIVE_MONTHS = env.int("ACCOUNT_INACTIVE_MONTHS", default=12)
# E-mail notices older than this lose their text (and are deleted unless they guard a
# reminder against being sent twice).
NOTICE_RETENTION_MONTHS = env.int("NOTICE_RETENTION_MONTHS", default=12)
# Entries of the document access log older than this are deleted (CNIL: 6 months to 1 year).
ACCESS_LOG_RETENTION_MONTHS = env.int("ACCESS_LOG_RETENTION_MONTHS", default=12)
# Care expenses (visits and their claims) are deleted this many months after the visit.
CARE_EXPENSE_RETENTION_MONTHS = env.int("CARE_EXPENSE_RETENTION_MONTHS", default=24)

# E-mail: console in development, SMTP (EMAIL_URL) in production.
vars().update(env.email("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="noreply@localhost")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# Security headers.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
SECURE_CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
# Branded, translated pages with the portal's headers instead of Django's bare ones.
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

# Nothing is allowed unless named (default-src 'none'); violations are reported to
# /csp-report/ (portal.views.csp_report), which logs them under a rate limit.
CSP_REPORTS_PER_MINUTE = 20
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        # The staff review page shows a PDF from the portal itself in a frame.
        "frame-src": [SELF],
        "report-uri": ["/csp-report/"],
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

COUNTRIES_FIRST = ["FR"]

SIMPLE_HISTORY_REVERT_DISABLED = True

# Social-security numbers are encrypted at the application level (students/encryption.py).
# FIELD_ENCRYPTION_KEYS: comma-separated Fernet keys; the first encrypts, all decrypt, so a
# new key is put first and the old one kept until `manage.py reencrypt_numbers` has run.
# NUMBER_SEARCH_KEY: the key of the HMAC that lets staff find a student by number.
# With DEBUG on and no keys, development keys are derived from SECRET_KEY; with DEBUG off
# the system checks refuse to start without them (students/checks.py).
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[])
NUMBER_SEARCH_KEY = env.str("NUMBER_SEARCH_KEY", default="")

# Name shown in the header, e-mails and the MFA app.
PORTAL_NAME = _("Health insurance for international students")
UNIVERSITY_NAME = env.str("UNIVERSITY_NAME", default="Université Paris Nanterre")
# The portal's public address (e.g. https://portal.example.org), printed on posters and in QR
# codes. Empty: the address the request came in on.
PUBLIC_BASE_URL = env.str("PUBLIC_BASE_URL", default="")

# Benchmark only (bench/run.py): serves /bench/floor/, a bare view with a short template,
# the framework's floor to compare pages with. Never set in production.
BENCH_FLOOR = env.bool("BENCH_FLOOR", default=False)

# One record, one line: what follows a line break in a message (or a traceback) is indented,
# so text a visitor typed can never start a line that looks like a record of its own.
# docs/logging-inventory.md lists what each logger writes.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {
            "()": "portal.logformat.SingleRecordFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Pinned whatever LOG_LEVEL says: at DEBUG these two write secrets. django.db.backends
    # writes every SQL query with its parameters (session keys, password hashes), and
    # django.template writes the whole context of a failed variable lookup (e-mail
    # confirmation and password-reset keys).
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.template": {"level": "INFO"},
    },
}

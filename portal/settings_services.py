"""Settings for the services the portal talks to: the cache, Celery and its beat
schedule, the outbox's retries and sweeps, and the SMTP server.

Read from the environment like the rest of portal.settings, which imports this
module whole; kept apart because these settings check each other (the broker's
visibility timeout against the mail retries) and are tuned together.
"""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

from portal.env import env_int, env_str

# Cache: Redis when configured (rate limits shared across workers), else local memory.
REDIS_URL = env_str("REDIS_URL")
CACHE_URL = env_str("CACHE_URL", REDIS_URL)
if CACHE_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: through Redis when a broker is configured, else tasks run eagerly in-process.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A worker that dies mid-task leaves its message unacknowledged, so the broker
# hands it to another worker (portal.mail keeps that from sending twice).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300, minimum=10)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 5
# A task not acknowledged within this many seconds is handed to another worker
# by Redis: it must exceed the longest retry countdown plus the task time limit.
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=60)
# The socket timeouts keep a Redis that hangs (rather than refuses) from
# hanging the request that queues a mail: the publish fails, the row waits.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "socket_timeout": 3,
    "socket_connect_timeout": 2,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "UTC"
# The worker logs through LOGGING below (JSON with the task id), not Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# The outbox (portal.mail). A temporary SMTP failure is retried after
# MAIL_RETRY_BASE_DELAY seconds, doubling up to MAIL_RETRY_MAX_DELAY, until
# MAIL_MAX_ATTEMPTS sends have failed; then the row is marked failed.
MAIL_RETRY_BASE_DELAY = env_int("MAIL_RETRY_BASE_DELAY", 60, minimum=1)
MAIL_RETRY_MAX_DELAY = env_int("MAIL_RETRY_MAX_DELAY", 1800, minimum=1)
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 8, minimum=1)
# The sweeper (beat every MAIL_SWEEP_INTERVAL seconds, or manage.py
# send_queued_mail) hands over again a queued row due for MAIL_SWEEP_AFTER
# seconds, and a row "sending" for longer than MAIL_SENDING_STALE_AFTER, which
# must exceed the task time limit: only a dead worker holds a row that long.
MAIL_SWEEP_INTERVAL = env_int("MAIL_SWEEP_INTERVAL", 60, minimum=1)
MAIL_SWEEP_AFTER = env_int("MAIL_SWEEP_AFTER", 300, minimum=1)
MAIL_SENDING_STALE_AFTER = env_int("MAIL_SENDING_STALE_AFTER", CELERY_TASK_TIME_LIMIT + 60, minimum=1)
CELERY_BEAT_SCHEDULE = {
    "sweep-the-outbox": {"task": "portal.tasks.sweep_outbox", "schedule": float(MAIL_SWEEP_INTERVAL)},
}


def largest_mail_retry_delay() -> int:
    return min(MAIL_RETRY_BASE_DELAY * 2 ** max(MAIL_MAX_ATTEMPTS - 2, 0), MAIL_RETRY_MAX_DELAY)


if largest_mail_retry_delay() + CELERY_TASK_TIME_LIMIT >= CELERY_VISIBILITY_TIMEOUT:
    raise ImproperlyConfigured(
        "CELERY_VISIBILITY_TIMEOUT must exceed the longest mail retry delay (MAIL_RETRY_BASE_DELAY doubled "
        "up to MAIL_RETRY_MAX_DELAY) plus CELERY_TASK_TIME_LIMIT, or Redis hands a waiting task to a second worker."
    )
if MAIL_SENDING_STALE_AFTER <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured("MAIL_SENDING_STALE_AFTER must exceed CELERY_TASK_TIME_LIMIT.")


# Mail: the console on a laptop, SMTP when EMAIL_URL is set
# (smtp://user:password@host:587?tls=1 or smtps://user:password@host:465).
def _email_settings(url: str) -> dict:
    if not url:
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(f"EMAIL_URL must start with smtp:// or smtps://; got {parts.scheme!r}.")
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_USE_TLS": query.get("tls", "0").lower() in {"1", "true", "yes"},
        "EMAIL_TIMEOUT": int(query.get("timeout", "30")),
    }


globals().update(_email_settings(env_str("EMAIL_URL")))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Conference portal <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Crispy forms with Bootstrap 5.
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Reviews (reviews.tasks): the automatic reminder to reviewers with reviews
# outstanding goes out this many days before a panel's review deadline.
REVIEW_REMINDER_DAYS_BEFORE = env_int("REVIEW_REMINDER_DAYS_BEFORE", 3, minimum=1)
CELERY_BEAT_SCHEDULE["remind-reviewers-before-the-deadline"] = {
    "task": "reviews.tasks.send_due_review_reminders", "schedule": 3600.0,
}
# Submissions (submissions.reminders): authors of drafts are reminded 48 and 6
# hours before the full-paper deadline; beat looks every quarter of an hour.
CELERY_BEAT_SCHEDULE["remind-authors-of-drafts"] = {
    "task": "submissions.tasks.send_due_draft_reminders", "schedule": 900.0,
}

"""Settings come from the environment; a wrong or missing value stops start-up with a clear message."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
CLEAN_ENV = {
    key: value for key, value in os.environ.items()
    if not key.startswith(("DJANGO_", "DATABASE_", "CELERY_", "REDIS_", "EMAIL_", "SECRET_", "DEBUG"))
}


def load_settings(_code=None, **env):
    """Import the settings in a fresh interpreter and print a few of them (or what `_code` prints)."""
    code = _code or (
        "import django, json; from django.conf import settings; django.setup();"
        "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'],"
        "'eager': settings.CELERY_TASK_ALWAYS_EAGER, 'email': settings.EMAIL_BACKEND,"
        "'debug': settings.DEBUG, 'email_host': getattr(settings, 'EMAIL_HOST', ''),"
        "'email_port': getattr(settings, 'EMAIL_PORT', 0), 'tls': getattr(settings, 'EMAIL_USE_TLS', False)}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True,
        env={**CLEAN_ENV, "DJANGO_SETTINGS_MODULE": "portal.settings", **env}, timeout=60,
    )


def test_without_secret_key_and_debug_off_start_up_fails_naming_the_variable():
    result = load_settings()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_a_laptop_gets_sqlite_eager_celery_and_console_mail():
    result = load_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert '"engine": "django.db.backends.sqlite3"' in result.stdout
    assert '"eager": true' in result.stdout
    assert "console.EmailBackend" in result.stdout


def test_production_reads_postgres_redis_and_smtp_from_the_environment():
    result = load_settings(
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://portal:pw@db.internal:5432/portal",
        CELERY_BROKER_URL="redis://redis.internal:6379/0",
        EMAIL_URL="smtp://mailer:pw@smtp.example.org:587?tls=1",
    )
    assert result.returncode == 0, result.stderr
    assert '"engine": "django.db.backends.postgresql"' in result.stdout
    assert '"eager": false' in result.stdout
    assert "smtp.EmailBackend" in result.stdout
    assert '"email_host": "smtp.example.org"' in result.stdout
    assert '"email_port": 587' in result.stdout
    assert '"tls": true' in result.stdout
    assert '"debug": false' in result.stdout


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG must be one of"),
        ("CELERY_TASK_TIME_LIMIT", "soon", "CELERY_TASK_TIME_LIMIT must be a whole number"),
        ("EMAIL_URL", "imap://x", "EMAIL_URL must start with smtp://"),
        ("PDF_CHECK_SECONDS", "0", "PDF_CHECK_SECONDS must be at least 1"),
        ("ALLAUTH_TRUSTED_PROXY_COUNT", "one", "ALLAUTH_TRUSTED_PROXY_COUNT must be a whole number"),
    ],
)
def test_a_bad_value_fails_at_start_up_naming_the_variable(variable, value, message):
    result = load_settings(SECRET_KEY="x" * 50, **{variable: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT, capture_output=True, text=True, timeout=120,
        env={
            **CLEAN_ENV,
            "SECRET_KEY": "a-long-random-production-secret-" + "k8Zq3vN7pL2xR9wT4yB6mC1dF5gH0jS" * 2,
            "ALLOWED_HOSTS": "portal.example.org",
            "SECURE_SSL_REDIRECT": "1",
                # Preloading is an irreversible choice left to the operator (README).
                "SECURE_HSTS_PRELOAD": "1",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout

"""/healthz tells a load balancer whether this process can serve: 200 only when
the database, and the broker and cache where configured, answer."""

import socket

import pytest
from django.db.utils import ConnectionHandler
from django.test import override_settings

from portal import health


def free_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def no_redis_configured(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_BROKER_URL = ""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def test_healthy_portal_answers_200_with_each_part_ok(client, db, no_redis_configured):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["state"] == "ok"
    assert "broker" not in body["checks"]  # eager Celery: no broker to ask
    assert response["Cache-Control"] == "no-store"


def test_database_unreachable_gives_503_naming_the_database(client, db, no_redis_configured, monkeypatch):
    unreachable = ConnectionHandler({
        "default": {
            "ENGINE": "django.db.backends.postgresql", "HOST": "127.0.0.1", "PORT": free_port(),
            "NAME": "portal", "USER": "portal", "OPTIONS": {"connect_timeout": 2},
        },
    })
    monkeypatch.setattr(health, "connections", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["checks"]["database"] == {"state": "down", "error": "OperationalError",
                                          "ms": body["checks"]["database"]["ms"]}


def test_broker_unreachable_gives_503_while_the_database_is_fine(client, db, settings, no_redis_configured):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"]["state"] == "ok"
    assert checks["broker"]["state"] == "down"
    assert checks["broker"]["error"] == "ConnectionError"


def test_redis_cache_is_checked_when_it_is_the_cache(client, db, no_redis_configured):
    dead_cache = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                              "LOCATION": f"redis://127.0.0.1:{free_port()}/1"}}
    with override_settings(CACHES=dead_cache):  # restored before the suite clears the cache
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["state"] == "down"


def test_health_answers_plain_http_for_any_host_even_with_https_redirect(client, db, settings, no_redis_configured):
    """A container health check asks http://127.0.0.1:8000/healthz whatever ALLOWED_HOSTS and HTTPS say."""
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["portal.example.org"]
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert client.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400  # the rest of the site still checks


def test_the_body_never_shows_hosts_or_passwords(client, db, settings, no_redis_configured):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = f"redis://:s3cret-password@127.0.0.1:{free_port()}/0"
    body = client.get("/healthz").content.decode()
    assert "s3cret-password" not in body
    assert "127.0.0.1" not in body


def test_papers_storage_that_cannot_be_written_gives_503_naming_the_storage(client, db, settings, tmp_path,
                                                                             no_redis_configured):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the papers' directory should be")
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(blocker / "private-media")},
    }}
    response = client.get("/healthz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["storage"]["state"] == "down" and checks["database"]["state"] == "ok"


def test_papers_bucket_that_does_not_answer_gives_503_naming_the_storage(client, db, settings, no_redis_configured):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": "papers", "endpoint_url": f"http://127.0.0.1:{free_port()}",
                    "access_key": "k", "secret_key": "s", "region_name": "us-east-1"},
    }}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["state"] == "down"

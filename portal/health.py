"""`/healthz`: does this process reach what it needs to serve a request?

200 with every part "ok" when the database answers, the papers' storage can
be written (a directory) or answers (a bucket) and, where they are
configured, the Celery broker and the Redis cache answer; 503 otherwise. The
body names each part's state and the error's class, never a host or password.

It is answered by a middleware at the top of the stack rather than a view, so
that a load balancer or a container health check can ask over plain HTTP with
an internal Host header: the HTTPS redirect, the allowed-hosts check, sessions
and the other middleware never see these requests.
"""

import os
import time
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connections
from django.http import JsonResponse

HEALTH_PATH = "/healthz"
TIMEOUT_SECONDS = 2


def check_database() -> None:
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        if not connection.in_atomic_block:
            connection.close()  # the next request opens a fresh connection rather than reusing a broken one
        raise


def _ping_redis(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS)
    try:
        client.ping()
    finally:
        client.close()


def check_broker() -> None:
    _ping_redis(settings.CELERY_BROKER_URL)


def check_cache() -> None:
    _ping_redis(settings.CACHES["default"]["LOCATION"])


def check_storage() -> None:
    """Papers can be stored: a directory this process may write into (or, before the
    first upload, create), or a bucket that answers. Nothing is written."""
    storage = default_storage._wrapped if hasattr(default_storage, "_wrapped") else default_storage
    if isinstance(default_storage, FileSystemStorage) or isinstance(storage, FileSystemStorage):
        folder = Path(default_storage.location)
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        if not (folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)):
            raise PermissionError("the papers' directory cannot be written")
        return
    _head_bucket(default_storage)


def _head_bucket(storage) -> None:
    """HEAD on the bucket with short timeouts and no retry (django-storages' S3Storage)."""
    import boto3
    from botocore.config import Config

    client = boto3.session.Session().client(
        "s3", endpoint_url=storage.endpoint_url, region_name=storage.region_name,
        aws_access_key_id=storage.access_key, aws_secret_access_key=storage.secret_key,
        config=Config(connect_timeout=TIMEOUT_SECONDS, read_timeout=TIMEOUT_SECONDS,
                      retries={"max_attempts": 1}, s3={"addressing_style": storage.addressing_style}),
    )
    client.head_bucket(Bucket=storage.bucket_name)


def health_checks() -> dict:
    """The checks that apply to this configuration, by name."""
    checks = {"database": check_database, "storage": check_storage}
    if not settings.CELERY_TASK_ALWAYS_EAGER and settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
        checks["broker"] = check_broker
    if settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        checks["cache"] = check_cache
    return checks


def run_health_checks() -> tuple[bool, dict]:
    parts = {}
    for name, check in health_checks().items():
        started = time.monotonic()
        try:
            check()
        except Exception as error:  # any failure makes the part unhealthy; the class says which kind
            parts[name] = {"state": "down", "error": type(error).__name__}
        else:
            parts[name] = {"state": "ok"}
        parts[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
    healthy = all(part["state"] == "ok" for part in parts.values())
    return healthy, parts


def health_response() -> JsonResponse:
    healthy, parts = run_health_checks()
    response = JsonResponse({"status": "ok" if healthy else "down", "checks": parts}, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == HEALTH_PATH and request.method in ("GET", "HEAD"):
            return health_response()
        return self.get_response(request)

"""The portal under a real gunicorn, with production settings: /healthz tells
the truth about what lies behind it, and a page is served with its static
files, its security headers and a JSON log line carrying the request id."""

import json
import re

import pytest
import requests
from django.conf import settings

from tests.support.gunicorn import LOOPBACK_HTTP, Gunicorn, clean_environment, collect_static
from tests.support.ports import free_port
from tests.support.worker import portal_environment


def test_healthz_is_503_when_the_database_is_unreachable():
    env = clean_environment(DATABASE_URL=f"postgres://portal@127.0.0.1:{free_port()}/portal")
    with Gunicorn(env, workers=1) as server:
        response = requests.get(server.url + "/healthz", timeout=10)
    assert response.status_code == 503
    assert response.json()["checks"]["database"]["state"] == "down"


def test_healthz_is_503_when_the_broker_is_unreachable(tmp_path):
    env = clean_environment(DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}",
                            CELERY_BROKER_URL=f"redis://127.0.0.1:{free_port()}/0")
    with Gunicorn(env, workers=1) as server:
        response = requests.get(server.url + "/healthz", timeout=10)
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"]["state"] == "ok"
    assert checks["broker"]["state"] == "down"


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_gunicorn_serves_the_portal_on_postgresql_and_redis(tmp_path_factory):
    static_root = collect_static(tmp_path_factory.getbasetemp() / "static")
    env = portal_environment(broker_url=settings.CELERY_BROKER_URL, CACHE_URL=settings.CELERY_BROKER_URL,
                             STATIC_ROOT=static_root, **LOOPBACK_HTTP)
    with Gunicorn(env) as server:
        health = requests.get(server.url + "/healthz", timeout=10)
        home = requests.get(server.url + "/", headers={"X-Request-ID": "edge-42"}, timeout=10)
        stylesheet = re.search(r'href="(/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css)"', home.text)
        css = requests.get(server.url + stylesheet.group(1), timeout=10)
        output = server.log()

    assert health.status_code == 200, health.text
    assert set(health.json()["checks"]) == {"database", "broker", "cache", "storage"}
    assert home.status_code == 200
    assert home.headers["X-Request-ID"] == "edge-42"
    assert "'unsafe-inline'" not in home.headers["Content-Security-Policy"]
    assert css.status_code == 200
    assert "max-age=315360000" in css.headers["Cache-Control"]  # fingerprinted: cached for good
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    assert any(line.get("request_id") == "edge-42" and line.get("path") == "/" for line in lines), output[-2000:]

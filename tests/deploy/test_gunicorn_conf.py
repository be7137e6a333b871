"""gunicorn.conf.py: loopback unless told otherwise, and the portal's own
timeout below gunicorn's, so a slow request gets the portal's page."""

import runpy
from pathlib import Path

import pytest

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def read_conf(monkeypatch, **variables) -> dict:
    for name in ("GUNICORN_BIND", "PORT", "GUNICORN_TIMEOUT", "REQUEST_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONF))


def test_outside_a_container_it_listens_on_loopback_only(monkeypatch):
    assert read_conf(monkeypatch)["bind"] == "127.0.0.1:8000"
    assert read_conf(monkeypatch, PORT="8123")["bind"] == "127.0.0.1:8123"


def test_all_interfaces_only_when_told_as_the_image_does(monkeypatch):
    assert read_conf(monkeypatch, GUNICORN_BIND="0.0.0.0:8000")["bind"] == "0.0.0.0:8000"
    assert "GUNICORN_BIND=0.0.0.0:8000" in (CONF.parent / "Dockerfile").read_text()


def test_the_portals_timeout_must_come_before_gunicorns(monkeypatch):
    assert read_conf(monkeypatch)["timeout"] == 60
    with pytest.raises(SystemExit, match="REQUEST_TIMEOUT .60. must be below GUNICORN_TIMEOUT .60."):
        read_conf(monkeypatch, REQUEST_TIMEOUT="60")
    assert read_conf(monkeypatch, REQUEST_TIMEOUT="0")["timeout"] == 60  # 0: the portal sets no limit

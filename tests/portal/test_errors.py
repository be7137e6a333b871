"""The portal answers with its own pages when something goes wrong: 403 with
the rule's message, 404, 500 for a fault, and 503 (with Retry-After) when
PostgreSQL or Redis do not answer or a request runs past REQUEST_TIMEOUT;
never a traceback, never a server's bare page."""

import time

import pytest
import redis.exceptions
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser():
    """A client that gets the page a browser would, not the exception."""
    return Client(raise_request_exception=False)


def test_an_unknown_address_gets_the_portals_404_page(browser):
    response = browser.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body and "Back to the list of calls" in body


def test_a_refusal_no_view_caught_gets_the_403_page_with_its_rule(browser, monkeypatch):
    response = _get_home(browser, monkeypatch, PermissionDenied("The full-paper deadline has passed."))
    assert response.status_code == 403
    assert "The full-paper deadline has passed." in response.content.decode()


def _get_home(browser, monkeypatch, error, **headers):
    """GET / with the home view raising `error` (as the view would meeting a service that is away)."""
    monkeypatch.setattr("portal.selectors.open_calls", _raiser(error))
    return browser.get("/", **headers)


def _raiser(error):
    def raise_it(*args, **kwargs):
        raise error
    return raise_it


@pytest.mark.parametrize("error", [
    OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused"),
    redis.exceptions.ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused."),
])
def test_a_service_away_gets_the_portals_503_page_not_a_traceback(browser, monkeypatch, error):
    response = _get_home(browser, monkeypatch, error)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert "The portal is unavailable for a moment" in body
    assert "Nothing from this request was saved" in body
    assert "Traceback" not in body and "5432" not in body and "6379" not in body


def test_the_503_page_speaks_the_visitors_language(browser, monkeypatch):
    response = _get_home(browser, monkeypatch, OperationalError("gone"), HTTP_ACCEPT_LANGUAGE="pt-BR")
    assert response.status_code == 503
    assert 'lang="pt-br"' in response.content.decode()
    assert "The portal is unavailable" not in response.content.decode()


def test_a_fault_gets_the_portals_500_page(browser, monkeypatch):
    response = _get_home(browser, monkeypatch, ValueError("a bug"))
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong on our side" in body and "a bug" not in body


def test_a_request_past_the_timeout_is_stopped_with_the_503_page(browser, monkeypatch, settings):
    settings.REQUEST_TIMEOUT = 0.3

    def slow(*args, **kwargs):
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:  # pure Python work, as a hostile PDF's parse
            sum(range(1000))
        return []

    monkeypatch.setattr("portal.selectors.open_calls", slow)
    started = time.monotonic()
    response = browser.get("/")
    assert time.monotonic() - started < 2
    assert response.status_code == 503
    assert "Your request took too long and was stopped." in response.content.decode()


def test_a_request_within_the_timeout_is_not_disturbed(client, settings):
    settings.REQUEST_TIMEOUT = 1
    assert client.get("/").status_code == 200
    time.sleep(1.2)  # the alarm was cleared: nothing fires after the response

"""Log-in rate limits behind a proxy: counted per account and per real client
address (allauth's trusted proxy settings), so that one person's wrong
passwords never keep another person out."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # every request reaches gunicorn from the TLS proxy


def log_in(client, user, password, *, client_address):
    """A log-in as it arrives from the proxy, which appended the client's address."""
    return client.post(
        reverse("account_login"), {"login": user.email, "password": password},
        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_address,
    )


def hammer(client, user, *, client_address, attempts=30):
    for _attempt in range(attempts):
        log_in(client, user, "not the password", client_address=client_address)


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_b_signs_in_while_a_is_hammered_through_the_same_proxy():
    a, b = UserFactory(), UserFactory()
    hammer(Client(), a, client_address="203.0.113.9")

    b_client = Client()
    response = log_in(b_client, b, PASSWORD, client_address="198.51.100.23")
    assert response.status_code == 302
    assert b_client.session["_auth_user_id"] == str(b.pk)


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_the_hammered_account_stays_limited_from_any_address():
    a = UserFactory()
    hammer(Client(), a, client_address="203.0.113.9", attempts=6)
    a_client = Client()
    response = log_in(a_client, a, PASSWORD, client_address="198.51.100.23")
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in a_client.session


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_the_hammering_address_is_limited_for_every_account_it_tries():
    attacker = Client()
    for user in UserFactory.create_batch(11):
        log_in(attacker, user, "not the password", client_address="203.0.113.9")
    victim = UserFactory()
    response = log_in(attacker, victim, PASSWORD, client_address="203.0.113.9")
    assert "Too many failed login attempts" in response.content.decode()


@override_settings(ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP")
def test_a_proxy_that_names_the_client_in_a_header_is_followed():
    attacker, b = Client(), UserFactory()
    for user in UserFactory.create_batch(11):
        attacker.post(reverse("account_login"), {"login": user.email, "password": "not the password"},
                      REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="203.0.113.9")
    b_client = Client()
    response = b_client.post(reverse("account_login"), {"login": b.email, "password": PASSWORD},
                             REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="198.51.100.23")
    assert response.status_code == 302


def test_without_the_proxy_setting_everyone_behind_it_shares_one_limit():
    """What the setting prevents (and why the compose file sets it)."""
    attacker, b = Client(), UserFactory()
    for user in UserFactory.create_batch(11):
        log_in(attacker, user, "not the password", client_address="203.0.113.9")
    b_client = Client()
    response = log_in(b_client, b, PASSWORD, client_address="198.51.100.23")
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in b_client.session


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=2)
def test_a_request_that_skipped_the_outer_proxy_is_limited_by_its_address_not_refused():
    """Two proxies trusted (a TLS proxy, then nginx), but this request reached nginx directly."""
    a, b = UserFactory(), UserFactory()
    attacker = Client()
    for user in UserFactory.create_batch(11):
        response = log_in(attacker, user, "not the password", client_address="203.0.113.9")
        assert response.status_code in (200, 429)
    response = log_in(attacker, a, PASSWORD, client_address="203.0.113.9")
    assert "Too many failed login attempts" in response.content.decode()
    b_client = Client()
    assert log_in(b_client, b, PASSWORD, client_address="198.51.100.23").status_code == 302

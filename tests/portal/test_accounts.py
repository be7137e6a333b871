import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from portal.models import OutboundMail, User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "maria.silva@ufabc.example.edu.br",
    "full_name": "Maria da Silva",
    "affiliation": "Federal University of ABC",
    "password1": PASSWORD,
    "password2": PASSWORD,
}


def confirmation_link(message_body: str) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message_body).group(1)


def test_sign_up_requires_verifying_the_emailed_link_before_logging_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email=SIGNUP["email"])
    assert user.full_name == "Maria da Silva"
    assert not EmailAddress.objects.get(user=user).verified

    # Not verified yet: logging in only leads back to "check your mail".
    client.logout()
    response = client.post(reverse("account_login"), {"login": SIGNUP["email"], "password": PASSWORD})
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    # The verification mail went through the outbox and was delivered.
    row = OutboundMail.objects.get(to_email=SIGNUP["email"], template="email_confirmation_signup")
    assert row.state == OutboundMail.State.SENT
    assert len(mail.outbox) >= 1
    link = confirmation_link(mail.outbox[-1].body)

    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified

    client.logout()
    response = client.post(reverse("account_login"), {"login": SIGNUP["email"], "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_sign_up_records_the_language_the_visitor_browses_in(client):
    client.post(reverse("account_signup"), SIGNUP, HTTP_ACCEPT_LANGUAGE="pt-BR,pt;q=0.9")
    user = User.objects.get(email=SIGNUP["email"])
    assert user.language == "pt-br"
    assert OutboundMail.objects.get(to_email=user.email).language == "pt-br"


def test_repeated_failed_logins_are_rate_limited(client):
    user = UserFactory()
    for _attempt in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong password"})
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_every_user_can_set_up_two_factor_authentication(client):
    user = UserFactory()
    client.force_login(user)
    # allauth asks for the password again before a security change.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    assert b"otpauth://" in response.content or b"svg" in response.content
    assert client.get(reverse("mfa_index")).status_code == 200


def test_password_reset_mail_goes_through_the_outbox(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email})
    row = OutboundMail.objects.get(to_email=user.email, template="password_reset_key")
    assert row.state == OutboundMail.State.SENT
    assert "/accounts/password/reset/key/" in row.body_text


def test_a_user_can_add_and_verify_another_email_address(client):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("account_email"), {"action_add": "", "email": "maria@gmail.example.com"})
    assert EmailAddress.objects.filter(user=user, email="maria@gmail.example.com", verified=False).exists()
    assert OutboundMail.objects.filter(to_email="maria@gmail.example.com", template="email_confirmation").exists()


def test_the_verification_mail_greets_from_the_portal_in_the_visitors_language(
    client, settings, django_capture_on_commit_callbacks,
):
    settings.SITE_NAME, settings.SITE_URL = "Portal ISA-ABRI", "https://portal.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), SIGNUP, HTTP_ACCEPT_LANGUAGE="pt-BR,pt;q=0.9")
    (message,) = mail.outbox
    assert message.body.startswith("Olá,") and "Olá da" not in message.body
    assert "\nPortal ISA-ABRI\nportal.example.org" in message.body
    assert "criar uma conta em portal.example.org." in message.body


def test_the_site_name_may_be_given_per_language(client, settings, django_capture_on_commit_callbacks):
    settings.SITE_NAME, settings.SITE_NAMES = "", {"pt-br": "Portal do Congresso ISA", "es": "Portal del Congreso ISA"}
    pages = {language: client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
             for language in ("pt-BR", "es", "en")}
    assert "Portal do Congresso ISA" in pages["pt-BR"] and "Portal del Congreso ISA" in pages["es"]
    assert "Conference portal" in pages["en"]  # no name given for English: the standard one
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), SIGNUP, HTTP_ACCEPT_LANGUAGE="es")
    assert "\nPortal del Congreso ISA\n" in mail.outbox[0].body

"""Which language a page speaks: a signed-in user's profile, else the footer's
switch (a cookie), else the browser's Accept-Language, else English; and each
mail the language of its recipient."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from portal.models import OutboundMail
from tests.factories import AuthorFactory, PaperFileFactory, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db


def language_of(response) -> str:
    assert response.status_code == 200
    assert f'<html lang="{response.headers["Content-Language"]}"' in response.content.decode()
    return response.headers["Content-Language"]


@pytest.mark.parametrize(("accept_language", "expected"), [
    ("pt-BR,pt;q=0.9,en;q=0.8", "pt-br"),
    ("pt-PT,pt;q=0.9", "pt-br"),
    ("es-AR,es;q=0.9", "es"),
    ("es-MX", "es"),
    ("de-DE,de;q=0.9,es;q=0.5", "es"),
    ("fr-FR,fr;q=0.9", "en"),
    ("", "en"),
])
def test_a_visitor_reads_the_portal_in_the_browsers_language(accept_language, expected):
    browser = Client(HTTP_ACCEPT_LANGUAGE=accept_language)
    assert language_of(browser.get(reverse("home"))) == expected


def test_the_footer_switch_outweighs_the_browser_of_a_visitor():
    browser = Client(HTTP_ACCEPT_LANGUAGE="pt-BR,pt;q=0.9")
    response = browser.post(reverse("set_language"), {"language": "es", "next": reverse("home")})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert language_of(browser.get(reverse("home"))) == "es"
    assert "Convocatorias" in browser.get(reverse("home")).content.decode()


def test_a_signed_in_users_profile_outweighs_the_switch_cookie_and_the_browser():
    user = UserFactory(language="es")
    browser = Client(HTTP_ACCEPT_LANGUAGE="pt-BR,pt;q=0.9")
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    browser.force_login(user)
    assert language_of(browser.get(reverse("submissions:dashboard"))) == "es"


def test_the_footer_switch_of_a_signed_in_user_changes_the_profile_for_every_browser():
    user = UserFactory(language="en")
    laptop = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    laptop.force_login(user)
    laptop.post(reverse("set_language"), {"language": "pt-br", "next": reverse("profile")})
    user.refresh_from_db()
    assert user.language == "pt-br"
    assert language_of(laptop.get(reverse("profile"))) == "pt-br"

    phone = Client(HTTP_ACCEPT_LANGUAGE="es-AR,es;q=0.9")  # another browser, another language
    phone.force_login(user)
    assert language_of(phone.get(reverse("profile"))) == "pt-br"
    phone.logout()
    assert language_of(phone.get(reverse("home"))) == "es"  # signed out, the browser speaks again


def test_the_footer_offers_each_language_in_its_own_name_with_the_current_one_chosen():
    page = Client(HTTP_ACCEPT_LANGUAGE="es").get(reverse("home")).content.decode()
    assert '<option value="en" lang="en" >English</option>' in page
    assert '<option value="pt-br" lang="pt-br" >Português Brasileiro</option>' in page
    assert '<option value="es" lang="es" selected>Español</option>' in page
    assert '<label for="footer-language" class="small">Idioma</label>' in page


def test_each_author_is_written_to_in_their_own_language(paper, django_capture_on_commit_callbacks):
    submitter = UserFactory(email="submitter@example.org", full_name="Sofía Submitter", language="es")
    brazilian = UserFactory(email="coautora@example.org", full_name="Clara Coautora", language="pt-br")
    draft = SubmissionFactory(panel=paper.panel, created_by=submitter, state="draft", submitted_at=None)
    AuthorFactory(submission=draft, name=brazilian.full_name, email=brazilian.email)
    AuthorFactory(submission=draft, name="Someone Without An Account", email="no.account@example.org")
    PaperFileFactory(submission=draft)
    browser = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    browser.force_login(submitter)
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(reverse("submissions:submit", kwargs={"code": draft.code}))
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert "Comprobante: ponencia n.º" in subjects[submitter.email]
    assert "trabalho nº" in subjects[brazilian.email]
    # An address with no account is written to in the language chosen for it, else the submitter's.
    assert "ponencia n.º" in subjects["no.account@example.org"]


def test_an_author_without_an_account_keeps_one_language_for_every_mail_about_the_paper(
    paper, panel, chair, django_capture_on_commit_callbacks,
):
    from reviews.services.decisions import decision_set, decisions_release

    submitter = paper.created_by
    submitter.language = "es"
    submitter.save()
    AuthorFactory(submission=paper, name="Sem Conta", email="sem.conta@example.org", mail_language="pt-br")
    AuthorFactory(submission=paper, name="Sin Cuenta", email="sin.cuenta@example.org")
    chair.language = "en"
    chair.save()
    with django_capture_on_commit_callbacks(execute=True):
        decision_set(submission=paper, outcome="accept", note="", by=chair)
        decisions_release(panel=panel, by=chair)
    languages = {row.to_email: row.language for row in OutboundMail.objects.filter(template="decision")}
    assert languages["sem.conta@example.org"] == "pt-br"  # chosen for them by the corresponding author
    assert languages["sin.cuenta@example.org"] == "es"  # the submitter's, as their receipts were

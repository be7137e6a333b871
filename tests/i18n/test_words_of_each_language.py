"""Issue 17's language fixes: languages named, not coded; month names as each
language writes them; allauth's half-English strings retranslated."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import formats, translation

from reviews.services.decisions import decision_set
from tests.reviews.reviewing_factories import submit_review

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    assert response.status_code == 200
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def test_the_decision_preview_names_each_mails_language(client, paper, panel, chair, coauthor, reviewer):
    submit_review(paper, reviewer)
    coauthor.language = "pt-br"
    coauthor.save()
    chair.language = "es"
    chair.save()
    decision_set(submission=paper, outcome="accept", note="", by=chair)
    client.force_login(chair)
    text = text_of(client.get(reverse("reviews:decisions_preview", kwargs={
        "conference": panel.conference.slug, "panel": panel.slug})))
    assert f"Para {coauthor.email} · idioma: portugués de Brasil".lower() in text.lower()
    assert "idioma: pt-br" not in text and "idioma: en" not in text


@pytest.mark.parametrize(("language", "written"), [
    ("pt-br", "13 de janeiro de 2027 às 10:00"), ("es", "13 de enero de 2027 a las 10:00"),
    ("en", "Jan. 13, 2027, 10 a.m."),
])
def test_month_names_follow_each_languages_usage(language, written):
    with translation.override(language):
        assert formats.date_format(datetime.datetime(2027, 1, 13, 10, 0), "DATETIME_FORMAT") == written


def test_the_sign_up_page_in_portuguese_has_no_english_link(client):
    text = text_of(client.get(reverse("account_signup"), HTTP_ACCEPT_LANGUAGE="pt-BR"))
    assert re.search(r"Já tem uma conta\? Então entre ?\.", text) and "sign in" not in text
    text = text_of(client.get(reverse("account_signup"), HTTP_ACCEPT_LANGUAGE="es"))
    assert re.search(r"¿Ya tiene una cuenta\? Entonces inicie sesión ?\.", text)

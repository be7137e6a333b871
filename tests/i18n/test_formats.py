"""Dates, times and numbers are written the reader's way: "5 de enero de 2027
a las 23:59", "0,67" in Portuguese and Spanish; in the reader's time zone."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import formats, translation

from reviews.templatetags.reviews_pool import affinity, reasons
from tests import factories
from tests.pdfs import make_pdf, upload
from tests.reviews.reviewing_factories import assign, submit_review
from tests.reviews.test_reviewing import typed

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def test_the_calls_deadlines_are_written_in_the_visitors_language(panel):
    panel.submission_deadline = datetime.datetime(2027, 1, 6, 11, 59, tzinfo=UTC)  # 5 January, 23:59 AoE
    panel.save()
    pages = {language: " ".join(re.sub(r"<[^>]+>", " ", Client(HTTP_ACCEPT_LANGUAGE=language)
                                            .get(panel.get_absolute_url()).content.decode()).split())
             for language in ("en", "pt-BR", "es")}
    assert "Jan. 5, 2027, 11:59 p.m." in pages["en"]
    assert "6 de janeiro de 2027 às 11:59 (UTC) · 5 de janeiro de 2027 às 23:59 (AoE)" in pages["pt-BR"]
    assert "6 de enero de 2027 a las 11:59 (UTC) · 5 de enero de 2027 a las 23:59 (AoE)" in pages["es"]


def test_the_receipt_gives_the_time_in_the_authors_language_and_time_zone(paper, author, client):
    paper.submitted_at = datetime.datetime(2026, 11, 24, 13, 26, tzinfo=UTC)
    paper.save()
    author.language, author.time_zone = "es", "America/Argentina/Buenos_Aires"
    author.save()
    client.force_login(author)
    page = client.get(paper.get_absolute_url()).content.decode()
    assert "24 de noviembre de 2026 a las 10:26 (hora de Buenos Aires)</time>" in page


def test_the_receipt_mail_gives_the_time_in_the_recipients_language_and_time_zone(
    paper, author, coauthor, client, django_capture_on_commit_callbacks,
):
    author.language, author.time_zone = "pt-br", "America/Sao_Paulo"
    author.save()
    coauthor.language, coauthor.time_zone = "es", "America/Mexico_City"
    coauthor.save()
    factories.PaperFileFactory(submission=paper)
    client.force_login(author)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("submissions:upload", kwargs={"code": paper.code}),
                    {"paper": upload(make_pdf(["An anonymous second version"]), "second.pdf")})
    bodies = {message.to[0]: message.body for message in mail.outbox}
    uploaded = paper.files.order_by("-version").first().uploaded_at
    assert _in(uploaded, "America/Sao_Paulo", "pt-br") + " (horário de São Paulo)" in bodies[author.email]
    assert _in(uploaded, "America/Mexico_City", "es") + " (hora de Ciudad de México)" in bodies[coauthor.email]


def _in(moment, zone, language) -> str:
    with translation.override(language):
        return formats.date_format(moment.astimezone(ZoneInfo(zone)), "DATETIME_FORMAT")


@pytest.mark.parametrize(("language", "mean", "given"), [("en", "0.67", "2.00"), ("pt-br", "0,67", "2,00"),
                                                        ("es", "0,67", "2,00")])
def test_the_chairs_means_use_the_languages_decimal_mark(language, mean, given, client, panel, paper, chair, reviewer):
    submit_review(paper, reviewer, overall=2)
    submit_review(paper, assign(paper), overall=1)
    submit_review(paper, assign(paper), overall=-1)
    chair.language = language
    chair.save()
    client.force_login(chair)
    page = client.get(reverse("reviews:dashboard", kwargs={"conference": panel.conference.slug,
                                                             "panel": panel.slug})).content.decode()
    assert f'<td class="text-end fw-semibold">{mean}</td>' in page
    stats = client.get(reverse("reviews:reviewer_stats", kwargs={"conference": panel.conference.slug,
                                                                   "panel": panel.slug})).content.decode()
    assert f'<td class="text-end">{given}</td>' in stats  # the mean the first reviewer gave


@pytest.mark.parametrize(("language", "expected"), [
    ("en", ("1.23", "text similarity 0.43")),
    ("pt-br", ("1,23", "semelhança de texto 0,43")),
    ("es", ("1,23", "similitud de texto 0,43")),
])
def test_why_a_reviewer_suits_a_paper_is_written_with_the_languages_decimal_mark(language, expected):
    explanation = {"affinity": 1.2345, "similarity": 0.4267, "topics": [1, 3]}
    with translation.override(language):
        assert (affinity(explanation), reasons(explanation)[0]) == expected


def test_the_autosaved_time_is_written_the_reviewers_way(client, paper, reviewer):
    reviewer.language, reviewer.time_zone = "pt-br", "America/Sao_Paulo"
    reviewer.save()
    client.force_login(reviewer)
    message = client.post(reverse("reviews:review_autosave", kwargs={"code": paper.code}), typed()).json()["message"]
    local = formats.time_format(datetime.datetime.now(ZoneInfo("America/Sao_Paulo")), "H:i")
    assert re.fullmatch(r"Salvo automaticamente às \d\d:\d\d", message)
    assert message[-5:] in {local, formats.time_format(datetime.datetime.now(ZoneInfo("America/Sao_Paulo"))
                                                       - datetime.timedelta(minutes=1), "H:i")}

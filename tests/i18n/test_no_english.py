"""The pages and mails of the author's journey (issue 8, journey 1) and of the
decisions (journey 3) carry no English interface string in Brazilian
Portuguese nor in Spanish.

Each journey runs with the test client in each language: a visitor whose
browser asks for it, then a user whose profile holds it. Every page and mail
on the way is read as a person sees it (tests/i18n/english.py) with what users
wrote taken out, and must show none of the catalogues' English strings.
"""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from portal.models import User
from reviews.models import Decision
from reviews.services.decisions import decision_set
from sampledata.demo import demo_load
from submissions.models import Author, PaperFile, Submission
from tests.factories import PASSWORD, UserFactory
from tests.i18n.english import BROWSERS, Reader
from tests.pdfs import seed_paper_bytes, upload
from tests.reviews.reviewing_factories import assign, submit_review
from tests.seed_paper import form_data, seed_paper

pytestmark = pytest.mark.django_db

languages = pytest.mark.parametrize("language", list(BROWSERS))


def mails_to(email: str) -> list:
    return [message for message in mail.outbox if email in message.to]


@languages
def test_the_authors_journey_has_no_english_left(language, django_capture_on_commit_callbacks):
    panel, _logins = demo_load()
    paper = seed_paper()
    gilberto, thiago = paper["authors"]
    reader = Reader(language)
    reader.knows(panel, panel.conference, *panel.topics.all(),
                 *(chair.user for chair in panel.panel_chairs.select_related("user")))
    reader.content.extend([paper["title"], paper["abstract"], paper["second_title"], paper["second_abstract"],
                           *paper["keywords"], *paper["second_keywords"], "rodrigues-mattioli.pdf",
                           *(value for author in paper["authors"] for value in author.values() if isinstance(value, str))])
    browser = Client(HTTP_ACCEPT_LANGUAGE=BROWSERS[language])
    form_url = reverse("submissions:create", kwargs={"conference_slug": panel.conference.slug, "panel_slug": panel.slug})

    # A visitor: the call, the sign-up form (with its errors), the page that asks to check the mail.
    reader.page(browser.get(panel.get_absolute_url()), "call")
    signup_url = f"{reverse('account_signup')}?next={form_url}"
    reader.page(browser.get(signup_url), "sign-up")
    reader.page(browser.post(signup_url, {"email": "not an address", "password1": "x"}), "sign-up with errors")
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(signup_url, {
            "email": gilberto["email"], "full_name": gilberto["name"], "affiliation": gilberto["affiliation"],
            "password1": PASSWORD, "password2": PASSWORD, "next": form_url,
        })
    reader.page(browser.get(response["Location"]), "verification sent")
    user = User.objects.get(email=gilberto["email"])
    assert user.language == language  # the browser's language became the profile's

    (verification,) = mails_to(gilberto["email"])
    reader.mail(verification, "verification mail")
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", verification.body).group(1)
    reader.page(browser.get(link), "confirm the address")
    assert browser.post(link)["Location"] == form_url

    # The author: the form, refused once, then saved; the draft's page warns of the names in the PDF.
    reader.page(browser.get(form_url), "submission form")
    refused = form_data(paper) | {"title": "", "keywords": "one"}
    reader.page(browser.post(form_url, refused), "submission form with errors")
    data = form_data(paper, topics=list(panel.topics.all()[:2])) | {
        "paper": upload(seed_paper_bytes(), "rodrigues-mattioli.pdf")}
    submission_url = browser.post(form_url, data)["Location"]
    reader.page(browser.get(submission_url), "draft with the identity warning")

    mail.outbox.clear()
    submission = Submission.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(reverse("submissions:submit", kwargs={"code": submission.code}))
    reader.page(browser.get(submission_url), "submission with its receipt")
    reader.page(browser.get(reverse("submissions:dashboard")), "dashboard")
    (receipt,) = mails_to(gilberto["email"])
    (added,) = mails_to(thiago["email"])
    reader.mail(receipt, "receipt mail")
    reader.mail(added, "co-author mail")

    reader.assert_no_english()
    assert len(reader.read) >= 16


@pytest.fixture
def decided_panel(panel, paper, author, coauthor, chair, reviewer, django_capture_on_commit_callbacks):
    """The cast's paper with three reviews (overall means with decimals) and an accept decision waiting for release."""
    submit_review(paper, reviewer, overall=2, confidence=4, comments="The case selection needs a justification.",
                  confidential="A chapter of a thesis, I think.")
    submit_review(paper, assign(paper, full_name="Vera Second"), overall=1, comments="A clear and useful paper.")
    submit_review(paper, assign(paper, full_name="Walter Third"), overall=-1, comments="The method is thin.")
    decision_set(submission=paper, outcome="accept", note="Please shorten section 2.", by=chair)
    return panel


@languages
def test_the_decisions_journey_has_no_english_left(
    language, decided_panel, paper, author, coauthor, chair, django_capture_on_commit_callbacks,
):
    User.objects.update(language=language)
    reader = Reader(language)
    reader.knows(decided_panel, decided_panel.conference, *decided_panel.topics.all(), paper,
                 *Author.objects.filter(submission=paper), *User.objects.all(), *Decision.objects.all(),
                 *PaperFile.objects.all(), *paper.reviews.all())
    panel_kwargs = {"conference": decided_panel.conference.slug, "panel": decided_panel.slug}

    chair_browser = Client()
    chair_browser.force_login(chair)
    dashboard = reader.page(chair_browser.get(reverse("reviews:dashboard", kwargs=panel_kwargs)), "dashboard")
    assert "0,67" in dashboard  # the overall mean of 2, 1 and -1, with the language's decimal comma
    reader.page(chair_browser.get(reverse("reviews:paper_reviews", kwargs={"code": paper.code})), "paper's reviews")
    reader.page(chair_browser.get(reverse("reviews:decisions", kwargs=panel_kwargs)), "decisions")
    reader.page(chair_browser.get(reverse("reviews:decisions_preview", kwargs=panel_kwargs)), "release preview")
    with django_capture_on_commit_callbacks(execute=True):
        released = chair_browser.post(reverse("reviews:decisions_release", kwargs=panel_kwargs), {"confirm": "on"})
    reader.page(chair_browser.get(released["Location"]), "decisions, released")

    for person in (author, coauthor):
        (decision_mail,) = mails_to(person.email)
        reader.mail(decision_mail, f"decision mail to {person.full_name}")
    author_browser = Client()
    author_browser.force_login(author)
    reader.page(author_browser.get(reverse("reviews:author_decision", kwargs={"code": paper.code})), "decision page")
    reader.page(author_browser.get(reverse("submissions:detail", kwargs={"code": paper.code})), "accepted paper")

    reader.assert_no_english()


@languages
def test_the_account_pages_built_on_allauth_have_no_english_left(language, django_capture_on_commit_callbacks):
    user = UserFactory(language=language, full_name="Clara Coautora")
    reader = Reader(language)
    reader.knows(user)
    visitor = Client(HTTP_ACCEPT_LANGUAGE=BROWSERS[language])
    reader.page(visitor.get(reverse("account_login")), "log-in")
    reader.page(visitor.post(reverse("account_login"), {"login": user.email, "password": "wrong"}), "log-in refused")
    reader.page(visitor.get(reverse("account_reset_password")), "password reset")
    with django_capture_on_commit_callbacks(execute=True):
        sent = visitor.post(reverse("account_reset_password"), {"email": user.email})
    reader.page(visitor.get(sent["Location"]), "password reset sent")
    (reset,) = mails_to(user.email)
    reader.mail(reset, "password reset mail")

    visitor.force_login(user)
    for name in ("account_email", "account_change_password", "mfa_index"):
        reader.page(visitor.get(reverse(name)), name)
    reader.page(visitor.get(visitor.get(reverse("mfa_activate_totp"))["Location"]), "password asked again")
    visitor.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    reader.page(visitor.get(reverse("mfa_activate_totp")), "two-factor set-up")

    reader.assert_no_english()

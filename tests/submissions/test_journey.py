"""The author's journey of issue 3, through the browser's requests: an
anonymous visitor opens the seed call, signs up, verifies the address, fills
the form with the seed paper, submits, edits, uploads a new version,
withdraws; the second author gains access by signing up."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from sampledata.demo import demo_load
from submissions.models import PaperFile, Submission
from tests.factories import PASSWORD
from tests.pdfs import make_pdf, seed_paper_bytes, upload
from tests.seed_paper import form_data, seed_paper

pytestmark = pytest.mark.django_db


def confirmation_path(body: str) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", body).group(1)


def sign_up_and_verify(client, capture, *, email, name, affiliation, next_url):
    """allauth's sign-up with ?next=, then the emailed link; returns where the portal lands."""
    signup_url = f"{reverse('account_signup')}?next={next_url}"
    assert client.get(signup_url).status_code == 200
    with capture(execute=True):
        response = client.post(signup_url, {
            "email": email, "full_name": name, "affiliation": affiliation,
            "password1": PASSWORD, "password2": PASSWORD, "next": next_url,
        })
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    verification = [message for message in mail.outbox if email in message.to and "/confirm-email/" in message.body]
    link = confirmation_path(verification[-1].body)
    response = client.post(link)
    assert response.status_code == 302
    return response["Location"]


def test_an_author_submits_the_seed_paper_to_the_seed_call_and_follows_it_through(
    client, django_capture_on_commit_callbacks, stored_files,
):
    panel, _logins = demo_load()
    paper = seed_paper()
    gilberto, thiago = paper["authors"]

    # The visitor reads the call and follows its "Submit a paper" button.
    call_page = client.get(panel.get_absolute_url()).content.decode()
    form_url = reverse("submissions:create", kwargs={"conference_slug": "demo", "panel_slug": panel.slug})
    assert f'href="{reverse("account_signup")}?next={form_url}"' in call_page

    # Sign-up and verification lead straight back to the form.
    landing = sign_up_and_verify(client, django_capture_on_commit_callbacks, email=gilberto["email"],
                                 name=gilberto["name"], affiliation=gilberto["affiliation"], next_url=form_url)
    assert landing == form_url
    form_page = client.get(landing)
    assert form_page.status_code == 200
    assert gilberto["email"] in form_page.content.decode()  # the submitter is the first author

    # Filling the form with the seed paper saves a draft and warns about the names in the PDF.
    topics = list(panel.topics.all()[:2])
    data = form_data(paper, topics=topics) | {"paper": upload(seed_paper_bytes(), "rodrigues-mattioli.pdf")}
    response = client.post(form_url, data)
    submission = Submission.objects.get()
    assert response.status_code == 302 and response["Location"] == submission.get_absolute_url()
    assert submission.state == Submission.State.DRAFT
    assert [(a.name, a.affiliation, a.orcid, a.is_corresponding) for a in submission.authors.order_by("position")] == [
        (gilberto["name"], gilberto["affiliation"], "0000-0001-5150-5146", True),
        (thiago["name"], thiago["affiliation"], "0000-0002-5648-6359", False),
    ]
    assert submission.keywords == paper["keywords"]
    assert (submission.second_language, submission.second_title, submission.second_abstract,
            submission.second_keywords) == ("pt", paper["second_title"], paper["second_abstract"], paper["second_keywords"])
    first = submission.current_paper
    assert first.pages == 15 and first.version == 1
    assert {finding["term"] for finding in first.anonymity_findings} >= {gilberto["name"], thiago["name"]}
    detail = client.get(submission.get_absolute_url()).content.decode()
    assert "This PDF names its authors" in detail
    assert paper["second_abstract"][:60] in detail and paper["abstract"][:60] in detail
    assert "Submit anyway" in detail

    # Submitting: a receipt to the submitter, the news to the co-author.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("submissions:submit", kwargs={"code": submission.code}))
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.state == Submission.State.SUBMITTED and submission.submitted_at
    assert sorted(message.to[0] for message in mail.outbox) == sorted([gilberto["email"], thiago["email"]])
    receipt = next(message for message in mail.outbox if message.to == [gilberto["email"]])
    assert f"#{submission.number}" in receipt.subject
    assert first.sha256 in receipt.body and paper["title"] in receipt.body
    added = next(message for message in mail.outbox if message.to == [thiago["email"]])
    assert "listed as an author" in added.subject

    # The dashboard shows the state, the countdown and the receipt.
    dashboard = client.get(reverse("submissions:dashboard")).content.decode()
    assert paper["title"] in dashboard and first.sha256 in dashboard and "left until the full-paper deadline" in dashboard

    # Editing before the deadline: every author gets a receipt of the change.
    mail.outbox.clear()
    paper["title"] = "Paradiplomacy and City Networks: the Mercocities Citizen Security Unit"
    edit_url = reverse("submissions:edit", kwargs={"code": submission.code})
    assert client.get(edit_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url, form_data(paper, topics=topics, initial_authors=2))
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.title == paper["title"]
    assert len(mail.outbox) == 2 and all("changed" in message.subject for message in mail.outbox)

    # A new version, anonymised: both versions are kept with time and checksum.
    anonymous = make_pdf(["Paradiplomacy, security policies and city networks"], pages=12)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("submissions:upload", kwargs={"code": submission.code}),
                               {"paper": upload(anonymous, "anonymous.pdf")})
    assert response.status_code == 302
    versions = list(PaperFile.objects.filter(submission=submission).order_by("version"))
    assert [(v.version, v.pages) for v in versions] == [(1, 15), (2, 12)]
    assert versions[1].anonymity_findings == [] and versions[0].sha256 != versions[1].sha256
    detail = client.get(submission.get_absolute_url()).content.decode()
    assert versions[0].sha256 in detail and versions[1].sha256 in detail
    assert "This PDF names its authors" not in detail

    # Each version downloads as uploaded.
    download = client.get(versions[0].get_absolute_url())
    assert b"".join(download.streaming_content) == seed_paper_bytes()

    # The second author signs up with the address on the paper, and finds it.
    second = client_class_for(client)
    landing = sign_up_and_verify(second, django_capture_on_commit_callbacks, email=thiago["email"],
                                 name=thiago["name"], affiliation=thiago["affiliation"],
                                 next_url=reverse("submissions:dashboard"))
    dashboard = second.get(landing).content.decode()
    assert paper["title"] in dashboard
    assert second.get(edit_url).status_code == 200

    # Withdrawing before a decision; every author is told.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("submissions:withdraw", kwargs={"code": submission.code}), {"confirm": "on"})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.state == Submission.State.WITHDRAWN and submission.withdrawn_at
    assert len(mail.outbox) == 2 and all("withdrawn" in message.subject for message in mail.outbox)
    assert len(stored_files()) == 4  # two versions, each with its reviewers' copy (the call is double-blind)
    call_command("check_invariants")


def client_class_for(client):
    """Another browser: a fresh client of the same class."""
    return type(client)()

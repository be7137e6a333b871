"""The production path, not the eager one: gunicorn and a Celery worker as
separate processes on loopback, PostgreSQL, a Redis of the test's own and a
real SMTP server. A visitor signs up, follows the emailed link, submits the
seed paper through the form and receives the receipt."""

import json
import re
import time

import pytest
import requests
from django.core.management import call_command
from django.urls import reverse

from portal.models import OutboundMail
from sampledata.demo import demo_load
from submissions.models import Submission
from tests.factories import PASSWORD
from tests.pdfs import seed_paper_bytes
from tests.seed_paper import form_data, seed_paper
from tests.support.gunicorn import LOOPBACK_HTTP, Gunicorn, collect_static
from tests.support.redis import own_redis  # noqa: F401  (a fixture)
from tests.support.smtp import smtp_sink  # noqa: F401  (a fixture)
from tests.support.worker import CeleryWorker, portal_environment, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def arrival_to(sink, address: str, *, containing: str, timeout: float = 20):
    """The first message to `address` whose subject or body contains `containing`."""
    def found():
        return next((arrival for arrival in list(sink.arrivals) if address in arrival.recipients
                     and (containing in arrival.subject or containing in arrival.body)), None)

    wait_until(lambda: found() is not None, timeout=timeout, message=f"no mail to {address} with {containing!r}")
    return found()


def post(session, url: str, data: dict, **kwargs) -> requests.Response:
    """A form post as a browser sends it: with the CSRF token, without following the redirect."""
    return session.post(url, data={**data, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
                        allow_redirects=False, timeout=30, **kwargs)


def json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_sign_up_submit_the_seed_paper_and_receive_the_receipt(own_redis, smtp_sink, tmp_path,
                                                                tmp_path_factory):
    started = time.monotonic()
    panel, _logins = demo_load()
    paper = seed_paper()
    gilberto = paper["authors"][0]
    env = portal_environment(
        broker_url=own_redis.url(0), CACHE_URL=own_redis.url(1), EMAIL_URL=smtp_sink.url,
        PRIVATE_MEDIA_ROOT=tmp_path / "private-media", STATIC_ROOT=collect_static(tmp_path_factory.getbasetemp() / "static"),
        **LOOPBACK_HTTP,
    )
    # The panel's set-up told its chairs of their role through the test's own broker; this worker
    # delivers what the journey queues.
    set_up_mail = list(OutboundMail.objects.values_list("id", flat=True))
    with Gunicorn(env) as web, CeleryWorker(env, concurrency=1) as worker:
        site = web.url
        browser = requests.Session()
        form_path = reverse("submissions:create", kwargs={"conference_slug": panel.conference.slug,
                                                          "panel_slug": panel.slug})
        signup = f"{site}{reverse('account_signup')}?next={form_path}"

        # Sign-up: the verification mail goes out through the outbox, the worker and SMTP.
        assert browser.get(signup, timeout=30).status_code == 200
        response = post(browser, signup, {
            "email": gilberto["email"], "full_name": gilberto["name"], "affiliation": gilberto["affiliation"],
            "password1": PASSWORD, "password2": PASSWORD, "next": form_path,
        })
        assert response.status_code == 302, response.text[-2000:]
        assert response.headers["Location"] == reverse("account_email_verification_sent")
        verification = arrival_to(smtp_sink, gilberto["email"], containing="/confirm-email/")
        link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", verification.body).group(1)
        browser.get(site + link, timeout=30)
        response = post(browser, site + link, {})
        assert response.status_code == 302 and response.headers["Location"] == form_path

        # The seed paper, through the form, then submitted.
        assert browser.get(site + form_path, timeout=30).status_code == 200
        topics = list(panel.topics.all()[:2])
        response = post(browser, site + form_path, form_data(paper, topics=topics),
                        files={"paper": ("rodrigues-mattioli.pdf", seed_paper_bytes(), "application/pdf")})
        assert response.status_code == 302, response.text[-2000:]
        submission = Submission.objects.get()
        assert response.headers["Location"] == submission.get_absolute_url()
        response = post(browser, site + reverse("submissions:submit", kwargs={"code": submission.code}), {})
        assert response.status_code == 302

        # The receipt arrives over SMTP, sent by the worker.
        receipt = arrival_to(smtp_sink, gilberto["email"], containing=f"#{submission.number}")
        journey_mail = OutboundMail.objects.exclude(id__in=set_up_mail)
        wait_until(lambda: not journey_mail.exclude(state=OutboundMail.State.SENT).exists(), timeout=20,
                   message="outbox rows left unsent")
        web_log, worker_log = web.log(), worker.log()

    submission.refresh_from_db()
    assert submission.state == Submission.State.SUBMITTED
    current = submission.current_paper
    with current.file.open("rb") as stored:
        assert stored.read() == seed_paper_bytes()
    assert current.sha256 in receipt.body and paper["title"] in receipt.body
    assert smtp_sink.repeats() == 0

    # Both processes logged JSON: each request with its id, each delivery with its outbox row.
    receipt_row = OutboundMail.objects.get(to_email=gilberto["email"], subject=receipt.subject)
    assert any(line.get("path") == form_path and line.get("status") == 302 and line.get("request_id")
               for line in json_lines(web_log)), web_log[-2000:]
    assert any(line.get("outbox_id") == receipt_row.pk and line.get("task_name") == "portal.tasks.deliver_mail"
               for line in json_lines(worker_log)), worker_log[-2000:]
    call_command("check_invariants")
    assert time.monotonic() - started < 60

"""The outbox with its real parts: a Celery worker process, Redis, PostgreSQL
and an SMTP server, counting what arrives by Message-ID.

Each test ends with `check_invariants`.
"""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from portal.celery import app
from portal.mail.queue import Recipient, mail_queue_bulk
from portal.models import MailTemplateOverride, OutboundMail
from submissions.models import Submission
from tests.factories import AuthorFactory, PanelFactory, PaperFileFactory, SubmissionFactory
from tests.support.broker import celery_broker
from tests.support.redis import own_redis  # noqa: F401  (a fixture)
from tests.support.smtp import smtp_sink  # noqa: F401  (a fixture)
from tests.support.worker import CeleryBeat, CeleryWorker, ManageCommand, portal_environment, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
State = OutboundMail.State


def queue_decisions(count: int):
    """`count` decision mails, worded by the panel's chairs, queued in one change."""
    panel = PanelFactory(title="Security practices on the move")
    MailTemplateOverride.objects.create(
        panel=panel, template="decision", subject="Decision on “{title}”",
        body="Dear {author_name},\n\nYour paper “{title}” was {decision}.\n\n{reviews}\n\n{submission_url}",
    )
    recipients = [
        Recipient(to=f"author{n:05d}@university.example.org", context={"placeholders": {
            "author_name": f"Author {n}", "title": f"Paper {n}", "decision": "accepted", "note": "",
            "reviews": "Reviewer 1: clear.", "panel_title": panel.title, "conference_name": panel.conference.name,
            "submission_url": f"https://portal.example.org/submissions/{n}/",
        }})
        for n in range(count)
    ]
    with transaction.atomic():
        batch = mail_queue_bulk(template="decision", recipients=recipients, panel=panel, description="Decisions")
    return {mail.message_id for mail in batch.mails.all()}


@pytest.fixture
def shared_broker():
    """The configured Redis (CELERY_BROKER_URL), its queue emptied of older runs' tasks."""
    app.control.purge()
    return app.conf.broker_url


def all_sent() -> bool:
    return not OutboundMail.objects.exclude(state=State.SENT).exists()


def test_a_thousand_decision_mails_are_each_delivered_exactly_once(shared_broker, smtp_sink):
    env = portal_environment(broker_url=shared_broker, EMAIL_URL=smtp_sink.url)
    with CeleryWorker(env, concurrency=2) as worker:
        expected = queue_decisions(1000)
        arrived = smtp_sink.wait_for_distinct(1000, timeout=90)
        assert arrived == 1000, worker.log()[-3000:]
        wait_until(all_sent, timeout=10, message="rows not marked sent")
    assert set(smtp_sink.message_ids()) == expected
    assert smtp_sink.repeats() == 0
    assert all(len(arrival.recipients) == 1 for arrival in smtp_sink.arrivals)
    call_command("check_invariants")


def test_a_worker_killed_three_times_mid_batch_loses_nothing(own_redis, smtp_sink):
    env = portal_environment(
        broker_url=own_redis.url(), EMAIL_URL=smtp_sink.url, CELERY_TASK_TIME_LIMIT="10",
        MAIL_SENDING_STALE_AFTER="12", MAIL_SWEEP_AFTER="15",
    )
    sweeper = ManageCommand(env, "send_queued_mail", "--interval", "1")
    worker = CeleryWorker(env, concurrency=1)
    with celery_broker(own_redis.url()), sweeper, worker:
        expected = queue_decisions(1000)
        for threshold in (200, 450, 700):
            smtp_sink.wait_for_distinct(threshold, timeout=60)
            worker.kill()
            worker.start()
        arrived = smtp_sink.wait_for_distinct(1000, timeout=120)
        assert arrived == 1000, worker.log()[-3000:] + sweeper.log()[-2000:]
        wait_until(all_sent, timeout=30, message="rows not marked sent")
    assert set(smtp_sink.message_ids()) == expected
    assert smtp_sink.repeats() <= 3
    print(f"\nkilled 3 times: {len(expected)} delivered, {smtp_sink.repeats()} repeated")
    call_command("check_invariants")


def test_mail_refused_for_a_while_is_delivered_after_the_backoff(shared_broker, smtp_sink):
    env = portal_environment(
        broker_url=shared_broker, EMAIL_URL=smtp_sink.url, MAIL_RETRY_BASE_DELAY="1", MAIL_RETRY_MAX_DELAY="4",
    )
    with CeleryWorker(env, concurrency=2) as worker:
        smtp_sink.refuse_for(4)  # from when the worker is ready: its start-up may take longer than that
        expected = queue_decisions(100)
        arrived = smtp_sink.wait_for_distinct(100, timeout=60)
        assert arrived == 100, worker.log()[-3000:]
        wait_until(all_sent, timeout=10, message="rows not marked sent")
    assert smtp_sink.refused > 0
    assert set(smtp_sink.message_ids()) == expected and smtp_sink.repeats() == 0
    assert OutboundMail.objects.filter(attempts__gt=1).exists()
    call_command("check_invariants")


def test_a_submission_saved_while_redis_is_down_stands_and_its_receipts_arrive_once_redis_is_back(
    own_redis, smtp_sink, client, panel, author, coauthor, tmp_path,
):
    draft = SubmissionFactory(panel=panel, created_by=author, state=Submission.State.DRAFT, submitted_at=None)
    AuthorFactory(submission=draft, email=coauthor.email, name=coauthor.full_name)
    PaperFileFactory(submission=draft)
    env = portal_environment(
        broker_url=own_redis.url(), EMAIL_URL=smtp_sink.url, MAIL_SWEEP_INTERVAL="1", MAIL_SWEEP_AFTER="1",
    )
    client.force_login(author)
    with celery_broker(own_redis.url()), CeleryWorker(env), CeleryBeat(env, schedule_file=tmp_path / "beat"):
        own_redis.stop()
        response = client.post(reverse("submissions:submit", kwargs={"code": draft.code}))
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.state == Submission.State.SUBMITTED
        receipts = list(OutboundMail.objects.filter(related_id=draft.pk))  # the receipt, the news of being added
        assert sorted(row.to_email for row in receipts) == sorted([author.email, coauthor.email])
        assert {row.state for row in receipts} == {State.QUEUED}

        own_redis.start()  # empty: the tasks published before it stopped are gone with it
        assert smtp_sink.wait_for_distinct(2, timeout=60) == 2
        wait_until(all_sent, timeout=10, message="receipts not marked sent")
    assert sorted(smtp_sink.message_ids()) == sorted(row.message_id for row in receipts)
    assert smtp_sink.repeats() == 0
    call_command("check_invariants")

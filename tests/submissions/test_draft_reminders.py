"""Authors of a draft not yet submitted are reminded 48 hours and 6 hours
before the full-paper deadline: once each, through the outbox, never after
submission, and a retried run sends nothing more."""

import datetime

import pytest
from django.conf import settings
from django.core import mail

from portal.models import OutboundMail
from submissions.models import DraftReminder, Submission
from submissions.reminders import draft_remind, draft_reminders_send_due
from submissions.tasks import send_due_draft_reminders
from tests import factories

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def draft(paper):
    paper.state, paper.submitted_at = Submission.State.DRAFT, None
    paper.save()
    return paper


def run(capture, now) -> int:
    with capture(execute=True):
        return draft_reminders_send_due(now=now)


def test_the_authors_of_a_draft_are_reminded_48_and_6_hours_before_once_each(
    draft, author, django_capture_on_commit_callbacks,
):
    deadline = draft.panel.submission_deadline
    factories.AuthorFactory(submission=draft, email="no.account@elsewhere.example.org")
    assert run(django_capture_on_commit_callbacks, deadline - 49 * HOUR) == 0
    assert run(django_capture_on_commit_callbacks, deadline - 47 * HOUR) == 1
    assert run(django_capture_on_commit_callbacks, deadline - 30 * HOUR) == 0  # the 48-hour one went out
    assert run(django_capture_on_commit_callbacks, deadline - 5 * HOUR) == 1
    assert run(django_capture_on_commit_callbacks, deadline - 4 * HOUR) == 0
    assert run(django_capture_on_commit_callbacks, deadline + HOUR) == 0
    assert sorted(DraftReminder.objects.values_list("lead", flat=True)) == ["48h", "6h"]
    assert sorted(message.to[0] for message in mail.outbox) == sorted([author.email, "no.account@elsewhere.example.org"] * 2)
    assert OutboundMail.objects.filter(template="draft_reminder").count() == 4
    first = mail.outbox[0]
    assert "is not submitted yet" in first.subject and "left" in first.subject
    assert draft.title in first.body and "(AoE)" in first.body and draft.get_absolute_url() in first.body


def test_a_submitted_paper_is_never_reminded(draft, django_capture_on_commit_callbacks):
    deadline = draft.panel.submission_deadline
    draft.state, draft.submitted_at = Submission.State.SUBMITTED, deadline - 50 * HOUR
    draft.save()
    assert run(django_capture_on_commit_callbacks, deadline - 47 * HOUR) == 0
    assert run(django_capture_on_commit_callbacks, deadline - 5 * HOUR) == 0
    assert mail.outbox == [] and not DraftReminder.objects.exists()


def test_a_draft_found_late_gets_only_the_nearest_reminder(draft, author, django_capture_on_commit_callbacks):
    assert run(django_capture_on_commit_callbacks, draft.panel.submission_deadline - 2 * HOUR) == 1
    assert list(DraftReminder.objects.values_list("lead", flat=True)) == ["6h"]
    assert len(mail.outbox) == 1


def test_a_retried_run_sends_nothing_more(draft, author, django_capture_on_commit_callbacks):
    now = draft.panel.submission_deadline - 10 * HOUR
    with django_capture_on_commit_callbacks(execute=True):
        assert draft_remind(submission_id=draft.pk, now=now) is True
        assert draft_remind(submission_id=draft.pk, now=now) is False
        assert send_due_draft_reminders() in (0, 1)  # the task, at the real "now": nothing twice either
    assert OutboundMail.objects.filter(template="draft_reminder", to_email=author.email).count() == 1


def test_a_coauthor_without_an_account_is_reminded_in_the_language_chosen_for_them(
    draft, django_capture_on_commit_callbacks,
):
    factories.AuthorFactory(submission=draft, email="sem.conta@example.org", mail_language="pt-br")
    run(django_capture_on_commit_callbacks, draft.panel.submission_deadline - 5 * HOUR)
    body = next(message.body for message in mail.outbox if message.to == ["sem.conta@example.org"])
    assert "ainda é um rascunho" in body


def test_beat_runs_the_reminders():
    assert settings.CELERY_BEAT_SCHEDULE["remind-authors-of-drafts"]["task"] == "submissions.tasks.send_due_draft_reminders"

"""Reminders to reviewers whose reviews are outstanding: sent by a chair at
any time, and automatically a few days before the review deadline."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from portal.mail.queue import mail_queue
from portal.models import Panel
from portal.refusals import refuse_if
from portal.workflow import audit_record
from reviews import permissions
from reviews.models import ReviewReminder
from reviews.selectors.reviewing import outstanding_reviews_by_reviewer


def _remind(panel, *, now) -> int:
    outstanding = outstanding_reviews_by_reviewer(panel)
    url = settings.SITE_URL + reverse("reviews:my_reviews")
    deadline = panel.review_deadline
    for reviewer, papers in outstanding:
        mail_queue(
            to=reviewer, template="review_reminder", panel=panel, related=panel,
            context={
                "papers": papers, "deadline": deadline, "deadline_passed": bool(deadline and deadline < now),
                "reviews_url": url,
            },
        )
    return len(outstanding)


def reminders_send_late(*, panel, by, now=None) -> int:
    """A chair reminds every reviewer with a review outstanding. Returns how many were mailed."""
    now = now or timezone.now()
    with transaction.atomic():
        refuse_if(permissions.why_not_chair_reviewing(by, panel))
        sent = _remind(panel, now=now)
        reminder = ReviewReminder.objects.create(
            panel=panel, deadline=panel.review_deadline or now, kind=ReviewReminder.Kind.MANUAL,
            sent_at=now, sent_by=by, recipients=sent,
        )
        audit_record(action="reviews.reminded", target=reminder, by=by, panel=panel, data={"recipients": sent})
    return sent


def reminders_send_due(*, now=None) -> int:
    """Remind the reviewers of every panel whose review deadline is at most
    REVIEW_REMINDER_DAYS_BEFORE days away, once per deadline: the unique
    round row, inserted first, lets only one run through."""
    now = now or timezone.now()
    horizon = now + datetime.timedelta(days=settings.REVIEW_REMINDER_DAYS_BEFORE)
    rounds = 0
    for panel in Panel.objects.filter(review_deadline__gt=now, review_deadline__lte=horizon).select_related("conference"):
        try:
            with transaction.atomic():
                reminder = ReviewReminder.objects.create(
                    panel=panel, deadline=panel.review_deadline, kind=ReviewReminder.Kind.SCHEDULED, sent_at=now,
                )
                reminder.recipients = _remind(panel, now=now)
                reminder.save(update_fields=["recipients"])
        except IntegrityError:
            continue  # this deadline's round went out already
        rounds += 1
    return rounds

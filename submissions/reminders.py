"""Reminders to the authors of a draft that is not submitted yet, 48 hours
and 6 hours before the full-paper deadline (beat runs
submissions.tasks.send_due_draft_reminders). Each goes out once: the
DraftReminder row and the mails are written in one transaction under the
submission's row lock, and the row is unique per deadline and lead time, so a
retried or doubled run sends nothing more. A paper submitted meanwhile (or
withdrawn) is not reminded."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.mail.queue import Recipient, mail_queue_many
from submissions.models import DraftReminder, Submission

# Most urgent first: a draft found 5 hours before its deadline gets the 6-hour reminder only.
LEADS = (
    (DraftReminder.Lead.SIX_HOURS, datetime.timedelta(hours=6)),
    (DraftReminder.Lead.TWO_DAYS, datetime.timedelta(hours=48)),
)


def drafts_due_for_reminder(now: datetime.datetime) -> list[int]:
    horizon = now + max(span for _lead, span in LEADS)
    return list(
        Submission.objects.filter(
            state=Submission.State.DRAFT, panel__submission_deadline__gt=now,
            panel__submission_deadline__lte=horizon,
        ).values_list("pk", flat=True)
    )


def draft_reminders_send_due(*, now: datetime.datetime | None = None) -> int:
    """Remind the authors of every draft whose deadline is at most 48 hours
    (then 6 hours) away. Returns how many drafts were reminded."""
    now = now or timezone.now()
    return sum(draft_remind(submission_id=pk, now=now) for pk in drafts_due_for_reminder(now))


def draft_remind(*, submission_id: int, now: datetime.datetime) -> bool:
    try:
        with transaction.atomic():
            submission = (Submission.objects.select_for_update(of=("self",))
                          .select_related("panel__conference").get(pk=submission_id))
            deadline = submission.panel.submission_deadline
            if submission.state != Submission.State.DRAFT or deadline <= now:
                return False
            lead = next((lead for lead, span in LEADS if deadline - now <= span), None)
            if lead is None or DraftReminder.objects.filter(
                    submission=submission, deadline=deadline, lead=lead).exists():
                return False
            DraftReminder.objects.create(submission=submission, deadline=deadline, lead=lead, sent_at=now)
            _mail_authors(submission)
    except IntegrityError:
        return False  # another run wrote this reminder first
    return True


def _mail_authors(submission: Submission) -> None:
    context = {"submission": submission, "url": settings.SITE_URL + submission.get_absolute_url()}
    mail_queue_many(panel=submission.panel, mails=[
        ("draft_reminder", Recipient(to=author.email, context={**context, "author": author}, related=submission,
                                     language_without_account=author.language_for_mail))
        for author in submission.authors.order_by("position")
    ])

from celery import shared_task

from submissions.reminders import draft_reminders_send_due


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_due_draft_reminders() -> int:
    """Run by beat: the reminders 48 and 6 hours before the full-paper deadline to authors of drafts."""
    return draft_reminders_send_due()

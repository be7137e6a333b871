"""Thin Celery tasks over the outbox (portal.mail.delivery).

Settings give every task late acknowledgement and rejection on worker loss:
a worker killed mid-task leaves its message to be delivered again, and the
outbox's claim keeps the second run from sending twice.

The tasks keep the names they had as portal/tasks.py: a message already in
the broker when the portal is upgraded still finds its task, and the beat
schedule (settings) and the log fields (portal.logs) name them so.
"""

from celery import shared_task

from portal.mail.queue import dispatch_many
from portal.mail.delivery import Outcome, kept_connection, outbox_deliver, outbox_sweep
from portal.models import OutboundMail


@shared_task(name="portal.tasks.deliver_mail", bind=True, acks_late=True, reject_on_worker_lost=True,
             max_retries=None)
def deliver_mail(self, mail_id: int) -> str:
    delivery = outbox_deliver(mail_id, connection=None if self.request.is_eager else kept_connection())
    if delivery.outcome is Outcome.RETRY and not self.request.is_eager:
        # The row counts its attempts and says when to give up; an eager run
        # (no broker) never waits here: the row waits for the sweeper.
        raise self.retry(countdown=delivery.retry_in)
    return delivery.outcome.value


@shared_task(name="portal.tasks.deliver_batch", acks_late=True, reject_on_worker_lost=True)
def deliver_batch(batch_id: int) -> int:
    """Fan a batch out into one delivery task per queued row."""
    ids = list(
        OutboundMail.objects.filter(batch_id=batch_id, state=OutboundMail.State.QUEUED)
        .order_by("id").values_list("pk", flat=True)
    )
    dispatch_many(ids)
    return len(ids)


@shared_task(name="portal.tasks.sweep_outbox", acks_late=True, reject_on_worker_lost=True)
def sweep_outbox() -> int:
    """Run by beat: hand over again the rows whose task was lost."""
    ids = outbox_sweep()
    dispatch_many(ids)
    return len(ids)

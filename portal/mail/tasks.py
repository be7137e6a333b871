"""Handing outbox rows to Celery, and the thin Celery tasks that deliver them
(portal.mail.delivery).

The queueing API (portal.mail.queue) calls `dispatch*` after its commit; the
tasks below call them too (a batch fans out, the sweeper hands rows over
again), so this module sits between the two and imports neither the queueing
API nor anything above it.

Settings give every task late acknowledgement and rejection on worker loss:
a worker killed mid-task leaves its message to be delivered again, and the
outbox's claim keeps the second run from sending twice.

The tasks keep the names they had as portal/tasks.py: a message already in
the broker when the portal is upgraded still finds its task, and the beat
schedule (settings) and the log fields (portal.logs) name them so.
"""

import logging
from collections.abc import Iterable

from celery import shared_task

from portal.celery import app
from portal.mail.delivery import Outcome, kept_connection, outbox_deliver, outbox_sweep
from portal.models import OutboundMail

logger = logging.getLogger(__name__)


def dispatch(mail_id: int) -> bool:
    """Hand a row to Celery. False when the broker is unreachable (refused or
    timed out): the row stays queued for the sweeper and the caller goes on."""
    return dispatch_many([mail_id])


def dispatch_many(mail_ids: Iterable[int]) -> bool:
    mail_ids = list(mail_ids)
    try:
        if app.conf.task_always_eager:  # no broker: each row is delivered here and now
            for mail_id in mail_ids:
                deliver_mail.apply((mail_id,))
            return True
        with app.producer_or_acquire() as producer:  # one connection for them all
            for mail_id in mail_ids:
                deliver_mail.apply_async((mail_id,), producer=producer)
    except Exception:  # the broker is down: the rows stay queued, the change stands
        logger.warning("Could not deliver or queue %s outbox row(s); the sweeper will retry.", len(mail_ids),
                       exc_info=True)
        return False
    return True


def dispatch_batch(batch_id: int) -> bool:
    """One small message for a whole batch; a worker fans it out to one task per row."""
    try:
        deliver_batch.delay(batch_id)
    except Exception:
        logger.warning("Could not queue mail batch %s; the sweeper will retry its rows.", batch_id, exc_info=True)
        return False
    return True


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

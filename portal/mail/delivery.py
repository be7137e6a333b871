"""Sending outbox rows: claim, send, mark; back off on temporary failures;
and the sweeper that hands over rows nobody is delivering.

A row moves queued → sending → sent (or failed). A worker takes a row with a
conditional UPDATE that must change exactly one row, so of two tasks for the
same row (a redelivered message, a sweep) only one sends. Every copy carries
the row's fixed Message-ID. The one window SMTP leaves open: a worker that
dies after the server accepted the mail and before the row is marked sent;
the sweeper then sends it again, with the same Message-ID.
"""

import enum
import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from portal.models import OutboundMail

logger = logging.getLogger(__name__)
State = OutboundMail.State


class Outcome(enum.Enum):
    SENT = "sent"
    SKIPPED = "skipped"  # another worker has the row, or it is no longer queued
    RETRY = "retry"
    FAILED = "failed"


@dataclass(frozen=True)
class Delivery:
    outcome: Outcome
    retry_in: int | None = None


def retry_delay(failed_attempts: int) -> int:
    """Seconds to wait after the n-th failed attempt: doubling, capped."""
    return min(settings.MAIL_RETRY_BASE_DELAY * 2 ** (failed_attempts - 1), settings.MAIL_RETRY_MAX_DELAY)


def is_temporary(error: Exception) -> bool:
    """A 4xx answer or a network failure may pass; a 5xx answer will not."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return True  # the portal's SMTP credentials are wrong: fixable by the operator, not the mail's fault
    if isinstance(error, smtplib.SMTPResponseException):
        return not 500 <= error.smtp_code < 600
    return isinstance(error, (smtplib.SMTPException, OSError))


def build_message(mail: OutboundMail, connection=None) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.to_email],
        headers={"Message-ID": mail.message_id},
        connection=connection,
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    return message


def outbox_claim(mail_id: int) -> OutboundMail | None:
    """Take a queued row for sending; None when another worker has it or it is done."""
    claimed = OutboundMail.objects.filter(pk=mail_id, state=State.QUEUED).update(
        state=State.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1,
    )
    if claimed != 1:
        return None
    return OutboundMail.objects.get(pk=mail_id)


_kept_connections: dict[tuple, object] = {}


def kept_connection():
    """An email connection kept open from mail to mail in this process (a
    worker), checked with NOOP before use: a TLS handshake per mail is slow."""
    key = (settings.EMAIL_BACKEND, getattr(settings, "EMAIL_HOST", ""), getattr(settings, "EMAIL_PORT", 0))
    connection = _kept_connections.get(key)
    if connection is None:
        connection = _kept_connections[key] = get_connection()
    session = getattr(connection, "connection", None)  # smtplib.SMTP once open
    if session is not None:
        try:
            alive = session.noop()[0] == 250
        except Exception:
            alive = False
        if not alive:
            connection.close()
    try:
        connection.open()
    except Exception:  # the send will fail the same way, and the row will say why
        connection.close()
    return connection


def outbox_deliver(mail_id: int, *, connection=None) -> Delivery:
    """Send one row. Never raises for a mail that cannot go out: the row says why.

    With a `connection` (kept open by the caller) a failure closes it, so the
    next mail starts a fresh SMTP session."""
    mail = outbox_claim(mail_id)
    if mail is None:
        return Delivery(Outcome.SKIPPED)
    try:
        build_message(mail, connection).send()
    except Exception as error:
        if connection is not None:
            connection.close()
        return _record_failure(mail, error)
    OutboundMail.objects.filter(pk=mail.pk, state=State.SENDING).update(
        state=State.SENT, sent_at=timezone.now(), last_error="",
    )
    return Delivery(Outcome.SENT)


def _record_failure(mail: OutboundMail, error: Exception) -> Delivery:
    description = f"{type(error).__name__}: {error}"[:2000]
    sending = OutboundMail.objects.filter(pk=mail.pk, state=State.SENDING)
    if not is_temporary(error) or mail.attempts >= settings.MAIL_MAX_ATTEMPTS:
        logger.warning("Outbox row %s failed for good after %s attempt(s): %s", mail.pk, mail.attempts, description)
        sending.update(state=State.FAILED, last_error=description)
        return Delivery(Outcome.FAILED)
    delay = retry_delay(mail.attempts)
    sending.update(
        state=State.QUEUED, claimed_at=None, last_error=description,
        next_attempt_at=timezone.now() + timedelta(seconds=delay),
    )
    return Delivery(Outcome.RETRY, retry_in=delay)


def outbox_sweep(*, grace: int | None = None, limit: int = 1000) -> list[int]:
    """Claim rows nobody is delivering and return their ids, to be handed over again.

    A queued row is swept `grace` seconds (MAIL_SWEEP_AFTER) after it was due:
    its task was lost (a broker down at commit, a worker killed holding it).
    A row sending for longer than MAIL_SENDING_STALE_AFTER lost its worker;
    it goes back to the queue, or fails once it has used up its attempts.
    Rows another sweeper has locked are skipped, not waited for.
    """
    now = timezone.now()
    grace = settings.MAIL_SWEEP_AFTER if grace is None else grace
    lost_task = Q(state=State.QUEUED, next_attempt_at__lte=now - timedelta(seconds=grace))
    lost_worker = Q(state=State.SENDING, claimed_at__lte=now - timedelta(seconds=settings.MAIL_SENDING_STALE_AFTER))
    with transaction.atomic():
        rows = list(
            OutboundMail.objects.select_for_update(skip_locked=True)
            .filter(lost_task | lost_worker)
            .order_by("next_attempt_at", "id")
            .values_list("pk", "attempts")[:limit]
        )
        spent = [pk for pk, attempts in rows if attempts >= settings.MAIL_MAX_ATTEMPTS]
        again = [pk for pk, attempts in rows if attempts < settings.MAIL_MAX_ATTEMPTS]
        OutboundMail.objects.filter(pk__in=spent, state=State.SENDING).update(
            state=State.FAILED, last_error="The worker stopped while sending; no attempts left.",
        )
        OutboundMail.objects.filter(pk__in=again).update(state=State.QUEUED, claimed_at=None, next_attempt_at=now)
    if rows:
        logger.info("Outbox sweep: %s row(s) handed over again, %s failed for good.", len(again), len(spent))
    return again


def outbox_retry_failed(mails) -> list[int]:
    """Put failed rows back in the queue with fresh attempts; their ids, to dispatch."""
    with transaction.atomic():
        ids = list(mails.select_for_update().filter(state=State.FAILED).values_list("pk", flat=True))
        OutboundMail.objects.filter(pk__in=ids, state=State.FAILED).update(
            state=State.QUEUED, attempts=0, claimed_at=None, next_attempt_at=timezone.now(),
        )
    return ids

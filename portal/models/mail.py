"""The mail outbox, its batches and a panel's own wording of a mail (portal.mail)."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models.conference import Panel


class OutboundMail(models.Model):
    """One notification mail: written in the transaction of the change it
    reports, delivered by a Celery task, never deleted (portal.mail)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    to_email = models.EmailField(_("recipient"))
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    language = models.CharField(max_length=10, default="en")
    template = models.CharField(max_length=100)
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    panel = models.ForeignKey(Panel, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    related_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    related_id = models.PositiveBigIntegerField(null=True, blank=True)
    related = GenericForeignKey("related_type", "related_id")

    batch = models.ForeignKey("MailBatch", null=True, blank=True, on_delete=models.PROTECT, related_name="mails")

    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When a worker should next take the row: its creation, or the end of a
    # retry's backoff. The sweeper hands over rows long past it.
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "created_at"], name="outbox_state_idx"),
            models.Index(
                fields=["next_attempt_at"], name="outbox_waiting_idx",
                condition=models.Q(state__in=["queued", "sending"]),
            ),
            models.Index(fields=["batch", "state"], name="outbox_batch_idx"),
            models.Index(fields=["panel", "state"], name="outbox_panel_idx"),
            models.Index(fields=["related_type", "related_id"], name="outbox_related_idx"),
            models.Index(fields=["to_email"], name="outbox_recipient_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="sent") | models.Q(sent_at__isnull=False),
                name="outbox_sent_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.template} to {self.to_email} ({self.state})"

    @property
    def message_id(self) -> str:
        """Fixed per row, so a repeat after a crash can be traced."""
        domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "localhost"
        return f"<{self.code}@{domain}>"


class MailBatch(models.Model):
    """Mail sent to many at once (a chair's message, decisions, reminders):
    one outbox row per recipient, followed together on one page."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    panel = models.ForeignKey(Panel, null=True, blank=True, on_delete=models.PROTECT, related_name="mail_batches")
    template = models.CharField(max_length=100)
    description = models.CharField(_("description"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    size = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("mail batch")
        verbose_name_plural = _("mail batches")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.description


class MailTemplateOverride(models.Model):
    """A panel's own wording of one of the mails chairs may edit
    (portal.mail.wording.EDITABLE_MAILS): plain text with {placeholders}."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="mail_overrides")
    template = models.CharField(_("mail"), max_length=100)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("panel mail wording")
        verbose_name_plural = _("panel mail wordings")
        constraints = [
            models.UniqueConstraint(fields=["panel", "template"], name="mail_override_once_per_panel"),
        ]

    def __str__(self):
        return f"{self.template} ({self.panel})"

"""Reminders sent to reviewers with reviews outstanding."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Panel


class ReviewReminder(models.Model):
    """One round of reminders for a panel. The scheduled round is unique per
    review deadline, so it goes out once per deadline however many workers
    run the task; a deadline that moves makes a new round due."""

    class Kind(models.TextChoices):
        SCHEDULED = "scheduled", _("before the deadline, automatically")
        MANUAL = "manual", _("sent by a chair")

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="review_reminders")
    deadline = models.DateTimeField(_("review deadline reminded of"))
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["panel", "-sent_at"]
        # The dashboard shows a panel's latest reminder.
        indexes = [models.Index(fields=["panel", "-sent_at"], name="reminder_panel_latest_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "deadline"], condition=models.Q(kind="scheduled"),
                name="scheduled_reminder_once_per_deadline",
            ),
        ]

    def __str__(self):
        return f"{self.panel}: {self.get_kind_display()} {self.sent_at:%Y-%m-%d}"

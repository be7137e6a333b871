"""Invitations to join a panel's reviewer pool."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from portal.models import OutboundMail, Panel


class ReviewerInvitation(models.Model):
    """One person invited to review for a panel, by email.

    The link in the mail carries a signature of `code` (reviews.services.pool),
    so the row needs no secret of its own."""

    audit_entity = "invitation"  # portal.workflow names its audit actions "invitation.<state>"

    class State(models.TextChoices):
        # Its own entry in the catalogues: in Spanish a sent invitation is "enviada", a sent mail "enviado".
        SENT = "sent", pgettext_lazy("invitation state", "sent")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="reviewer_invitations")
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.SENT)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(default=timezone.now)
    times_sent = models.PositiveSmallIntegerField(default=1)
    last_mail = models.ForeignKey(OutboundMail, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    responded_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("The account that answered the invitation."),
    )

    class Meta:
        verbose_name = _("reviewer invitation")
        verbose_name_plural = _("reviewer invitations")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "email"], name="invitation_once_per_panel_and_email"),
        ]

    def __str__(self):
        return f"{self.email} ({self.panel})"

    @property
    def bounced(self) -> bool:
        return (
            self.state == self.State.SENT
            and self.last_mail is not None
            and self.last_mail.state == OutboundMail.State.FAILED
        )

    @property
    def status(self) -> str:
        """What the chairs see: the answer, or whether the last mail bounced."""
        return "bounced" if self.bounced else self.state

    @property
    def status_label(self) -> str:
        return _("bounced") if self.bounced else self.get_state_display()

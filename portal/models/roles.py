"""Who runs a conference: its organisers, and the invitations to organise
a conference or chair one of its panels sent to an address."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models.conference import Conference, Panel


class ConferenceOrganiser(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="conference_organisers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["conference", "user"], name="conference_organiser_unique")]

    def __str__(self):
        return f"{self.user} ({self.conference})"


def invitation_code() -> str:
    return secrets.token_urlsafe(24)


class RoleInvitation(models.Model):
    """A role offered to an address: organiser of a conference, or chair of
    one of its panels. Taken by signing in with that address and accepting."""

    class Role(models.TextChoices):
        ORGANISER = "organiser", _("organiser")
        CHAIR = "chair", _("chair")

    code = models.CharField(max_length=40, unique=True, default=invitation_code, editable=False)
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="role_invitations")
    panel = models.ForeignKey(Panel, null=True, blank=True, on_delete=models.CASCADE, related_name="role_invitations")
    role = models.CharField(max_length=10, choices=Role.choices)
    email = models.EmailField(_("email address"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role="organiser", panel__isnull=True) | models.Q(role="chair", panel__isnull=False),
                name="role_invitation_panel_matches_role",
            ),
        ]

    def __str__(self):
        return f"{self.role} {self.email}"

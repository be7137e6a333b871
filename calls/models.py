"""A signed-in user's private calendar feed of the deadlines that concern them."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


def feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret in the address of a user's feed; replacing it revokes the old address."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"calendar feed of {self.user}"

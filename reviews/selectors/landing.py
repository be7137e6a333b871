"""The reviewing side's pages of tasks, for the landing after sign-in (portal.landing)."""

from django.urls import reverse

from portal.permissions import chaired_panel_ids
from reviews.models import Assignment


def chairs_page(user) -> str | None:
    return reverse("reviews:chair_panels") if chaired_panel_ids(user) else None


def reviewers_page(user) -> str | None:
    return reverse("reviews:my_reviews") if Assignment.objects.filter(reviewer=user).exists() else None

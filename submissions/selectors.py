"""Reads of the author's side, each carrying its rule and fetching what its
page needs in a fixed number of queries."""

from allauth.account.models import EmailAddress
from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Lower
from django.urls import reverse

from submissions.models import Author, PaperFile, Submission


def with_page_data(submissions: QuerySet) -> QuerySet:
    return submissions.select_related("panel__conference", "created_by").prefetch_related(
        Prefetch("authors", queryset=Author.objects.order_by("position")),
        Prefetch("files", queryset=PaperFile.objects.order_by("-version")),
        "topics",
        "declared_conflicts",
    )


def submissions_of_author(user) -> QuerySet:
    """Every submission listing one of the user's verified addresses as an
    author's: a co-author who signs up later finds it here."""
    if not user.is_authenticated:
        return Submission.objects.none()
    verified = EmailAddress.objects.filter(user=user, verified=True).annotate(address=Lower("email")).values("address")
    mine = Submission.objects.filter(pk__in=Author.objects.filter(email__in=verified).values("submission"))
    return with_page_data(mine).order_by("-created_at", "-pk")


def authors_page(user) -> str | None:
    """The author's dashboard, for a user listed on a paper (portal.landing)."""
    return reverse("submissions:dashboard") if submissions_of_author(user).exists() else None

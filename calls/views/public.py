"""What anybody may read: a call's calendar, its accepted papers once
published; and each user's private calendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from calls import calendar
from calls.models import CalendarFeed
from calls.services import feeds
from portal.models import Panel
from submissions.models import Author, Submission

ICS = "text/calendar; charset=utf-8"
ACCEPTED = [Submission.State.ACCEPTED, Submission.State.REVISE]


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=ICS)
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


@require_safe
def call_ics(request, conference_slug, panel_slug):
    panel = get_object_or_404(Panel.objects.published().select_related("conference"),
                              conference__slug=conference_slug, slug=panel_slug)
    return _ics(calendar.call_calendar(panel, timezone.now()), f"{conference_slug}-{panel_slug}")


@require_safe
def feed(request, token):
    """The user's deadlines, for a calendar application: the token is the only key."""
    found = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
    response = _ics(calendar.user_calendar(found.user, timezone.now()), "deadlines")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def feed_settings(request):
    """The address of the user's private feed; a new one revokes the former."""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            feeds.feed_revoke(by=request.user)
            messages.success(request, _("Your calendar feed is switched off; its address no longer works."))
        else:
            feeds.feed_renew(by=request.user)
            messages.success(request, _("Your calendar feed has a new address; the former one no longer works."))
        return redirect("calls:feed_settings")
    found = CalendarFeed.objects.filter(user=request.user).first()
    url = request.build_absolute_uri(reverse("calls:feed", kwargs={"token": found.token})) if found else ""
    return render(request, "calls/feed_settings.html", {"feed": found, "url": url})


@require_safe
def accepted_papers(request, conference_slug, panel_slug):
    """The panel's accepted papers, once its chairs publish them: for readers and search engines."""
    panel = get_object_or_404(Panel.objects.published().select_related("conference"),
                              conference__slug=conference_slug, slug=panel_slug)
    if panel.accepted_published_at is None:
        raise Http404
    papers = (Submission.objects.filter(panel=panel, state__in=ACCEPTED, decision__released_at__isnull=False)
              .prefetch_related(Prefetch("authors", queryset=Author.objects.order_by("position")))
              .order_by("number"))
    return render(request, "calls/accepted_papers.html", {"panel": panel, "conference": panel.conference,
                                                          "papers": papers})

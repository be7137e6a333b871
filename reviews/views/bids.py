"""Bidding: the reviewer's page of papers, and the chairs' overview and switch."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from reviews import permissions
from reviews.forms.pool import BID_CHOICES, BiddingForm, BidsForm
from reviews.models import BiddingPhase
from reviews.selectors.pool import bidding_page, bids_overview, own_declared_conflicts, reviewers_with_bids
from reviews.services.bids import bids_save, bidding_set, own_conflict_withdraw
from reviews.lookups import panel_for_chair, panel_for_reviewer, paper_for_bidding


# The one-bid URL is written once on the page, with this in place of the paper's code.
BID_URL_PLACEHOLDER = "00000000-0000-0000-0000-000000000000"


def _topic_filter(request, panel):
    topics = list(panel.topics.all())
    number = request.GET.get("topic", "")
    chosen = next((topic for topic in topics if str(topic.number) == number), None)
    return topics, chosen


@login_required
def bids(request, conference, panel):
    """The papers the reviewer may bid on, 500 to a page (a large panel's
    every paper on one), filtered by topic: one radio group per paper."""
    panel, _reviewer = panel_for_reviewer(request.user, conference, panel)
    topics, topic = _topic_filter(request, panel)
    page = bidding_page(request.user, panel, topic=topic, page=request.GET.get("page", 1))
    papers = page.object_list
    if request.method == "POST":
        form = BidsForm(request.POST, papers=papers)
        if form.is_valid():
            changed = bids_save(panel=panel, reviewer=request.user, values=form.cleaned_data["values"], by=request.user)
            if changed:
                messages.success(request, ngettext("%(count)d bid was saved.", "%(count)d bids were saved.", changed)
                                 % {"count": changed})
            else:  # bids.js saved each one as it was chosen: none is lost
                messages.success(request, _("Your bids are all saved: each was saved when you chose it."))
            return redirect(request.get_full_path())
        for error in form.non_field_errors():
            messages.error(request, error)
    return render(request, "reviews/bids.html", {
        "panel": panel, "page": page, "papers": papers, "topics": topics, "topic": topic,
        # Translated once, not 500 times; "none" is the empty choice, "no bid".
        "labels": {value or "none": str(label) for value, label in BID_CHOICES},
        # bids.js puts each paper's code in place of the nil UUID.
        "bid_url": reverse("reviews:bid", kwargs={
            "conference": panel.conference.slug, "panel": panel.slug, "paper": BID_URL_PLACEHOLDER}),
        "extra_query": f"topic={topic.number}&" if topic else "",
        "can_bid": permissions.can_bid(request.user, panel),
        "why_not_bid": permissions.why_not_bid(request.user, panel),
        "declared": own_declared_conflicts(request.user, panel),
    })


@login_required
@require_POST
def bid(request, conference, panel, paper):
    """One bid, saved as the reviewer clicks (static/reviews/bids.js); without
    JavaScript the page's form saves them all at once."""
    panel, _reviewer = panel_for_reviewer(request.user, conference, panel)
    paper = paper_for_bidding(request.user, panel, paper)
    form = BidsForm({f"bid-{paper.code}": request.POST.get("value", "")}, papers=[paper])
    if not form.is_valid():
        return HttpResponse(" ".join(form.non_field_errors()), status=400, content_type="text/plain; charset=utf-8")
    bids_save(panel=panel, reviewer=request.user, values=form.cleaned_data["values"], by=request.user)
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(_("Saved"), content_type="text/plain; charset=utf-8")
    messages.success(request, _("Your bid on paper #%(number)d was saved.") % {"number": paper.number})
    return redirect("reviews:bids", conference=panel.conference.slug, panel=panel.slug)


@login_required
@require_POST
def own_conflict_withdraw_view(request, conference, panel, paper):
    panel, _reviewer = panel_for_reviewer(request.user, conference, panel)
    paper = get_object_or_404(own_declared_conflicts(request.user, panel), code=paper)
    own_conflict_withdraw(submission=paper, by=request.user)
    messages.success(request, _("You took back your conflict with paper #%(number)d.") % {"number": paper.number})
    return redirect("reviews:bids", conference=panel.conference.slug, panel=panel.slug)


def _render_overview(request, panel, form, status=200):
    return render(request, "reviews/bids_overview.html", {
        "panel": panel, "form": form, "bidding_open": permissions.bidding_is_open(panel),
        "page": bids_overview(panel, page=request.GET.get("page", 1)), "reviewers": reviewers_with_bids(panel),
    }, status=status)


@login_required
def bids_overview_view(request, conference, panel):
    panel = panel_for_chair(request.user, conference, panel)
    try:
        phase = panel.bidding
    except BiddingPhase.DoesNotExist:
        phase = BiddingPhase(panel=panel)
    return _render_overview(request, panel, BiddingForm(instance=phase, zone=panel.conference.time_zone))


@login_required
@require_POST
def bidding(request, conference, panel):
    panel = panel_for_chair(request.user, conference, panel)
    form = BiddingForm(request.POST, zone=panel.conference.time_zone)
    if not form.is_valid():
        return _render_overview(request, panel, form, status=400)
    phase = bidding_set(panel=panel, is_open=form.cleaned_data["is_open"], closes_at=form.cleaned_data["closes_at"],
                        by=request.user)
    messages.success(request, _("Bidding is open.") if phase.is_open else _("Bidding is closed."))
    return redirect("reviews:bids_overview", conference=panel.conference.slug, panel=panel.slug)

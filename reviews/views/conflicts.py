"""The chairs' conflicts page: every conflict and why, adding and lifting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.refusals import Refused
from reviews.forms.pool import ConflictAddForm
from reviews.models import PanelReviewer
from reviews.selectors.pool import conflict_pairs, papers_in_the_running
from reviews.services.conflicts import conflict_add, conflict_lift, conflicts_detect
from reviews.lookups import pair_for_chair, panel_for_chair, paper_of, pool_member


def _add_form(panel, data=None):
    return ConflictAddForm(
        data,
        papers=papers_in_the_running(panel).order_by("number").only("code", "number", "title"),
        reviewers=PanelReviewer.objects.filter(panel=panel).select_related("user").order_by("user__full_name"),
    )


def _render(request, panel, form, status=200):
    lifted = request.GET.get("show") == "lifted"
    page, pairs = conflict_pairs(panel, page=request.GET.get("page", 1), lifted=lifted)
    return render(request, "reviews/conflicts.html", {
        "panel": panel, "form": form, "page": page, "pairs": pairs, "showing_lifted": lifted,
    }, status=status)


@login_required
def conflicts(request, conference, panel):
    panel = panel_for_chair(request.user, conference, panel)
    return _render(request, panel, _add_form(panel))


@login_required
@require_POST
def conflict_add_view(request, conference, panel):
    panel = panel_for_chair(request.user, conference, panel)
    form = _add_form(panel, request.POST)
    if not form.is_valid():
        return _render(request, panel, form, status=400)
    paper = paper_of(panel, form.cleaned_data["submission"])
    reviewer = pool_member(panel, form.cleaned_data["reviewer"]).user
    try:
        conflict_add(submission=paper, reviewer=reviewer, by=request.user, reason=form.cleaned_data["reason"])
    except Refused as refusal:
        form.add_error(None, str(refusal))
        return _render(request, panel, form, status=400)
    messages.success(request, _("The conflict of %(name)s with paper #%(number)d was recorded.")
                     % {"name": reviewer.display_name, "number": paper.number})
    return redirect("reviews:conflicts", conference=panel.conference.slug, panel=panel.slug)


@login_required
@require_POST
def conflict_lift_view(request, conference, panel, paper, reviewer):
    panel, paper, member = pair_for_chair(request.user, conference, panel, paper, reviewer)
    lifted = conflict_lift(submission=paper, reviewer=member.user, by=request.user)
    if lifted:
        messages.success(request, _("The conflict of %(name)s with paper #%(number)d was lifted.")
                         % {"name": member.user.display_name, "number": paper.number})
    return redirect("reviews:conflicts", conference=panel.conference.slug, panel=panel.slug)


@login_required
@require_POST
def conflicts_detect_view(request, conference, panel):
    panel = panel_for_chair(request.user, conference, panel)
    report = conflicts_detect(panel=panel, by=request.user)
    messages.success(request, _("Conflicts looked up again: %(added)d new, %(removed)d no longer shown by the data.")
                     % {"added": report.added, "removed": report.removed})
    return redirect("reviews:conflicts", conference=panel.conference.slug, panel=panel.slug)

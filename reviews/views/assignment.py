"""Assignment: the chairs' page of papers and reviewers, one-click assign and
unassign, and the automatic assigner's proposals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from portal.refusals import Refused
from reviews import permissions
from reviews.forms.pool import ProposalForm
from reviews.models import Assignment, AssignmentProposal
from reviews.selectors.assignment import assignment_page, proposal_shortfalls, proposal_table
from reviews.services import assignment as services
from reviews.lookups import pair_for_chair, panel_for_chair, paper_of, proposal_of


def _back_to_assignment(request, panel, paper=None):
    url = reverse("reviews:assignment", kwargs={"conference": panel.conference.slug, "panel": panel.slug})
    page = request.POST.get("page", "")
    query = f"?page={page}" if page.isdigit() else ""
    if request.POST.get("only") and paper is not None:
        query = f"?paper={paper.code}"
    return redirect(f"{url}{query}#paper-{paper.number}" if paper else url)


@login_required
def assignment(request, conference, panel):
    panel = panel_for_chair(request.user, conference, panel)
    only_paper = paper_of(panel, request.GET["paper"]) if request.GET.get("paper") else None
    page, rows, pool = assignment_page(panel, page=request.GET.get("page", 1), only_paper=only_paper)
    return render(request, "reviews/assignment.html", {
        "panel": panel, "page": page, "rows": rows, "pool": pool, "only_paper": only_paper,
    })


@login_required
@require_POST
def assign(request, conference, panel, paper, reviewer):
    panel, paper, member = pair_for_chair(request.user, conference, panel, paper, reviewer)
    try:
        services.assignment_add(submission=paper, reviewer=member.user, by=request.user)
    except Refused as refusal:  # a conflict, perhaps one that came to light as the service looked again
        messages.error(request, str(refusal))
        return _back_to_assignment(request, panel, paper)
    messages.success(request, _("%(name)s now reviews paper #%(number)d.")
                     % {"name": member.user.display_name, "number": paper.number})
    return _back_to_assignment(request, panel, paper)


@login_required
@require_POST
def unassign(request, conference, panel, paper, reviewer):
    panel, paper, member = pair_for_chair(request.user, conference, panel, paper, reviewer)
    found = get_object_or_404(Assignment.objects.select_related("submission__panel"), submission=paper,
                              reviewer=member.user)
    services.assignment_remove(assignment=found, by=request.user)
    messages.success(request, _("%(name)s no longer reviews paper #%(number)d.")
                     % {"name": member.user.display_name, "number": paper.number})
    return _back_to_assignment(request, panel, paper)


@login_required
def proposals(request, conference, panel):
    panel = panel_for_chair(request.user, conference, panel)
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        proposal = services.proposal_start(panel=panel, by=request.user, **form.cleaned_data)
        return redirect("reviews:proposal", conference=panel.conference.slug, panel=panel.slug, code=proposal.code)
    return render(request, "reviews/proposals.html", {
        "panel": panel, "form": form, "proposals": AssignmentProposal.objects.filter(panel=panel)[:20],
    }, status=400 if form.errors else 200)


@login_required
def proposal(request, conference, panel, code):
    panel = panel_for_chair(request.user, conference, panel)
    proposal = proposal_of(panel, code)
    context = {"panel": panel, "proposal": proposal,
               "can_commit": permissions.can_commit_proposal(request.user, proposal),
               "can_discard": permissions.can_discard_proposal(request.user, proposal)}
    if proposal.state in {AssignmentProposal.State.READY, AssignmentProposal.State.COMMITTED}:
        page, rows = proposal_table(proposal, page=request.GET.get("page", 1))
        context.update(page=page, rows=rows, shortfalls=proposal_shortfalls(proposal))
    return render(request, "reviews/proposal.html", context)


@login_required
@require_POST
def proposal_commit(request, conference, panel, code):
    panel = panel_for_chair(request.user, conference, panel)
    proposal = proposal_of(panel, code)
    report = services.proposal_commit(proposal=proposal, by=request.user)
    messages.success(request, ngettext("%(count)d assignment was made; the reviewers were told.",
                                       "%(count)d assignments were made; the reviewers were told.", report.created)
                     % {"count": report.created})
    if report.skipped:
        messages.warning(request, ngettext(
            "%(count)d proposed pair was left out: it became a conflict or was assigned by hand meanwhile.",
            "%(count)d proposed pairs were left out: they became conflicts or were assigned by hand meanwhile.",
            len(report.skipped)) % {"count": len(report.skipped)})
    return redirect("reviews:assignment", conference=panel.conference.slug, panel=panel.slug)


@login_required
@require_POST
def proposal_discard(request, conference, panel, code):
    panel = panel_for_chair(request.user, conference, panel)
    proposal = proposal_of(panel, code)
    services.proposal_discard(proposal=proposal, by=request.user)
    messages.info(request, _("The proposal was discarded."))
    return redirect("reviews:proposals", conference=panel.conference.slug, panel=panel.slug)

"""Decisions: set per paper or in bulk, previewed, then released."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _, gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from reviews.forms.decisions import BulkDecisionForm, DecisionForm
from reviews.selectors.decisions import camera_ready_counts, decisions_with_camera_ready
from reviews.services.decisions import (
    decision_set, decisions_preview, decisions_release, decisions_set_bulk, decisions_to_release,
)
from reviews.lookups import panel_for_chair, paper_to_decide
from reviews.views.common import panel_url_kwargs
from submissions.models import Submission

PREVIEW_PAPERS_PER_PAGE = 20


class ReleaseForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("I have read the preview: send every author their decision now."),
        error_messages={"required": gettext_lazy("Tick the box to confirm that the mails may go out.")},
    )


@login_required
@require_POST
def decide(request, code):
    submission = paper_to_decide(request.user, code)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("reviews:paper_reviews", code=submission.code)
    decision_set(submission=submission, outcome=form.outcome_or_none, note=form.cleaned_data["note"], by=request.user)
    messages.success(request, _("The decision was recorded. Authors are told only when decisions are released."))
    return redirect("reviews:paper_reviews", code=submission.code)


@login_required
@require_POST
def decisions_bulk(request, conference, panel):
    panel = panel_for_chair(request.user, conference, panel)
    form = BulkDecisionForm(request.POST, panel=panel)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    else:
        decided, skipped = decisions_set_bulk(
            panel=panel, submissions=list(form.cleaned_data["papers"]), outcome=form.cleaned_data["outcome"] or None,
            by=request.user,
        )
        messages.success(request, ngettext("%(count)s paper was updated.", "%(count)s papers were updated.", decided)
                         % {"count": decided})
        if skipped:
            messages.warning(request, ngettext(
                "%(count)s paper was left as it was: it is no longer under review, its decision was released, "
                "or you are one of its authors.",
                "%(count)s papers were left as they were: they are no longer under review, their decision was "
                "released, or you are one of their authors.", skipped,
            ) % {"count": skipped})
    # Back to the same filtered, sorted page of the dashboard.
    url = reverse("reviews:dashboard", kwargs=panel_url_kwargs(panel))
    if query := QueryDict(request.POST.get("next_query", "")).urlencode():
        url += "?" + query
    return redirect(url)


@login_required
def decisions(request, conference, panel):
    panel = panel_for_chair(request.user, conference, panel)
    page = Paginator(decisions_with_camera_ready(panel), 100).get_page(request.GET.get("page"))
    pending = decisions_to_release(panel)
    return render(request, "reviews/decisions.html", {
        "panel": panel, "page": page, "to_release": len(pending), "camera_ready": camera_ready_counts(panel),
        "undecided": Submission.objects.filter(panel=panel, state=Submission.State.SUBMITTED, decision__isnull=True).count(),
    })


@login_required
def decisions_preview_page(request, conference, panel):
    panel = panel_for_chair(request.user, conference, panel)
    pending = decisions_to_release(panel)
    page = Paginator(pending, PREVIEW_PAPERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "reviews/decisions_preview.html", {
        "panel": panel, "page": page, "to_release": len(pending),
        "mails": decisions_preview(panel=panel, decisions=list(page.object_list)),
        "release_form": ReleaseForm()
    })


@login_required
@require_POST
def decisions_release_view(request, conference, panel):
    panel = panel_for_chair(request.user, conference, panel)
    form = ReleaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["confirm"]))
        return redirect("reviews:decisions_preview", **panel_url_kwargs(panel))
    release = decisions_release(panel=panel, by=request.user)
    if release.batch is None:
        messages.info(request, _("No decision was waiting to be released."))
        return redirect("reviews:decisions", **panel_url_kwargs(panel))
    messages.success(request, ngettext(
        "The decision on %(count)s paper was released. Follow its authors' mails below.",
        "The decisions on %(count)s papers were released. Follow their authors' mails below.", release.papers,
    ) % {"count": release.papers})
    return redirect("mail:batch", code=release.batch.code)

"""The chairs' side of reviewing: the dashboard and its exports, the
per-reviewer view, the review form editor and reminders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _, ngettext
from django.views.decorators.http import require_POST

from portal.refusals import Refused
from reviews.exports import csv_response, dashboard_table, xlsx_response
from reviews.forms.dashboard import SORT_CHOICES, DashboardFilterForm
from reviews.forms.decisions import BulkDecisionForm
from reviews.forms.review_form_editor import CriterionFormSet, criterion_initial
from reviews.models import ReviewReminder
from reviews.selectors.dashboard import DISAGREEMENT_SPREAD, dashboard as dashboard_selector, reviewer_lines
from reviews.selectors.reviewing import outstanding_reviewer_count
from reviews.services.reminders import reminders_send_late
from reviews.selectors.review_forms import criteria_current, review_form_current
from reviews.services.review_forms import review_form_update
from reviews.lookups import panel_for_chair
from reviews.views.common import panel_url_kwargs


@login_required
def dashboard(request, conference, panel):
    panel = panel_for_chair(request.user, conference, panel)
    filter_form = DashboardFilterForm(request.GET or None, panel=panel)
    filters = filter_form.filters()
    board = dashboard_selector(request.user, panel, filters, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    sort_query = query.copy()
    sort_query.pop("sort", None)
    return render(request, "reviews/dashboard.html", {
        "panel": panel,
        "board": board,
        "filter_form": filter_form,
        "filters": filters,
        "sort_choices": SORT_CHOICES,
        "query": query.urlencode(),
        "sort_query": sort_query.urlencode(),
        "bulk_form": BulkDecisionForm(panel=panel),
        "disagreement_spread": DISAGREEMENT_SPREAD,
        "deadline_passed": bool(panel.review_deadline and panel.review_deadline < timezone.now()),
        "outstanding": outstanding_reviewer_count(panel),
        "last_reminder": ReviewReminder.objects.filter(panel=panel).order_by("-sent_at").first(),
    })


@login_required
def dashboard_export(request, conference, panel, fmt):
    panel = panel_for_chair(request.user, conference, panel)
    filters = DashboardFilterForm(request.GET or None, panel=panel).filters()
    header, table = dashboard_table(request.user, panel, filters)
    filename = f"{panel.conference.slug}-{panel.slug}-reviews"
    if fmt == "xlsx":
        return xlsx_response(header, table, filename=filename)
    return csv_response(header, table, filename=filename)


@login_required
def reviewer_stats(request, conference, panel):
    panel = panel_for_chair(request.user, conference, panel)
    return render(request, "reviews/reviewer_stats.html", {
        "panel": panel, "lines": reviewer_lines(panel)
    })


@login_required
def review_form_edit(request, conference, panel):
    """The chairs change their panel's review form; reviews already written keep their version."""
    panel = panel_for_chair(request.user, conference, panel)
    current = review_form_current(panel=panel)  # None until a review or an edit stores the defaults
    criteria = criteria_current(panel=panel)
    if request.method == "POST":
        formset = CriterionFormSet(request.POST, prefix="criteria")
        if formset.is_valid():
            try:
                form = review_form_update(panel=panel, criteria=formset.criteria_data(criteria), by=request.user)
            except Refused as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                if current is None or form.pk == current.pk:
                    messages.success(request, _("The review form was saved."))
                else:
                    messages.success(request, _(
                        "The review form was saved as version %(version)s. Reviews already written keep the "
                        "version they were written on."
                    ) % {"version": form.version})
                return redirect("reviews:review_form_edit", **panel_url_kwargs(panel))
    else:
        formset = CriterionFormSet(initial=criterion_initial(criteria), prefix="criteria")
    return render(request, "reviews/review_form_edit.html", {
        "panel": panel, "formset": formset, "current": current, "in_use": current is not None and current.reviews.exists(),
    })


@login_required
@require_POST
def remind_reviewers(request, conference, panel):
    panel = panel_for_chair(request.user, conference, panel)
    sent = reminders_send_late(panel=panel, by=request.user)
    if sent:
        messages.success(request, ngettext(
            "%(count)s reviewer with reviews outstanding was reminded.",
            "%(count)s reviewers with reviews outstanding were reminded.", sent,
        ) % {"count": sent})
    else:
        messages.info(request, _("No reviewer has a review outstanding: nobody was reminded."))
    return redirect("reviews:dashboard", **panel_url_kwargs(panel))

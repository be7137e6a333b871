"""The chair's dashboard as a spreadsheet (CSV or XLSX): the same papers,
filters and aggregates as the page, every row at once."""

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from portal.models import Topic
from reviews import permissions
from reviews.models import Decision
from reviews.selectors.dashboard import DashboardFilters, dashboard_columns, dashboard_rows, papers_for_dashboard
from submissions.models import Author, Submission

# A cell starting with one of these is a formula to a spreadsheet program;
# titles and names are typed by authors, so such text is quoted.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _rounded(value):
    return None if value is None else round(value, 2)


def _labels(model, field_name) -> dict:
    """A choice field's labels by value, translated once, not once a row."""
    return {value: str(label) for value, label in model._meta.get_field(field_name).flatchoices}


def dashboard_table(user, panel, filters: DashboardFilters) -> tuple[list[str], list[list]]:
    """The export's header and rows. Every paper's topics and authors come as
    plain values in one query each, and labels are translated once: a few
    thousand rows cost no model instance or translation lookup per cell."""
    columns = dashboard_columns(panel)
    papers = list(papers_for_dashboard(user, panel, filters))
    rows = dashboard_rows(papers, columns, panel)
    ids = [paper.pk for paper in papers]
    topics: dict[int, list[str]] = {}
    for submission_id, number in Topic.objects.filter(submissions__in=ids).values_list("submissions", "number"):
        topics.setdefault(submission_id, []).append(str(number))
    with_authors = permissions.can_see_author_identities_in_panel(user, panel)
    authors: dict[int, list[str]] = {}
    if with_authors:
        for submission_id, name in (
            Author.objects.filter(submission__in=ids).order_by("submission_id", "position")
            .values_list("submission_id", "name")
        ):
            authors.setdefault(submission_id, []).append(name)
    states, outcomes, yes = _labels(Submission, "state"), _labels(Decision, "outcome"), _("yes")
    header = [_("Number"), _("Title")] + ([_("Authors")] if with_authors else []) + [_("Topics"), _("State")]
    header += [_("Reviews submitted"), _("Reviewers assigned")]
    for column in columns:
        header += [_("%(criterion)s: mean") % {"criterion": column.display_label},
                   _("%(criterion)s: spread") % {"criterion": column.display_label}]
    header += [_("Overall: mean"), _("Overall: spread"), _("Confidence-weighted mean"), _("Calibrated mean"),
               _("Reviewers disagree"), _("Reviews missing past the deadline"), _("Decision"), _("Released")]
    table = []
    for row in rows:
        paper = row.paper
        decision = getattr(paper, "decision", None)
        line = [paper.number, paper.title] + (["; ".join(authors.get(paper.pk, []))] if with_authors else [])
        line += ["; ".join(topics.get(paper.pk, [])), states.get(paper.state, paper.state)]
        line += [paper.submitted_count, paper.assigned_count]
        for aggregate in row.criteria:
            line += [_rounded(aggregate.mean), aggregate.spread]
        line += [_rounded(paper.overall_mean), paper.overall_spread, _rounded(paper.weighted_mean),
                 _rounded(row.calibrated_mean), yes if paper.disagreement else "",
                 yes if paper.missing_late else "",
                 outcomes.get(decision.outcome, decision.outcome) if decision else "",
                 yes if decision and decision.is_released else ""]
        table.append([_safe(value) for value in line])
    return [_safe(value) for value in header], table


def csv_response(header, table, *, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(table)
    return response


def xlsx_response(header, table, *, filename: str) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Papers")[:31])
    sheet.append(header)
    for line in table:
        sheet.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response

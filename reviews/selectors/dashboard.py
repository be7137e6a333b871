"""The chair's dashboard: every paper of a panel with its review aggregates,
and every reviewer with what they gave. All aggregates are computed by the
database, a page in a fixed number of queries whatever the panel's size."""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Avg, BooleanField, Case, Count, Exists, F, FloatField, Max, Min, OuterRef, Q, QuerySet, StdDev, Subquery, Sum,
    Value, When,
)
from django.db.models.functions import Cast, Coalesce, NullIf
from django.utils import timezone

from reviews.models import Assignment, Criterion, PanelReviewer, Review, Score
from reviews.selectors.review_forms import criteria_current
from submissions.models import Author, Submission
from submissions.permissions import verified_emails

# A paper's reviewers disagree strongly when their overall recommendations are this far apart.
DISAGREEMENT_SPREAD = 3
PAPERS_PER_PAGE = 50

SORTS = {
    "number": "number",
    "title": "title",
    "reviews": "submitted_count",
    "overall": "overall_mean",
    "weighted": "weighted_mean",
    "spread": "overall_spread",
    "decision": "decision__outcome",
}
# What `with_review_aggregates` gives each paper.
REVIEW_AGGREGATES = (
    "assigned_count", "submitted_count", "overall_mean", "overall_min", "overall_max", "weighted_mean",
    "overall_spread", "disagreement", "missing_late",
)


@dataclass
class DashboardFilters:
    topic: int | None = None
    state: str = ""
    decision: str = ""  # "", "none" or a Decision.Outcome
    disagreement: bool = False
    missing: bool = False
    sort: str = "number"

    @property
    def sort_field(self) -> str:
        return SORTS.get(self.sort.lstrip("-"), "number")

    @property
    def descending(self) -> bool:
        return self.sort.startswith("-")

    @property
    def needs_review_aggregates(self) -> bool:
        return self.disagreement or self.missing or self.sort_field in REVIEW_AGGREGATES


def _float(expression):
    return Cast(expression, FloatField())


def _assignment_count():
    """How many reviewers are assigned to the outer paper (a correlated subquery)."""
    assignments = Assignment.objects.filter(submission=OuterRef("pk")).order_by().values("submission")
    return Subquery(assignments.annotate(count=Count("pk")).values("count"))


def with_review_aggregates(papers: QuerySet, panel, now) -> QuerySet:
    """`papers` annotated with the REVIEW_AGGREGATES: one join to the reviews,
    grouped by paper (a correlated subquery per aggregate and paper made the
    database run ten subplans for every row). The assignments are counted
    apart, so that joining them does not multiply the reviews."""
    submitted = Q(reviews__state=Review.State.SUBMITTED)
    return (
        papers.annotate(
            assigned_count=Coalesce(_assignment_count(), 0),
            submitted_count=Count("reviews", filter=submitted),
            overall_mean=_float(Avg("reviews__overall", filter=submitted)),
            overall_min=Min("reviews__overall", filter=submitted),
            overall_max=Max("reviews__overall", filter=submitted),
            weighted_mean=(
                _float(Sum(F("reviews__overall") * F("reviews__confidence"), filter=submitted))
                / _float(NullIf(Sum("reviews__confidence", filter=submitted), 0))
            ),
        )
        .annotate(overall_spread=F("overall_max") - F("overall_min"))
        .annotate(
            disagreement=Case(
                When(overall_spread__gte=DISAGREEMENT_SPREAD, then=Value(True)),
                default=Value(False), output_field=BooleanField(),
            ),
            missing_late=_missing_late(panel, now),
        )
    )


def papers_for_dashboard(user, panel, filters: DashboardFilters, now=None) -> QuerySet:
    """The panel's papers (not drafts; not those the user wrote), filtered and
    sorted. Nothing runs until it is evaluated. The review aggregates are
    joined in only when a filter or the sort needs them, so that a page
    sorted by number counts and fetches plain rows; `dashboard_rows` gives
    every paper its aggregates."""
    now = now or timezone.now()
    papers = (
        Submission.objects.filter(panel=panel).exclude(state=Submission.State.DRAFT)
        .exclude(_written_by(user))
        .select_related("decision")
    )
    if filters.topic:
        papers = papers.filter(topics__id=filters.topic)
    if filters.state:
        papers = papers.filter(state=filters.state)
    if filters.decision == "none":
        papers = papers.filter(decision__isnull=True)
    elif filters.decision:
        papers = papers.filter(decision__outcome=filters.decision)
    if filters.needs_review_aggregates:
        papers = with_review_aggregates(papers, panel, now)
    if filters.disagreement:
        papers = papers.filter(disagreement=True)
    if filters.missing:
        papers = papers.filter(missing_late=True)
    order = F(filters.sort_field)
    order = order.desc(nulls_last=True) if filters.descending else order.asc(nulls_last=True)
    return papers.order_by(order, "number")


def _written_by(user) -> Q:
    """Papers the user is an author of: a chair who wrote one sees it as an author only."""
    emails = verified_emails(user)
    return Q(created_by=user) | Q(Exists(Author.objects.filter(submission=OuterRef("pk"), email__in=emails)))


def _missing_late(panel, now):
    """Reviews are missing past the deadline: fewer submitted than assigned once it has passed."""
    deadline = panel.review_deadline
    if deadline is None or now <= deadline:
        return Value(False, output_field=BooleanField())
    return Case(
        When(submitted_count__lt=F("assigned_count"), then=Value(True)),
        default=Value(False), output_field=BooleanField(),
    )


@dataclass
class CriterionAggregate:
    mean: float | None = None
    spread: int | None = None


@dataclass
class DashboardRow:
    paper: Submission
    criteria: list[CriterionAggregate] = field(default_factory=list)
    calibrated_mean: float | None = None


@dataclass
class Dashboard:
    columns: list[Criterion]
    page: Page
    rows: list[DashboardRow]


def dashboard_columns(panel) -> list[Criterion]:
    """The criteria with a column of their own: those of the current form,
    except the overall recommendation (it has its own columns)."""
    return [c for c in criteria_current(panel=panel) if c.role != Criterion.Role.OVERALL]


def dashboard_rows(papers: list[Submission], columns: list[Criterion], panel, now=None) -> list[DashboardRow]:
    """Review aggregates (set on each paper), per-criterion aggregates and
    calibrated means of `papers`, in three queries."""
    ids = [paper.pk for paper in papers]
    totals = {
        row["pk"]: row
        for row in with_review_aggregates(Submission.objects.filter(pk__in=ids), panel, now or timezone.now())
        .values("pk", *REVIEW_AGGREGATES).order_by()
    } if ids else {}
    for paper in papers:
        for name in REVIEW_AGGREGATES:
            setattr(paper, name, totals[paper.pk][name])
    aggregates = {
        (row["review__submission_id"], row["criterion__key"]): CriterionAggregate(row["mean"], row["high"] - row["low"])
        for row in Score.objects.filter(
            review__submission_id__in=ids, review__state=Review.State.SUBMITTED,
            criterion__key__in=[column.key for column in columns],
        )
        .values("review__submission_id", "criterion__key")
        .annotate(mean=_float(Avg("value")), low=Min("value"), high=Max("value"))
        .order_by()
    }
    calibrated = calibrated_means(panel, ids)
    return [
        DashboardRow(
            paper=paper,
            criteria=[aggregates.get((paper.pk, column.key), CriterionAggregate()) for column in columns],
            calibrated_mean=calibrated.get(paper.pk),
        )
        for paper in papers
    ]


def calibrated_means(panel, submission_ids) -> dict[int, float]:
    """Each paper's mean overall recommendation after putting every reviewer on
    the same footing: a score becomes its distance from that reviewer's own
    mean, in that reviewer's standard deviations (a z-score over all their
    reviews in the panel), so a harsh and a lenient reviewer count alike.

    One statement: the reviewers' statistics are a grouped derived table
    joined to the reviews, which the ORM cannot write; correlated subqueries
    per review would recompute them for every review.
    """
    submission_ids = list(submission_ids)
    if not submission_ids:
        return {}
    reviews, papers = Review._meta.db_table, Submission._meta.db_table
    submitted = Review.State.SUBMITTED
    sql = f"""
        SELECT r.submission_id, AVG(COALESCE((r.overall - s.mean) / NULLIF(s.deviation, 0), 0))
        FROM {reviews} r
        JOIN (
            SELECT own.reviewer_id, AVG(own.overall * 1.0) AS mean, STDDEV_POP(own.overall * 1.0) AS deviation
            FROM {reviews} own JOIN {papers} p ON p.id = own.submission_id
            WHERE p.panel_id = %s AND own.state = %s
            GROUP BY own.reviewer_id
        ) s ON s.reviewer_id = r.reviewer_id
        WHERE r.state = %s AND r.submission_id IN ({", ".join(["%s"] * len(submission_ids))})
        GROUP BY r.submission_id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [panel.pk, submitted, submitted, *submission_ids])
        return {submission_id: float(value) for submission_id, value in cursor.fetchall()}


def dashboard(user, panel, filters: DashboardFilters, page_number, now=None) -> Dashboard:
    columns = dashboard_columns(panel)
    paginator = Paginator(papers_for_dashboard(user, panel, filters, now).prefetch_related("topics"), PAPERS_PER_PAGE)
    page = paginator.get_page(page_number)
    return Dashboard(columns=columns, page=page, rows=dashboard_rows(list(page.object_list), columns, panel, now))


@dataclass
class ReviewerLine:
    reviewer: PanelReviewer
    assigned: int
    submitted: int
    late: int
    mean_given: float | None
    sd_given: float | None
    calibration: float | None  # (mean given − panel mean) / panel standard deviation


def reviewer_lines(panel, now=None) -> list[ReviewerLine]:
    """Every reviewer of the pool: assigned, submitted, late, the mean overall
    recommendation they gave and how far it lies from the panel's (in the
    panel's standard deviations: negative is harsher than the panel).
    Each figure is one grouped query over the whole panel."""
    now = now or timezone.now()
    deadline = panel.review_deadline
    submitted = Review.objects.submitted().filter(submission__panel=panel)
    assignments = Assignment.objects.filter(submission__panel=panel).exclude(submission__state=Submission.State.WITHDRAWN)

    def per_reviewer(queryset, **aggregates) -> dict[int, dict]:
        return {row["reviewer"]: row for row in queryset.order_by().values("reviewer").annotate(**aggregates)}

    assigned = per_reviewer(assignments, count=Count("pk"))
    given = per_reviewer(submitted, count=Count("pk"), mean=_float(Avg("overall")), sd=_float(StdDev("overall")))
    late = {}
    if deadline is not None and now > deadline:
        on_time = Review.objects.submitted().filter(
            submission=OuterRef("submission"), reviewer=OuterRef("reviewer"), submitted_at__lte=deadline,
        )
        late = per_reviewer(assignments.exclude(Exists(on_time)), count=Count("pk"))
    panel_stats = submitted.aggregate(mean=_float(Avg("overall")), sd=_float(StdDev("overall")))
    panel_mean, panel_sd = panel_stats["mean"], panel_stats["sd"]
    lines = []
    for reviewer in PanelReviewer.objects.filter(panel=panel).select_related("user").order_by("user__full_name", "user__email"):
        mine = given.get(reviewer.user_id, {})
        mean = mine.get("mean")
        lines.append(ReviewerLine(
            reviewer=reviewer,
            assigned=assigned.get(reviewer.user_id, {}).get("count", 0),
            submitted=mine.get("count", 0),
            late=late.get(reviewer.user_id, {}).get("count", 0),
            mean_given=mean,
            sd_given=mine.get("sd"),
            calibration=(mean - panel_mean) / panel_sd if mean is not None and panel_sd else None,
        ))
    return lines

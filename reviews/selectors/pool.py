"""Reads of the pool, invitations, conflicts and bids pages, each in a fixed number of queries."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from portal.models import Panel
from reviews.models import (
    Assignment,
    AssignmentProposal,
    Bid,
    Conflict,
    PanelReviewer,
    ReviewerInvitation,
)
from reviews.permissions import IN_REVIEW
from submissions.models import Submission


def panel_by_slugs(conference: str, panel: str) -> Panel:
    return get_object_or_404(
        Panel.objects.select_related("conference", "bidding"), conference__slug=conference, slug=panel,
    )


def papers_in_the_running(panel):
    return Submission.objects.filter(panel=panel, state__in=IN_REVIEW)


def _count(queryset, column="pk"):
    """A correlated COUNT(*) that does not multiply rows the way joins do."""
    return Coalesce(Subquery(
        queryset.order_by().values(column).annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField(),
    ), 0)


def pool_of(panel):
    """The panel's reviewers with their topics and how many papers they have, bid on, conflict with."""
    in_panel = Q(submission__panel=panel)
    return (
        PanelReviewer.objects.filter(panel=panel)
        .select_related("user")
        .prefetch_related("topics")
        .annotate(
            assigned=_count(Assignment.objects.filter(in_panel, reviewer=OuterRef("user")), "reviewer"),
            bids=_count(Bid.objects.filter(in_panel, reviewer=OuterRef("user")), "reviewer"),
            conflicts=_count(
                Conflict.objects.filter(in_panel, reviewer=OuterRef("user"), lifted_at__isnull=True)
                .values("reviewer", "submission").distinct(), "reviewer",
            ),
        )
        .order_by("user__full_name", "user__email")
    )


def invitations_of(panel):
    return ReviewerInvitation.objects.filter(panel=panel).select_related("last_mail", "user", "invited_by")


@dataclass
class PanelSummary:
    reviewers: int
    invitations: dict
    papers: int
    conflicts: int
    bids: int
    assignments: int
    latest_proposal: AssignmentProposal | None


def panel_summary(panel) -> PanelSummary:
    invitations = dict(
        ReviewerInvitation.objects.filter(panel=panel).values_list("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    papers = papers_in_the_running(panel)
    return PanelSummary(
        reviewers=PanelReviewer.objects.filter(panel=panel).count(),
        invitations=invitations,
        papers=papers.count(),
        conflicts=Conflict.objects.filter(submission__in=papers, lifted_at__isnull=True)
        .values("submission", "reviewer").distinct().count(),
        bids=Bid.objects.filter(submission__in=papers).count(),
        assignments=Assignment.objects.filter(submission__in=papers).count(),
        latest_proposal=AssignmentProposal.objects.filter(panel=panel).first(),
    )


@dataclass
class ConflictPair:
    submission: Submission
    reviewer: object
    sources: list[Conflict]  # active ones
    lifted: list[Conflict]
    assigned: bool
    reviewer_code: str = ""


def conflict_pairs(panel, *, page: int | str = 1, lifted: bool = False, per_page: int = 50):
    """One row per (paper, reviewer) in conflict (or, with lifted, whose conflicts were all lifted),
    with every source and why; paginated by pair."""
    rows = Conflict.objects.filter(submission__in=papers_in_the_running(panel))
    active = Conflict.objects.filter(submission=OuterRef("submission"), reviewer=OuterRef("reviewer"),
                                     lifted_at__isnull=True)
    pairs = (
        rows.annotate(still_active=Exists(active)).filter(still_active=not lifted)
        .values("submission", "reviewer", "submission__number", "reviewer__full_name").distinct()
        .order_by("submission__number", "reviewer__full_name", "reviewer")
    )
    paginator = Paginator(pairs, per_page)
    page_obj = paginator.get_page(page)
    keys = [(pair["submission"], pair["reviewer"]) for pair in page_obj.object_list]
    key_filter = Q(pk__in=[])
    for submission_id, reviewer_id in keys:
        key_filter |= Q(submission_id=submission_id, reviewer_id=reviewer_id)
    conflicts = (
        list(rows.filter(key_filter).select_related("submission", "reviewer", "lifted_by", "created_by")
             .order_by("created_at"))
        if keys else []
    )
    assigned = set(
        Assignment.objects.filter(key_filter).values_list("submission_id", "reviewer_id")
    ) if keys else set()
    codes = dict(PanelReviewer.objects.filter(panel=panel, user_id__in={reviewer for _s, reviewer in keys})
                 .values_list("user_id", "code")) if keys else {}
    grouped = {key: ConflictPair(None, None, [], [], key in assigned, codes.get(key[1], "")) for key in keys}
    for conflict in conflicts:
        pair = grouped[(conflict.submission_id, conflict.reviewer_id)]
        pair.submission, pair.reviewer = conflict.submission, conflict.reviewer
        (pair.lifted if conflict.lifted_at else pair.sources).append(conflict)
    return page_obj, [grouped[key] for key in keys]


def papers_for_bidding(user, panel, *, topic=None):
    """What a reviewer may bid on: the panel's papers in the running, none they conflict with.
    Only the bidding metadata is loaded (never the authors)."""
    conflicted = Conflict.objects.filter(submission=OuterRef("pk"), reviewer=user, lifted_at__isnull=True)
    papers = (
        papers_in_the_running(panel)
        .exclude(Exists(conflicted))
        .only("pk", "code", "number", "title", "abstract", "keywords", "panel_id")
        .prefetch_related(Prefetch("topics", to_attr="topic_list"))
        .order_by("number")
    )
    if topic is not None:
        papers = papers.filter(topics=topic)
    return papers


# A reviewer bids on a whole page at once: 500 papers is a large panel's every paper.
BIDS_PER_PAGE = 500


def bidding_page(user, panel, *, topic=None, page=1, per_page: int = BIDS_PER_PAGE):
    """A page of the papers the reviewer may bid on, each with its topics
    (paper.topic_list) and the reviewer's bid on it (paper.bid, "" if none):
    four queries whatever the page's size (count, papers, topics, bids)."""
    page_obj = Paginator(papers_for_bidding(user, panel, topic=topic), per_page).get_page(page)
    papers = list(page_obj.object_list)
    current = bids_of(user, panel, papers=papers) if papers else {}
    for paper in papers:
        paper.bid = current.get(paper.pk, "")
    page_obj.object_list = papers
    return page_obj


def bids_of(user, panel, *, papers=None) -> dict[int, str]:
    """The reviewer's bids in the panel ({submission id: value}), or only on `papers`."""
    bids = Bid.objects.filter(reviewer=user, submission__panel=panel)
    if papers is not None:
        bids = bids.filter(submission__in=[paper.pk for paper in papers])
    return dict(bids.values_list("submission_id", "value"))


def own_declared_conflicts(user, panel):
    """Papers the reviewer bid "in conflict" on: they saw them already and may take the bid back."""
    return (
        Submission.objects.filter(panel=panel, bids__reviewer=user, bids__value=Bid.Value.CONFLICT)
        .only("pk", "code", "number", "title").order_by("number")
    )


def bids_overview(panel, *, page=1, per_page=100):
    """Per paper, how many reviewers bid what; for the chairs."""
    papers = papers_in_the_running(panel).order_by("number").only("pk", "code", "number", "title").annotate(
        **{
            value: Count("bids", filter=Q(bids__value=value))
            for value in Bid.Value.values
        },
        assigned=_count(Assignment.objects.filter(submission=OuterRef("pk")), "submission"),
    )
    return Paginator(papers, per_page).get_page(page)


def reviewers_with_bids(panel):
    return (
        PanelReviewer.objects.filter(panel=panel).select_related("user")
        .annotate(bids=_count(Bid.objects.filter(submission__panel=panel, reviewer=OuterRef("user")), "reviewer"))
        .order_by("bids", "user__full_name")
    )


def reviewer_panels(user):
    """The pools a user is in, with the panel and its bidding phase."""
    return (
        PanelReviewer.objects.filter(user=user)
        .select_related("panel__conference", "panel__bidding")
        .annotate(assigned=_count(Assignment.objects.filter(reviewer=user, submission__panel=OuterRef("panel")),
                                  "reviewer"))
        .order_by("panel__conference__name", "panel__title")
    )

"""Reads of the assignment and proposal pages, in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.core.paginator import Paginator
from django.db.models import Count

from reviews.assignment.affinity import compute_affinity
from reviews.assignment.loading import load_panel_data
from reviews.models import Assignment, PanelReviewer, ProposedAssignment
from reviews.selectors.pool import papers_in_the_running

SUGGESTIONS_PER_PAPER = 5


@dataclass
class Candidate:
    reviewer: PanelReviewer
    affinity: float
    explanation: dict
    full: bool


@dataclass
class PaperRow:
    paper: object
    assignments: list = field(default_factory=list)
    suggestions: list[Candidate] = field(default_factory=list)
    conflicted_assignments: list = field(default_factory=list)


def reviewer_loads(panel) -> dict[int, int]:
    """Each reviewer's load, {user id: papers in the running they are assigned
    to}: one grouped query over the panel's assignments (not a count per reviewer)."""
    return dict(
        Assignment.objects.filter(submission__in=papers_in_the_running(panel))
        .order_by().values("reviewer").annotate(load=Count("pk")).values_list("reviewer", "load")
    )


def pool_with_loads(panel):
    """Reviewers with their current load (member.load): two queries, the pool and the loads.
    Only what the page shows is read: a pool is hundreds of people, and their
    expertise texts and account details would be read and built for nothing."""
    loads = reviewer_loads(panel)
    pool = list(
        PanelReviewer.objects.filter(panel=panel).select_related("user")
        .only("id", "code", "panel_id", "user_id", "min_load", "max_load", "user__id", "user__full_name", "user__email")
        .order_by("user__full_name", "user__email")
    )
    for member in pool:
        member.load = loads.get(member.user_id, 0)
    return pool


def assignment_page(panel, *, page=1, only_paper=None, per_page=20):
    """For a page of papers: their assignments (with reasons), and the best
    reviewers free of conflict not yet on them, by affinity. With only_paper,
    that one paper with every candidate."""
    papers = papers_in_the_running(panel).order_by("number").only("pk", "code", "number", "title", "panel_id")
    if only_paper is not None:
        papers = papers.filter(pk=only_paper.pk)
    page_obj = Paginator(papers, per_page).get_page(page)
    page_papers = list(page_obj.object_list)
    pool = pool_with_loads(panel)
    by_user = {reviewer.user_id: reviewer for reviewer in pool}
    rows = {paper.pk: PaperRow(paper=paper) for paper in page_papers}
    if not page_papers:
        return page_obj, [], pool

    data = load_panel_data(panel, submission_ids=list(rows))
    affinity = compute_affinity(data)
    conflicted = {(data.paper_ids[p], data.reviewer_ids[r]) for p, r in data.conflicts}
    assignments = Assignment.objects.filter(submission__in=page_papers).select_related("reviewer", "assigned_by")
    for assignment in assignments:
        row = rows[assignment.submission_id]
        member = by_user.get(assignment.reviewer_id)
        assignment.pool_code = member.code if member else None
        row.assignments.append(assignment)
        if (assignment.submission_id, assignment.reviewer_id) in conflicted:
            row.conflicted_assignments.append(assignment)

    limit = len(pool) if only_paper is not None else SUGGESTIONS_PER_PAPER
    blocked = np.zeros(affinity.matrix.shape, dtype=bool)
    if len(data.conflicts):
        blocked[data.conflicts[:, 0], data.conflicts[:, 1]] = True
    if len(data.assigned):
        blocked[data.assigned[:, 0], data.assigned[:, 1]] = True
    full = np.asarray([by_user[user_id].load >= by_user[user_id].max_load for user_id in data.reviewer_ids], dtype=bool)
    chosen_papers, chosen_reviewers = [], []
    for p, paper_id in enumerate(data.paper_ids):
        scores = np.where(blocked[p] | (full if only_paper is None else False), -np.inf, affinity.matrix[p])
        order = np.argsort(-scores, kind="stable")[:limit]
        for r in order[np.isfinite(scores[order])]:
            chosen_papers.append(p)
            chosen_reviewers.append(int(r))
    explanations = affinity.explain(data, chosen_papers, chosen_reviewers)
    for p, r, explanation in zip(chosen_papers, chosen_reviewers, explanations):
        reviewer = by_user[data.reviewer_ids[r]]
        rows[data.paper_ids[p]].suggestions.append(Candidate(
            reviewer=reviewer, affinity=explanation["affinity"], explanation=explanation, full=bool(full[r]),
        ))
    return page_obj, [rows[paper.pk] for paper in page_papers], pool


@dataclass
class ProposalRow:
    paper: object
    pairs: list = field(default_factory=list)


def proposal_table(proposal, *, page=1, per_page=50):
    """The proposal by paper: each paper with its reviewers, new and kept, and why."""
    papers = (
        papers_in_the_running(proposal.panel).filter(pk__in=proposal.pairs.values("submission"))
        .order_by("number").only("pk", "code", "number", "title", "panel_id")
    )
    page_obj = Paginator(papers, per_page).get_page(page)
    rows = {paper.pk: ProposalRow(paper=paper) for paper in page_obj.object_list}
    pairs = (
        ProposedAssignment.objects.filter(proposal=proposal, submission__in=list(rows))
        .select_related("reviewer").order_by("-affinity")
    )
    for pair in pairs:
        rows[pair.submission_id].pairs.append(pair)
    return page_obj, list(rows.values())


def proposal_shortfalls(proposal):
    """The proposal's shortfalls with the papers' titles and reviewers' names filled in."""
    from portal.models import User
    from submissions.models import Submission

    papers = Submission.objects.in_bulk([s["submission"] for s in proposal.shortfalls if s["kind"] == "paper"])
    people = User.objects.in_bulk([s["reviewer"] for s in proposal.shortfalls if s["kind"] == "reviewer"])
    by_kind = defaultdict(list)
    for shortfall in proposal.shortfalls:
        if shortfall["kind"] == "paper":
            by_kind["papers"].append({**shortfall, "paper": papers.get(shortfall["submission"])})
        else:
            by_kind["reviewers"].append({**shortfall, "person": people.get(shortfall["reviewer"])})
    return by_kind

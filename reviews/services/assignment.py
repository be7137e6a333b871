"""Who reviews which paper: by hand, one click at a time, or through a
proposal of the automatic assigner that the chairs review and commit."""

import logging
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from portal.mail.queue import mail_queue
from portal.refusals import refuse_if
from portal.workflow import audit_record, transition
from reviews import permissions
from reviews.assignment import solver
from reviews.assignment.affinity import compute_affinity
from reviews.assignment.loading import load_panel_data
from reviews.assignment.proposal import problem_inputs
from reviews.dispatch import proposal_compute_later
from reviews.models import Assignment, AssignmentProposal, Conflict, ProposedAssignment
from reviews.services.conflicts import conflicts_refresh
from submissions.models import Submission

logger = logging.getLogger(__name__)
Proposal = AssignmentProposal.State
PROPOSAL_TRANSITIONS = {
    Proposal.QUEUED: {Proposal.RUNNING, Proposal.FAILED, Proposal.DISCARDED},
    Proposal.RUNNING: {Proposal.READY, Proposal.FAILED, Proposal.DISCARDED},
    Proposal.READY: {Proposal.COMMITTED, Proposal.DISCARDED},
    Proposal.FAILED: {Proposal.DISCARDED},
}


def _notify_reviewers(panel, papers_by_reviewer: dict) -> None:
    """One mail per reviewer listing the papers they were just given."""
    link = settings.SITE_URL + reverse("reviews:my_panels")
    for reviewer, papers in papers_by_reviewer.items():
        mail_queue(to=reviewer, template="reviewer_assignment", panel=panel, related=panel,
                   context={"papers": sorted(papers, key=lambda paper: paper.number), "link": link})


def explain_pair(submission, reviewer) -> dict:
    """Why this reviewer fits this paper, computed now (for assignments made by hand)."""
    data = load_panel_data(submission.panel, submission_ids=[submission.pk])
    if submission.pk not in data.paper_ids or reviewer.pk not in data.reviewer_ids:
        return {}
    affinity = compute_affinity(data)
    return affinity.explain(data, [data.paper_ids.index(submission.pk)], [data.reviewer_ids.index(reviewer.pk)])[0]


def assignment_add(*, submission: Submission, reviewer, by) -> Assignment:
    """A chair assigns a reviewer by hand; a conflict, even one just come to light, refuses it."""
    with transaction.atomic():
        Submission.objects.select_for_update().only("pk").get(pk=submission.pk)
        conflicts_refresh(panel=submission.panel, reviewer_ids=[reviewer.pk], by=by)
        refuse_if(permissions.why_not_assign(by, submission, reviewer))
        explanation = explain_pair(submission, reviewer)
        assignment = Assignment.objects.create(
            submission=submission, reviewer=reviewer, origin=Assignment.Origin.MANUAL,
            explanation=explanation, assigned_by=by,
        )
        audit_record(action="assignment.added", target=assignment, by=by, panel=submission.panel,
                     data={"submission": submission.pk, "reviewer": reviewer.pk, "origin": "manual"})
        _notify_reviewers(submission.panel, {reviewer: [submission]})
    return assignment


def assignment_remove(*, assignment: Assignment, by) -> None:
    with transaction.atomic():
        refuse_if(permissions.why_not_unassign(by, assignment))
        audit_record(action="assignment.removed", target=assignment.submission, by=by,
                     panel=assignment.submission.panel,
                     data={"reviewer": assignment.reviewer_id, "origin": assignment.origin})
        assignment.delete()


# --- Proposals of the automatic assigner ---

def proposal_start(*, panel, by, reviewers_per_paper: int, min_load: int, max_load: int | None) -> AssignmentProposal:
    """Store the chairs' settings and run the assigner in the background
    (at once, in-process, on a laptop without a broker)."""
    with transaction.atomic():
        refuse_if(permissions.why_not_manage_reviewers(by, panel))
        proposal = AssignmentProposal.objects.create(
            panel=panel, created_by=by, reviewers_per_paper=reviewers_per_paper, min_load=min_load,
            max_load=max_load,
        )
        audit_record(action="proposal.started", target=proposal, by=by, panel=panel,
                     data={"reviewers_per_paper": reviewers_per_paper, "min_load": min_load, "max_load": max_load})
        transaction.on_commit(lambda: proposal_compute_later(proposal.pk))
    return proposal


def _progress(proposal, percent: int, note: str) -> None:
    AssignmentProposal.objects.filter(pk=proposal.pk).update(progress=percent, progress_note=note)


def proposal_compute(*, proposal_id: int) -> AssignmentProposal:
    """The background work: conflicts, affinities, the optimal assignment,
    and the pairs stored with their reasons. A failure is stored, not lost."""
    proposal = AssignmentProposal.objects.select_related("panel__conference").get(pk=proposal_id)
    if proposal.state != Proposal.QUEUED:
        return proposal
    transition(proposal, to=Proposal.RUNNING, by=None, allowed=PROPOSAL_TRANSITIONS, panel=proposal.panel)
    try:
        _progress(proposal, 5, "conflicts")
        conflicts_refresh(panel=proposal.panel)
        _progress(proposal, 15, "data")
        data = load_panel_data(proposal.panel)
        if not data.paper_ids or not data.reviewer_ids:
            raise solver.Infeasible("the panel has no paper awaiting review or no reviewer in its pool")
        inputs = problem_inputs(
            data, reviewers_per_paper=proposal.reviewers_per_paper, min_load=proposal.min_load,
            max_load=proposal.max_load,
            progress=lambda done, total: _progress(proposal, 20 + 40 * done // total, "affinity"),
        )
        _progress(proposal, 65, "solving")
        solution = solver.solve(solver.AssignmentProblem(
            affinity=inputs.affinity.matrix, allowed=inputs.allowed, reviewers_per_paper=inputs.reviewers_per_paper,
            min_load=inputs.min_load, max_load=inputs.max_load, fixed=inputs.fixed,
        ))
        _progress(proposal, 90, "storing")
        _store_solution(proposal, data, inputs, solution)
    except solver.Infeasible as error:
        transition(proposal, to=Proposal.FAILED, by=None, allowed=PROPOSAL_TRANSITIONS, panel=proposal.panel,
                   error=str(error), finished_at=timezone.now(), progress=100)
    except Exception as error:
        logger.exception("Assignment proposal %s failed", proposal.pk)
        transition(proposal, to=Proposal.FAILED, by=None, allowed=PROPOSAL_TRANSITIONS, panel=proposal.panel,
                   error=f"{type(error).__name__}: {error}", finished_at=timezone.now(), progress=100)
    return proposal


def _store_solution(proposal, data, inputs, solution) -> None:
    pairs = np.asarray(solution.pairs, dtype=np.int64).reshape(-1, 2)
    explanations = inputs.affinity.explain(data, pairs[:, 0], pairs[:, 1])
    fixed = {(int(p), int(r)) for p, r in inputs.fixed}
    numbers = dict(Submission.objects.filter(pk__in=data.paper_ids).values_list("pk", "number"))
    shortfalls = [
        {"kind": "paper", "submission": data.paper_ids[s.paper], "number": numbers.get(data.paper_ids[s.paper]),
         "missing": s.missing, "reason": s.reason, "cause": getattr(s, "cause", "")}
        for s in solution.shortfalls
    ] + [
        {"kind": "reviewer", "reviewer": data.reviewer_ids[s.reviewer], "missing": s.missing, "reason": s.reason,
         "cause": getattr(s, "cause", "")}
        for s in getattr(solution, "load_shortfalls", [])
    ]
    stats = {key: value for key, value in solution.stats.items() if isinstance(value, (int, float, str, list, dict))}
    with transaction.atomic():
        ProposedAssignment.objects.bulk_create(
            [
                ProposedAssignment(
                    proposal=proposal, submission_id=data.paper_ids[p], reviewer_id=data.reviewer_ids[r],
                    affinity=float(inputs.affinity.matrix[p, r]), explanation=explanation,
                    is_existing=(int(p), int(r)) in fixed,
                )
                for (p, r), explanation in zip(pairs, explanations)
            ],
            batch_size=2000,
        )
        transition(proposal, to=Proposal.READY, by=None, allowed=PROPOSAL_TRANSITIONS, panel=proposal.panel,
                   objective=float(solution.objective), proven_optimal=bool(solution.proven_optimal),
                   stats={**stats, "notes": inputs.notes}, shortfalls=shortfalls, progress=100, progress_note="",
                   finished_at=timezone.now())


@dataclass
class CommitReport:
    created: int = 0
    # (submission, reviewer user id, why it was left out)
    skipped: list[tuple[int, int, str]] = field(default_factory=list)


def proposal_commit(*, proposal: AssignmentProposal, by) -> CommitReport:
    """Turn the proposal's new pairs into assignments and tell each reviewer.
    A pair that became a conflict or was assigned by hand meanwhile is left out."""
    report = CommitReport()
    with transaction.atomic():
        proposal = _locked(proposal)
        refuse_if(permissions.why_not_commit_proposal(by, proposal))
        transition(proposal, to=Proposal.COMMITTED, by=by, allowed=PROPOSAL_TRANSITIONS, panel=proposal.panel,
                   committed_at=timezone.now(), committed_by=by)
        new_pairs = list(
            proposal.pairs.filter(is_existing=False).select_related("submission", "reviewer")
        )
        paper_ids = {pair.submission_id for pair in new_pairs}
        conflicted = set(
            Conflict.objects.filter(submission_id__in=paper_ids, lifted_at__isnull=True).values_list(
                "submission_id", "reviewer_id")
        )
        assigned = set(Assignment.objects.filter(submission_id__in=paper_ids).values_list("submission_id", "reviewer_id"))
        now = timezone.now()
        created, papers_by_reviewer = [], defaultdict(list)
        for pair in new_pairs:
            key = (pair.submission_id, pair.reviewer_id)
            if key in conflicted or key in assigned:
                report.skipped.append((*key, "conflict" if key in conflicted else "assigned"))
                continue
            created.append(Assignment(
                submission_id=pair.submission_id, reviewer_id=pair.reviewer_id, origin=Assignment.Origin.AUTOMATIC,
                explanation={**pair.explanation, "proposal": str(proposal.code)}, assigned_by=by, assigned_at=now,
            ))
            papers_by_reviewer[pair.reviewer].append(pair.submission)
        Assignment.objects.bulk_create(created, batch_size=2000)
        report.created = len(created)
        audit_record(action="proposal.assignments_made", target=proposal, by=by, panel=proposal.panel,
                     data={"created": report.created, "skipped": len(report.skipped)})
        _notify_reviewers(proposal.panel, papers_by_reviewer)
    return report


def proposal_discard(*, proposal: AssignmentProposal, by) -> None:
    with transaction.atomic():
        proposal = _locked(proposal)
        refuse_if(permissions.why_not_discard_proposal(by, proposal))
        transition(proposal, to=Proposal.DISCARDED, by=by, allowed=PROPOSAL_TRANSITIONS, panel=proposal.panel)


def _locked(proposal: AssignmentProposal) -> AssignmentProposal:
    return AssignmentProposal.objects.select_for_update(of=("self",)).select_related("panel__conference").get(
        pk=proposal.pk)

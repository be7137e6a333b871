"""Rows of the reviewer pool, conflicts, bids and assignment pages."""

from reviews.models import AssignmentProposal, Bid, BiddingPhase, PanelReviewer, ReviewerInvitation
from reviews.services.pool import invitation_token
from tests.access.matrix import EVERYONE, PANEL_CHAIR, SIGNED_IN, Row

POOL_REVIEWERS = frozenset({"reviewer", "unassigned_reviewer", "conflicted_reviewer"})


def panel_kwargs(cast) -> dict:
    return {"conference": cast.panel.conference.slug, "panel": cast.panel.slug}


def member_code(cast, role):
    return PanelReviewer.objects.get(panel=cast.panel, user=cast.users[role]).code


def invitation_kwargs(cast) -> dict:
    invitation = ReviewerInvitation.objects.create(panel=cast.panel, email="invitee@somewhere.example.org")
    return {"token": invitation_token(invitation)}


def with_invitation(cast) -> dict:
    invitation = ReviewerInvitation.objects.create(panel=cast.panel, email="invitee@somewhere.example.org")
    return {**panel_kwargs(cast), "code": invitation.code}


def with_paper_and(role):
    def kwargs(cast):
        return {**panel_kwargs(cast), "paper": cast.paper.code, "reviewer": member_code(cast, role)}

    return kwargs


def with_open_bidding(cast) -> dict:
    BiddingPhase.objects.update_or_create(panel=cast.panel, defaults={"is_open": True})
    return panel_kwargs(cast)


def with_open_bidding_on_paper(cast) -> dict:
    return {**with_open_bidding(cast), "paper": cast.paper.code}


def with_declared_conflicts(cast) -> dict:
    for role in POOL_REVIEWERS:
        Bid.objects.update_or_create(submission=cast.paper, reviewer=cast.users[role],
                                     defaults={"value": Bid.Value.CONFLICT})
    return {**panel_kwargs(cast), "paper": cast.paper.code}


def with_proposal(state):
    def kwargs(cast):
        proposal = AssignmentProposal.objects.create(panel=cast.panel, state=state)
        return {**panel_kwargs(cast), "code": proposal.code}

    return kwargs


def reviewer_data(cast) -> dict:
    return {"reviewer": str(member_code(cast, "unassigned_reviewer"))}


ROWS = [
    Row("reviews:my_panels", allowed=SIGNED_IN),
    Row("reviews:chair_panels", allowed=SIGNED_IN),
    # Whoever holds the signed link may answer; accepting needs an account.
    Row("reviews:invitation", allowed=EVERYONE, kwargs=invitation_kwargs),
    Row("reviews:invitation_accept", allowed=SIGNED_IN, kwargs=invitation_kwargs, method="post"),
    Row("reviews:invitation_decline", allowed=EVERYONE, kwargs=invitation_kwargs),
    Row("reviews:invitation_decline", allowed=EVERYONE, kwargs=invitation_kwargs, method="post"),
    # The chairs' pages of the panel.
    Row("reviews:panel_home", allowed=PANEL_CHAIR, kwargs=panel_kwargs),
    Row("reviews:pool", allowed=PANEL_CHAIR, kwargs=panel_kwargs),
    Row("reviews:reviewer_remove", allowed=PANEL_CHAIR, method="post",
        kwargs=lambda cast: {**panel_kwargs(cast), "code": member_code(cast, "unassigned_reviewer")}),
    Row("reviews:invitations", allowed=PANEL_CHAIR, kwargs=panel_kwargs),
    Row("reviews:invitations", allowed=PANEL_CHAIR, kwargs=panel_kwargs, method="post",
        data=lambda cast: {"people": "Nova Pessoa <nova@instituto.example.org>"}),
    Row("reviews:invitation_resend", allowed=PANEL_CHAIR, kwargs=with_invitation, method="post"),
    Row("reviews:conflicts", allowed=PANEL_CHAIR, kwargs=panel_kwargs),
    Row("reviews:conflict_add", allowed=PANEL_CHAIR, kwargs=panel_kwargs, method="post",
        data=lambda cast: {"submission": str(cast.paper.code), **reviewer_data(cast), "reason": "former student"}),
    Row("reviews:conflicts_detect", allowed=PANEL_CHAIR, kwargs=panel_kwargs, method="post"),
    Row("reviews:conflict_lift", allowed=PANEL_CHAIR, kwargs=with_paper_and("conflicted_reviewer"), method="post"),
    Row("reviews:bids_overview", allowed=PANEL_CHAIR, kwargs=panel_kwargs),
    Row("reviews:bidding", allowed=PANEL_CHAIR, kwargs=panel_kwargs, method="post",
        data=lambda cast: {"is_open": "on", "closes_at": ""}),
    Row("reviews:assignment", allowed=PANEL_CHAIR, kwargs=panel_kwargs),
    Row("reviews:assign", allowed=PANEL_CHAIR, kwargs=with_paper_and("unassigned_reviewer"), method="post"),
    Row("reviews:unassign", allowed=PANEL_CHAIR, kwargs=with_paper_and("reviewer"), method="post"),
    Row("reviews:proposals", allowed=PANEL_CHAIR, kwargs=panel_kwargs),
    Row("reviews:proposals", allowed=PANEL_CHAIR, kwargs=panel_kwargs, method="post",
        data=lambda cast: {"reviewers_per_paper": "1", "min_load": "0", "max_load": ""}),
    Row("reviews:proposal", allowed=PANEL_CHAIR, kwargs=with_proposal(AssignmentProposal.State.READY)),
    Row("reviews:proposal_commit", allowed=PANEL_CHAIR, kwargs=with_proposal(AssignmentProposal.State.READY),
        method="post"),
    Row("reviews:proposal_discard", allowed=PANEL_CHAIR, kwargs=with_proposal(AssignmentProposal.State.READY),
        method="post"),
    # The reviewers' pages of the panel.
    Row("reviews:expertise", allowed=POOL_REVIEWERS, kwargs=panel_kwargs),
    Row("reviews:expertise", allowed=POOL_REVIEWERS, kwargs=panel_kwargs, method="post",
        data=lambda cast: {"keywords": "paradiplomacy, cities", "expertise": "", "max_load": "4"}),
    Row("reviews:bids", allowed=POOL_REVIEWERS, kwargs=with_open_bidding),
    Row("reviews:bids", allowed=POOL_REVIEWERS, kwargs=with_open_bidding, method="post",
        data=lambda cast: {f"bid-{cast.paper.code}": "eager"}),
    # The conflicted reviewer may not even know the paper is there: 404.
    Row("reviews:bid", allowed=POOL_REVIEWERS - {"conflicted_reviewer"}, knows=SIGNED_IN - {"conflicted_reviewer"},
        kwargs=with_open_bidding_on_paper,
        method="post", data=lambda cast: {"value": "willing"}),
    Row("reviews:own_conflict_withdraw", allowed=POOL_REVIEWERS, kwargs=with_declared_conflicts, method="post"),
]

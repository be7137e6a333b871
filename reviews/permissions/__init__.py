"""Every access rule of the reviewing side, by subject:

- common: who is who (a panel's reviewers, a paper's chairs and reviewers);
- pool: the chairs manage reviewers, invitations, conflicts and assignment;
- bidding: the pool's reviewers bid while bidding is open;
- reviewing: who sees a paper's contents, writes and reads its reviews,
  joins its discussion, sees its authors' names;
- decisions: the chairs' dashboard and decisions, the authors' decision page.

Rules come as pairs: `why_not_x(...)` gives the message a user sees when
they may not, `can_x(...)` its boolean (only where something asks it). All
of them are importable from here: `from reviews import permissions`.
"""

from reviews.permissions.bidding import (
    bidding_is_open, can_bid, can_see_paper_for_bidding, why_not_bid, why_not_see_paper_for_bidding,
    why_not_withdraw_own_conflict,
)
from reviews.permissions.common import (
    IN_REVIEW, REVIEWED_STATES, active_conflicts, forget_reviewer_panels, is_assigned,
    is_in_conflict, is_reviewer, manages_paper, reviewer_panel_ids, reviews_paper,
)
from reviews.permissions.decisions import can_decide, can_read_decision_as_author, why_not_chair_reviewing, why_not_decide
from reviews.permissions.pool import (
    can_answer_invitation, can_commit_proposal, can_discard_proposal, why_not_add_conflict, why_not_answer_invitation,
    why_not_assign, why_not_commit_proposal, why_not_discard_proposal, why_not_lift_conflict, why_not_manage_reviewers,
    why_not_remove_reviewer, why_not_resend_invitation, why_not_state_expertise, why_not_unassign,
)
from reviews.permissions.reviewing import (
    can_read_other_reviews, can_read_review_history, can_see_author_identities, can_see_author_identities_in_panel,
    can_see_paper_contents, can_write_review, why_not_join_discussion, why_not_read_other_reviews,
    why_not_read_review_history, why_not_see_paper_contents, why_not_write_review,
)

__all__ = [
    "IN_REVIEW", "REVIEWED_STATES", "active_conflicts", "bidding_is_open", "can_answer_invitation", "can_bid",
    "can_commit_proposal", "can_decide", "can_discard_proposal", "can_read_decision_as_author",
    "can_read_other_reviews", "can_read_review_history", "can_see_author_identities",
    "can_see_author_identities_in_panel", "can_see_paper_contents", "can_see_paper_for_bidding", "can_write_review",
    "forget_reviewer_panels", "is_assigned", "is_in_conflict", "is_reviewer",
    "manages_paper", "reviewer_panel_ids", "reviews_paper", "why_not_add_conflict", "why_not_answer_invitation",
    "why_not_assign", "why_not_bid", "why_not_chair_reviewing", "why_not_commit_proposal", "why_not_decide",
    "why_not_discard_proposal", "why_not_join_discussion", "why_not_lift_conflict", "why_not_manage_reviewers",
    "why_not_read_other_reviews", "why_not_read_review_history", "why_not_remove_reviewer",
    "why_not_resend_invitation", "why_not_see_paper_contents", "why_not_see_paper_for_bidding",
    "why_not_state_expertise", "why_not_unassign", "why_not_withdraw_own_conflict", "why_not_write_review",
]

"""Bidding: the pool's reviewers bid on the papers in the running, while the
chairs keep bidding open, never on a paper they are in conflict with (which
they may not even know is there)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from reviews.models import Bid, BiddingPhase
from reviews.permissions.common import IN_REVIEW, is_in_conflict, is_reviewer
from reviews.permissions.pool import why_not_state_expertise


def bidding_is_open(panel, now=None) -> bool:
    """Chairs open bidding by hand; it closes by hand or at its deadline."""
    try:
        phase = panel.bidding  # cached on the panel, found or not
    except BiddingPhase.DoesNotExist:
        return False
    if not phase.is_open:
        return False
    return phase.closes_at is None or (now or timezone.now()) < phase.closes_at


def why_not_bid(user, panel, now=None) -> str | None:
    if reason := why_not_state_expertise(user, panel):
        return reason
    if not bidding_is_open(panel, now):
        return _("Bidding is closed for this panel.")
    return None


def can_bid(user, panel, now=None) -> bool:
    return why_not_bid(user, panel, now) is None


def why_not_see_paper_for_bidding(user, submission) -> str | None:
    """Title, abstract, keywords and topics: for pool reviewers free of conflict."""
    if not user.is_authenticated:
        return _("Please log in.")
    if not is_reviewer(user, submission.panel):
        return _("You are not a reviewer of this panel.")
    if submission.state not in IN_REVIEW:
        return _("This paper is not under review.")
    if is_in_conflict(user, submission):
        return _("You are in conflict with this paper.")
    return None


def can_see_paper_for_bidding(user, submission) -> bool:
    return why_not_see_paper_for_bidding(user, submission) is None


def why_not_withdraw_own_conflict(user, submission) -> str | None:
    if not is_reviewer(user, submission.panel):
        return _("You are not a reviewer of this panel.")
    if not Bid.objects.filter(submission=submission, reviewer=user, value=Bid.Value.CONFLICT).exists():
        return _("You did not declare a conflict with this paper.")
    return None

"""reviews/permissions/bidding.py as tables: role × paper state × bidding window."""

import datetime

import pytest
from django.utils import timezone, translation

from reviews import permissions
from reviews.models import Bid, BiddingPhase
from tests.access.matrix import ROLES
from tests.reviews.rules.conftest import set_state

POOL = {"reviewer", "unassigned_reviewer", "conflicted_reviewer"}
IN_AN_HOUR = datetime.timedelta(hours=1)
WINDOWS = {
    # name: (is_open, closes_at relative to now or None), may bid
    "never opened": (None, None, False),
    "closed by hand": (False, None, False),
    "open with no end": (True, None, True),
    "open until later": (True, IN_AN_HOUR, True),
    "past its deadline": (True, -IN_AN_HOUR, False),
}


@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("role", ROLES)
def test_the_pool_bids_while_bidding_is_open(people, panel, role, window):
    is_open, closes_in, open_now = WINDOWS[window]
    now = timezone.now()
    if is_open is not None:
        BiddingPhase.objects.create(panel=panel, is_open=is_open, closes_at=now + closes_in if closes_in else None)
    panel.refresh_from_db()
    assert permissions.can_bid(people[role], panel, now=now) == (role in POOL and open_now)


SEE = {"submitted": POOL - {"conflicted_reviewer"}, "draft": set(), "accepted": set(), "withdrawn": set()}


@pytest.mark.parametrize("state", SEE)
@pytest.mark.parametrize("role", ROLES)
def test_a_paper_shows_for_bidding_in_review_never_to_a_reviewer_in_conflict(people, paper, role, state):
    set_state(paper, state)
    assert permissions.can_see_paper_for_bidding(people[role], paper) == (role in SEE[state])


@pytest.mark.parametrize("role", sorted(POOL))
def test_a_reviewer_takes_back_only_a_conflict_they_declared(people, paper, role):
    user = people[role]
    with translation.override("en"):
        assert permissions.why_not_withdraw_own_conflict(user, paper) == "You did not declare a conflict with this paper."
    Bid.objects.create(submission=paper, reviewer=user, value=Bid.Value.CONFLICT)
    assert permissions.why_not_withdraw_own_conflict(user, paper) is None

"""reviews/permissions/pool.py as tables: role × state."""

import pytest

from reviews import permissions
from reviews.models import AssignmentProposal, ReviewerInvitation
from tests import factories
from tests.access.matrix import ROLES
from tests.reviews.rules.conftest import set_state

POOL = {"reviewer", "unassigned_reviewer", "conflicted_reviewer"}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_panels_chairs_manage_its_reviewers(people, panel, role):
    assert (permissions.why_not_manage_reviewers(people[role], panel) is None) == (role == "chair")


@pytest.mark.parametrize("role", ROLES)
def test_the_pools_members_state_their_expertise(people, panel, role):
    assert (permissions.why_not_state_expertise(people[role], panel) is None) == (role in POOL)


ASSIGN = [
    # whom, paper state, may the chair assign
    ("unassigned_reviewer", "submitted", True),
    ("unassigned_reviewer", "draft", False),
    ("unassigned_reviewer", "accepted", False),
    ("reviewer", "submitted", False),             # already assigned
    ("conflicted_reviewer", "submitted", False),  # never across a conflict
    ("other_author", "submitted", False),         # not in the pool
]


@pytest.mark.parametrize(("whom", "state", "allowed"), ASSIGN)
def test_a_chair_assigns_a_pool_reviewer_to_a_paper_in_the_running(people, paper, whom, state, allowed):
    set_state(paper, state)
    assert (permissions.why_not_assign(people["chair"], paper, people[whom]) is None) == allowed
    assert permissions.why_not_assign(people["other_chair"], paper, people[whom]) is not None


@pytest.mark.parametrize(("whom", "allowed"), [
    ("unassigned_reviewer", True), ("conflicted_reviewer", True), ("reviewer", False), ("other_author", False),
])
def test_a_chair_records_a_conflict_for_a_pool_member_not_assigned(people, paper, whom, allowed):
    assert (permissions.why_not_add_conflict(people["chair"], paper, people[whom]) is None) == allowed


PROPOSAL = [
    # state, may commit, may discard
    (AssignmentProposal.State.QUEUED, False, True),
    (AssignmentProposal.State.READY, True, True),
    (AssignmentProposal.State.COMMITTED, False, False),
    (AssignmentProposal.State.DISCARDED, False, False),
]


@pytest.mark.parametrize(("state", "commit", "discard"), PROPOSAL)
@pytest.mark.parametrize("role", ROLES)
def test_a_proposal_is_committed_when_ready_and_discarded_until_done(people, panel, role, state, commit, discard):
    proposal = AssignmentProposal.objects.create(panel=panel, state=state)
    chair = role == "chair"
    assert permissions.can_commit_proposal(people[role], proposal) == (chair and commit)
    assert permissions.can_discard_proposal(people[role], proposal) == (chair and discard)


@pytest.mark.parametrize(("state", "resend", "answer"), [
    (ReviewerInvitation.State.SENT, True, True),
    (ReviewerInvitation.State.DECLINED, True, False),
    (ReviewerInvitation.State.ACCEPTED, False, False),
])
def test_an_invitation_is_answered_once_and_resent_until_accepted(panel, chair, state, resend, answer):
    invitation = ReviewerInvitation.objects.create(panel=panel, email="someone@example.org", state=state)
    assert (permissions.why_not_resend_invitation(chair, invitation) is None) == resend
    assert permissions.can_answer_invitation(invitation) == answer


@pytest.mark.parametrize(("assigned", "allowed"), [(0, True), (1, False)])
def test_a_reviewer_leaves_the_pool_only_without_assigned_papers(panel, chair, assigned, allowed):
    member = factories.PanelReviewerFactory(panel=panel)
    assert (permissions.why_not_remove_reviewer(chair, member, assigned_papers=assigned) is None) == allowed

"""The reviewer pool: who manages a panel's reviewers, invitations, conflicts
and assignment (its chairs), and who answers an invitation (whoever holds
the signed link) or states their expertise (the pool's members)."""

from django.utils.translation import gettext as _

from portal.permissions import is_chair
from reviews.models import Assignment, PanelReviewer, ReviewerInvitation
from reviews.models.proposals import AssignmentProposal
from reviews.permissions.common import IN_REVIEW, is_assigned, is_in_conflict, is_reviewer


def why_not_manage_reviewers(user, panel) -> str | None:
    if not user.is_authenticated:
        return _("Please log in.")
    if not is_chair(user, panel):
        return _("Only the chairs of this panel manage its reviewers.")
    return None


def why_not_resend_invitation(user, invitation: ReviewerInvitation) -> str | None:
    if reason := why_not_manage_reviewers(user, invitation.panel):
        return reason
    if invitation.state == ReviewerInvitation.State.ACCEPTED:
        return _("This invitation was accepted: there is nothing to send again.")
    return None


def why_not_remove_reviewer(user, panel_reviewer: PanelReviewer, *, assigned_papers: int) -> str | None:
    if reason := why_not_manage_reviewers(user, panel_reviewer.panel):
        return reason
    if assigned_papers:
        return _("This reviewer has assigned papers; unassign them first.")
    return None


def _in_pool(reviewer, panel) -> bool:
    return is_reviewer(reviewer, panel) or PanelReviewer.objects.filter(panel=panel, user=reviewer).exists()


def why_not_add_conflict(user, submission, reviewer) -> str | None:
    if reason := why_not_manage_reviewers(user, submission.panel):
        return reason
    if not _in_pool(reviewer, submission.panel):
        return _("This person is not in the panel's reviewer pool.")
    if is_assigned(reviewer, submission):
        return _("This reviewer is assigned to the paper; unassign them before recording a conflict.")
    return None


def why_not_lift_conflict(user, submission) -> str | None:
    return why_not_manage_reviewers(user, submission.panel)


def why_not_assign(user, submission, reviewer) -> str | None:
    """A chair may assign a pool reviewer to a paper in the running, never across a conflict."""
    if reason := why_not_manage_reviewers(user, submission.panel):
        return reason
    if submission.state not in IN_REVIEW:
        return _("Only submitted papers awaiting review get reviewers.")
    if not _in_pool(reviewer, submission.panel):
        return _("This person is not in the panel's reviewer pool.")
    if is_in_conflict(reviewer, submission):
        return _("This reviewer is in conflict with the paper.")
    if is_assigned(reviewer, submission):
        return _("This reviewer is already assigned to the paper.")
    return None


def why_not_unassign(user, assignment: Assignment) -> str | None:
    return why_not_manage_reviewers(user, assignment.submission.panel)


def why_not_commit_proposal(user, proposal: AssignmentProposal) -> str | None:
    if reason := why_not_manage_reviewers(user, proposal.panel):
        return reason
    if proposal.state != AssignmentProposal.State.READY:
        return _("Only a finished proposal that was neither committed nor discarded can be committed.")
    return None


def can_commit_proposal(user, proposal: AssignmentProposal) -> bool:
    return why_not_commit_proposal(user, proposal) is None


def why_not_discard_proposal(user, proposal: AssignmentProposal) -> str | None:
    if reason := why_not_manage_reviewers(user, proposal.panel):
        return reason
    if proposal.state in {AssignmentProposal.State.COMMITTED, AssignmentProposal.State.DISCARDED}:
        return _("This proposal was already committed or discarded.")
    return None


def can_discard_proposal(user, proposal: AssignmentProposal) -> bool:
    return why_not_discard_proposal(user, proposal) is None


def why_not_answer_invitation(invitation: ReviewerInvitation) -> str | None:
    """Whoever holds the signed link answers, once."""
    if invitation.state == ReviewerInvitation.State.ACCEPTED:
        return _("This invitation was already accepted.")
    if invitation.state == ReviewerInvitation.State.DECLINED:
        return _("This invitation was declined. Ask the chairs to send it again if you changed your mind.")
    return None


def can_answer_invitation(invitation: ReviewerInvitation) -> bool:
    return why_not_answer_invitation(invitation) is None


def why_not_state_expertise(user, panel) -> str | None:
    """A pool's members say what they can review, and see the panel's pages for reviewers."""
    if not user.is_authenticated:
        return _("Please log in.")
    if not is_reviewer(user, panel):
        return _("You are not a reviewer of this panel.")
    return None

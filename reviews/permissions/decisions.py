"""Chairing the reviewing and deciding: the dashboard, its exports, the
reviewer statistics, the review form, reminders and decisions of a panel are
its chairs'; a chair who wrote a paper leaves its decision to the others;
the paper's authors read the released decision."""

from django.utils.translation import gettext as _

from portal.permissions import is_chair
from reviews.permissions.common import IN_REVIEW, manages_paper
from reviews.permissions.pool import why_not_manage_reviewers
from submissions.models import Submission
from submissions.permissions import is_author


def why_not_chair_reviewing(user, panel) -> str | None:
    """The chairs of a panel, as for its reviewers."""
    return why_not_manage_reviewers(user, panel)


def why_not_decide(user, submission: Submission) -> str | None:
    if is_chair(user, submission.panel) and is_author(user, submission):
        return _("You are an author of this paper: another chair decides on it.")
    if not manages_paper(user, submission):
        return _("Only the chairs of this panel decide on its papers.")
    if submission.state not in IN_REVIEW:
        return _("This paper is %(state)s: its decision can no longer change.") % {
            "state": submission.get_state_display(),
        }
    return None


def can_decide(user, submission: Submission) -> bool:
    return why_not_decide(user, submission) is None


def can_read_decision_as_author(user, submission: Submission) -> bool:
    """The authors' page of the decision: the paper's authors and chairs."""
    return is_author(user, submission) or manages_paper(user, submission)

"""Reviewing a paper: who sees it from the reviewing side, writes its
reviews, reads the others' and joins its discussion, and whose names show.

The core rule every reviewing page builds on (why_not_see_paper_contents,
enforced by reviews.lookups.paper_for_reviewing): a paper's contents beyond
what bidding shows (the PDF, the reviews, the discussion) are for its
panel's chairs and its assigned reviewers; for anyone else its reviewing
pages do not exist. Authors never see who reviewed, nor any review before the
decision is released, nor the confidential comments. A reviewer sees the
other reviews and the discussion only once their own review is submitted.
In a double-blind call reviewers never see who wrote the paper.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.permissions import is_chair
from reviews.models import Review
from reviews.permissions.common import IN_REVIEW, manages_paper, reviews_paper
from submissions.models import Submission
from submissions.permissions import is_author


def why_not_see_paper_contents(user, submission: Submission) -> str | None:
    """The paper itself and everything beyond the bidding metadata: its
    chairs once it is submitted (as on the authors' side), and its assigned reviewers."""
    if submission.state != Submission.State.DRAFT and manages_paper(user, submission):
        return None
    if reviews_paper(user, submission):
        return None
    return _("This paper is not assigned to you.")


def can_see_paper_contents(user, submission: Submission) -> bool:
    return why_not_see_paper_contents(user, submission) is None


def _in_user_time(moment) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def why_not_write_review(user, submission: Submission, review: Review | None = None, now=None) -> str | None:
    """Drafts may be written and submitted late; a submitted review may be
    changed until the review deadline; nothing changes once the paper leaves review."""
    if not reviews_paper(user, submission):
        return _("This paper is not assigned to you.")
    if submission.state not in IN_REVIEW:
        return _("This paper is no longer under review.")
    deadline = submission.panel.review_deadline
    now = now or timezone.now()
    if review is not None and review.is_submitted and deadline and now > deadline:
        return _("The review deadline (%(moment)s) has passed: a submitted review can no longer be changed.") % {
            "moment": _in_user_time(deadline),
        }
    return None


def can_write_review(user, submission: Submission, review: Review | None = None, now=None) -> bool:
    return why_not_write_review(user, submission, review, now) is None


def why_not_read_other_reviews(user, submission: Submission, own_review: Review | None) -> str | None:
    """The paper's chairs always; its reviewers once their own review is
    submitted. The discussion is open to the same people."""
    if manages_paper(user, submission):
        return None
    if not reviews_paper(user, submission):
        return _("This paper is not assigned to you.")
    if own_review is None or not own_review.is_submitted:
        return _("Submit your own review first; then you will see the other reviews and the discussion.")
    return None


def can_read_other_reviews(user, submission: Submission, own_review: Review | None) -> bool:
    return why_not_read_other_reviews(user, submission, own_review) is None


why_not_join_discussion = why_not_read_other_reviews


def why_not_read_review_history(user, review: Review) -> str | None:
    if manages_paper(user, review.submission):
        return None
    if review.reviewer_id == user.pk and reviews_paper(user, review.submission):
        return None
    return _("This review is not yours.")


def can_read_review_history(user, review: Review) -> bool:
    return why_not_read_review_history(user, review) is None


def can_see_author_identities(user, submission: Submission) -> bool:
    """Names, emails, affiliations and ORCID iDs of the paper's authors: its
    authors and chairs; its reviewers unless the call is double-blind."""
    if is_author(user, submission) or manages_paper(user, submission):
        return True
    return not submission.panel.double_blind and reviews_paper(user, submission)


def can_see_author_identities_in_panel(user, panel) -> bool:
    """For lists of a whole panel's papers (the dashboard and its exports)."""
    return is_chair(user, panel)

"""How every page of the reviewing side finds its objects for the user asking.

One helper per object: 404 when the user may not know it exists (a paper they
neither chair nor review, a paper they are in conflict with), 403 (`Refused`,
with the rule's message) when they may know it but not do this (the panel's
pages, which are public, to anyone but its chairs or reviewers). Views do not
repeat these checks; the services check their own rules as they write.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from portal.refusals import Refused, refuse_if
from reviews import permissions
from reviews.models import AssignmentProposal, PanelReviewer, Review, ReviewerInvitation
from reviews.selectors.pool import panel_by_slugs, papers_in_the_running
from reviews.services.reviewing import review_of
from submissions.models import Submission


def panel_for_chair(user, conference: str, panel: str):
    """The panel, if the user chairs it; 403 for anyone else signed in."""
    found = panel_by_slugs(conference, panel)
    refuse_if(permissions.why_not_manage_reviewers(user, found))
    return found


def panel_for_reviewer(user, conference: str, panel: str):
    """The panel and the user's place in its pool; 403 for anyone not in it."""
    found = panel_by_slugs(conference, panel)
    refuse_if(permissions.why_not_state_expertise(user, found))
    return found, get_object_or_404(PanelReviewer.objects.select_related("panel"), panel=found, user=user)


def paper_of(panel, code) -> Submission:
    """A paper of this panel that is in the running; 404 otherwise."""
    return get_object_or_404(papers_in_the_running(panel).select_related("panel__conference"), code=code)


def paper_for_bidding(user, panel, code) -> Submission:
    """A paper a pool reviewer may bid on: 404 to a reviewer in conflict with it."""
    paper = paper_of(panel, code)
    if not permissions.can_see_paper_for_bidding(user, paper):
        raise Http404(_("No such paper among those you may bid on."))
    return paper


def pool_member(panel, code) -> PanelReviewer:
    return get_object_or_404(PanelReviewer.objects.select_related("user", "panel"), panel=panel, code=code)


def pair_for_chair(user, conference: str, panel: str, paper, reviewer):
    """A paper in the running and a pool member of a panel the user chairs:
    (panel, paper, member); 403 for anyone but its chairs, 404 for a code not of the panel."""
    found = panel_for_chair(user, conference, panel)
    return found, paper_of(found, paper), pool_member(found, reviewer)


def proposal_of(panel, code) -> AssignmentProposal:
    return get_object_or_404(AssignmentProposal.objects.select_related("panel__conference"), panel=panel, code=code)


def invitation_of(panel, code) -> ReviewerInvitation:
    return get_object_or_404(ReviewerInvitation.objects.select_related("panel__conference"), panel=panel, code=code)


def paper_for_reviewing(user, code) -> Submission:
    """A paper's reviewing pages exist for its chairs and assigned reviewers only; 404 for anyone else."""
    submission = get_object_or_404(Submission.objects.select_related("panel__conference"), code=code)
    if not permissions.can_see_paper_contents(user, submission):
        raise Http404(_("No such paper among yours."))
    return submission


def paper_to_review(user, code) -> Submission:
    """The paper, for its assigned reviewer; 403 for its chairs, who read reviews but do not write them."""
    submission = paper_for_reviewing(user, code)
    if not permissions.reviews_paper(user, submission):
        raise Refused(_("Only the paper's assigned reviewers write its reviews."))
    return submission


def paper_to_decide(user, code) -> Submission:
    """The paper, for its chairs; 403 for its reviewers (whether the decision
    may still change is decision_set's rule)."""
    submission = paper_for_reviewing(user, code)
    if not permissions.manages_paper(user, submission):
        raise Refused(_("Only the chairs of this panel decide on its papers."))
    return submission


def paper_with_reviews_for(user, code) -> tuple[Submission, Review | None]:
    """The paper and the user's own review, when they may read the others'
    (its chairs; its reviewers once theirs is in) and join its discussion."""
    submission = paper_for_reviewing(user, code)
    own = review_of(submission=submission, reviewer=user)
    refuse_if(permissions.why_not_read_other_reviews(user, submission, own))
    return submission, own


def review_for_history(user, code) -> Review:
    """A review's versions: for the paper's chairs and the review's own writer; 404 for anyone else."""
    review = get_object_or_404(Review.objects.select_related("submission__panel__conference", "reviewer"), code=code)
    if not permissions.can_read_review_history(user, review):
        raise Http404(_("No such review among yours."))
    return review


def paper_for_author_decision(user, code) -> Submission:
    """The authors' page of their paper's decision: its authors and chairs; 404 for anyone else."""
    submission = get_object_or_404(Submission.objects.select_related("panel__conference"), code=code)
    if not permissions.can_read_decision_as_author(user, submission):
        raise Http404(_("No such submission among yours."))
    return submission

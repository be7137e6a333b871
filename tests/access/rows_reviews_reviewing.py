"""The reviewing pages: the reviewer's, the chair's dashboard and decisions,
the discussion, and the authors' view of their decision."""

from tests.access.matrix import PANEL_CHAIR, SIGNED_IN, Row
from tests.reviews.reviewing_factories import criteria_post_data, draft_review, submit_review, upload_paper

REVIEWER = frozenset({"reviewer"})
REVIEWER_AND_CHAIR = frozenset({"reviewer", "chair"})
# The reviewing pages of a paper exist for its assigned reviewer and its
# panel's chairs; anyone else, its authors included, gets 404 there.
KNOW_THE_REVIEWING = REVIEWER_AND_CHAIR
AUTHORS_AND_CHAIR = frozenset({"author", "coauthor", "chair"})


def paper(cast) -> dict:
    return {"code": cast.paper.code}


def paper_with_pdf(cast) -> dict:
    upload_paper(cast.paper)
    return paper(cast)


def paper_reviewed_by_reviewer(cast) -> dict:
    """The assigned reviewer has submitted their review, so the other reviews and the discussion open to them."""
    submit_review(cast.paper, cast.reviewer, comments="A careful comparative study.")
    return paper(cast)


def draft_of_reviewer(cast) -> dict:
    return {"code": draft_review(cast.paper, cast.reviewer).code}


def panel(cast) -> dict:
    return {"conference": cast.panel.conference.slug, "panel": cast.panel.slug}


def panel_export(fmt):
    return lambda cast: {**panel(cast), "fmt": fmt}


def review_typed(cast) -> dict:
    return {"action": "save", "comments_to_authors": "The argument is clear.", "score_overall": "1"}


ROWS = [
    Row("reviews:my_reviews", allowed=SIGNED_IN),
    Row("reviews:review", allowed=REVIEWER, knows=KNOW_THE_REVIEWING, kwargs=paper),
    Row("reviews:review", allowed=REVIEWER, knows=KNOW_THE_REVIEWING, kwargs=paper, method="post", data=review_typed),
    Row("reviews:review_autosave", allowed=REVIEWER, knows=KNOW_THE_REVIEWING, kwargs=paper, method="post", data=review_typed),
    Row("reviews:review_discard", allowed=REVIEWER, knows=KNOW_THE_REVIEWING, kwargs=paper, method="post"),
    Row("reviews:review_paper_download", allowed=REVIEWER_AND_CHAIR, knows=KNOW_THE_REVIEWING, kwargs=paper_with_pdf),
    Row("reviews:review_versions", allowed=REVIEWER_AND_CHAIR, knows=KNOW_THE_REVIEWING, kwargs=draft_of_reviewer),
    Row("reviews:paper_reviews", allowed=PANEL_CHAIR, knows=KNOW_THE_REVIEWING, kwargs=paper,
        note="the assigned reviewer has not submitted a review yet"),
    Row("reviews:paper_reviews", allowed=REVIEWER_AND_CHAIR, knows=KNOW_THE_REVIEWING, kwargs=paper_reviewed_by_reviewer),
    Row("reviews:discussion", allowed=PANEL_CHAIR, knows=KNOW_THE_REVIEWING, kwargs=paper),
    Row("reviews:discussion", allowed=REVIEWER_AND_CHAIR, knows=KNOW_THE_REVIEWING, kwargs=paper_reviewed_by_reviewer),
    Row("reviews:discussion_post", allowed=REVIEWER_AND_CHAIR, knows=KNOW_THE_REVIEWING, kwargs=paper_reviewed_by_reviewer, method="post",
        data=lambda cast: {"body": "Should we ask for a shorter method section?"}),
    Row("reviews:decide", allowed=PANEL_CHAIR, knows=KNOW_THE_REVIEWING, kwargs=paper, method="post",
        data=lambda cast: {"outcome": "accept", "note": "Well done."}),
    Row("reviews:author_decision", allowed=AUTHORS_AND_CHAIR, knows=AUTHORS_AND_CHAIR, kwargs=paper),
    Row("reviews:dashboard", allowed=PANEL_CHAIR, kwargs=panel),
    Row("reviews:dashboard_export", allowed=PANEL_CHAIR, kwargs=panel_export("csv")),
    Row("reviews:dashboard_export", allowed=PANEL_CHAIR, kwargs=panel_export("xlsx")),
    Row("reviews:reviewer_stats", allowed=PANEL_CHAIR, kwargs=panel),
    Row("reviews:remind_reviewers", allowed=PANEL_CHAIR, kwargs=panel, method="post"),
    Row("reviews:review_form_edit", allowed=PANEL_CHAIR, kwargs=panel),
    Row("reviews:review_form_edit", allowed=PANEL_CHAIR, kwargs=panel, method="post",
        data=lambda cast: criteria_post_data(cast.panel, change={"clarity": {"label": "Clarity of the prose"}})),
    Row("reviews:decisions", allowed=PANEL_CHAIR, kwargs=panel),
    Row("reviews:decisions_bulk", allowed=PANEL_CHAIR, kwargs=panel, method="post",
        data=lambda cast: {"outcome": "reject", "papers": [str(cast.paper.code)]}),
    Row("reviews:decisions_preview", allowed=PANEL_CHAIR, kwargs=panel),
    Row("reviews:decisions_release", allowed=PANEL_CHAIR, kwargs=panel, method="post",
        data=lambda cast: {"confirm": "on"}),
]

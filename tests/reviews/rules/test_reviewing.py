"""reviews/permissions/reviewing.py as tables: role × paper state × deadline."""

import datetime

import pytest
from django.utils import timezone, translation

from reviews import permissions
from tests.access.matrix import ROLES
from tests.reviews.reviewing_factories import draft_review, submit_review
from tests.reviews.rules.conftest import set_state

CHAIR_AND_REVIEWER = {"chair", "reviewer"}
SEE_CONTENTS = {
    "draft": set(),
    "submitted": CHAIR_AND_REVIEWER,
    "accepted": CHAIR_AND_REVIEWER,
    "rejected": CHAIR_AND_REVIEWER,
    "revise": CHAIR_AND_REVIEWER,
    "withdrawn": {"chair"},
}


@pytest.mark.parametrize("state", SEE_CONTENTS)
@pytest.mark.parametrize("role", ROLES)
def test_who_sees_a_papers_contents(people, paper, role, state):
    set_state(paper, state)
    reason = permissions.why_not_see_paper_contents(people[role], paper)
    assert (reason is None) == (role in SEE_CONTENTS[state])
    assert permissions.can_see_paper_contents(people[role], paper) == (reason is None)


def test_a_chair_who_wrote_the_paper_sees_it_as_an_author_only(paper, chair):
    paper.created_by = chair
    paper.save(update_fields=["created_by"])
    assert permissions.why_not_see_paper_contents(chair, paper) is not None
    with translation.override("en"):
        assert permissions.why_not_decide(chair, paper) == "You are an author of this paper: another chair decides on it."


WRITE = [
    # state, the review so far, moment, may write
    ("submitted", None, "before", True),
    ("submitted", None, "after", True),          # a first review may come late
    ("submitted", "draft", "after", True),       # and so may a draft
    ("submitted", "submitted", "before", True),  # a submitted review changes until the deadline
    ("submitted", "submitted", "after", False),
    ("accepted", None, "before", False),         # nothing changes once the paper leaves review
    ("withdrawn", None, "before", False),
]


@pytest.mark.parametrize(("state", "so_far", "moment", "allowed"), WRITE)
def test_the_assigned_reviewer_writes_until_the_deadline(paper, reviewer, state, so_far, moment, allowed):
    deadline = timezone.now() + datetime.timedelta(days=3)
    paper.panel.review_deadline = deadline
    paper.panel.save(update_fields=["review_deadline"])
    review = {"draft": draft_review, "submitted": submit_review}[so_far](paper, reviewer) if so_far else None
    set_state(paper, state)
    now = deadline + datetime.timedelta(seconds=1 if moment == "after" else -60)
    assert permissions.can_write_review(reviewer, paper, review, now=now) == allowed


@pytest.mark.parametrize("role", ROLES)
def test_only_the_assigned_reviewer_writes_a_review(people, paper, role):
    assert permissions.can_write_review(people[role], paper) == (role == "reviewer")


@pytest.mark.parametrize("own", [None, "draft", "submitted"])
@pytest.mark.parametrize("role", ROLES)
def test_other_reviews_and_the_discussion_open_to_a_reviewer_once_theirs_is_in(people, paper, role, own):
    review = None
    if own and role == "reviewer":
        review = {"draft": draft_review, "submitted": submit_review}[own](paper, people[role])
    allowed = role == "chair" or (role == "reviewer" and own == "submitted")
    assert permissions.can_read_other_reviews(people[role], paper, review) == allowed
    assert (permissions.why_not_join_discussion(people[role], paper, review) is None) == allowed


@pytest.mark.parametrize("double_blind", [True, False])
@pytest.mark.parametrize("role", ROLES)
def test_who_sees_the_authors_names(people, paper, role, double_blind):
    paper.panel.double_blind = double_blind
    paper.panel.save(update_fields=["blind_mode"])
    allowed = role in {"author", "coauthor", "chair"} or (role == "reviewer" and not double_blind)
    assert permissions.can_see_author_identities(people[role], paper) == allowed


@pytest.mark.parametrize("role", ROLES)
def test_a_reviews_history_is_its_writers_and_the_chairs(people, paper, reviewer, role):
    review = draft_review(paper, reviewer)
    assert permissions.can_read_review_history(people[role], review) == (role in CHAIR_AND_REVIEWER)


def test_the_review_page_asks_whether_the_user_reviews_the_paper_once(paper, reviewer, django_assert_num_queries):
    with django_assert_num_queries(1):
        for _ in range(5):
            assert permissions.reviews_paper(reviewer, paper)

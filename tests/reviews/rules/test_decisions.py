"""reviews/permissions/decisions.py as tables: role × paper state."""

import pytest

from reviews import permissions
from tests.access.matrix import ROLES
from tests.reviews.rules.conftest import set_state

STATES = ["draft", "submitted", "accepted", "rejected", "revise", "withdrawn"]


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_the_panels_chairs_decide_while_the_paper_is_in_review(people, paper, role, state):
    set_state(paper, state)
    assert permissions.can_decide(people[role], paper) == (role == "chair" and state == "submitted")


@pytest.mark.parametrize("role", ROLES)
def test_the_panels_chairs_chair_its_reviewing(people, panel, role):
    assert (permissions.why_not_chair_reviewing(people[role], panel) is None) == (role == "chair")


@pytest.mark.parametrize("role", ROLES)
def test_the_authors_and_chairs_read_the_authors_decision_page(people, paper, role):
    assert permissions.can_read_decision_as_author(people[role], paper) == (role in {"author", "coauthor", "chair"})

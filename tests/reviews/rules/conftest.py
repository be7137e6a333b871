"""The cast of the rule tables: every role of tests/conftest.py, and anonymous."""

import pytest
from django.contrib.auth.models import AnonymousUser


@pytest.fixture
def people(author, coauthor, other_author, reviewer, unassigned_reviewer, conflicted_reviewer, chair, other_chair,
           organiser, staff):
    return {
        "anonymous": AnonymousUser(), "author": author, "coauthor": coauthor, "other_author": other_author,
        "reviewer": reviewer, "unassigned_reviewer": unassigned_reviewer, "conflicted_reviewer": conflicted_reviewer,
        "chair": chair, "other_chair": other_chair, "organiser": organiser, "staff": staff,
    }


def set_state(paper, state):
    paper.state = state
    paper.save(update_fields=["state"])
    return paper

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from portal.management.commands.check_invariants import invariant_modules
from reviews.models import Conflict
from tests.factories import AssignmentFactory, ConflictFactory

pytestmark = pytest.mark.django_db


def test_the_check_finds_the_invariants_of_every_app_that_has_some():
    """Found, not named by the core: each installed app with an `invariants` module, bottom layer first."""
    assert list(invariant_modules()) == ["portal", "submissions", "reviews"]


def test_invariants_hold_for_the_usual_cast(paper, reviewer, conflicted_reviewer, capsys):
    call_command("check_invariants")
    assert "All invariants hold" in capsys.readouterr().out


def test_a_reviewer_assigned_despite_a_conflict_breaks_an_invariant(paper, conflicted_reviewer):
    AssignmentFactory(submission=paper, reviewer=conflicted_reviewer)
    with pytest.raises(CommandError):
        call_command("check_invariants")


def test_a_lifted_conflict_no_longer_blocks(paper, reviewer):
    ConflictFactory(submission=paper, reviewer=reviewer, source=Conflict.Source.AFFILIATION,
                    lifted_by=None, lifted_at="2026-01-01T00:00:00Z")
    call_command("check_invariants")


def test_a_withdrawn_paper_with_a_decision_breaks_an_invariant(paper):
    paper.withdrawn_at = paper.submitted_at
    paper.state = paper.State.ACCEPTED
    paper.save()
    with pytest.raises(CommandError):
        call_command("check_invariants")


def test_a_withdrawn_paper_without_its_withdrawal_time_breaks_an_invariant(paper):
    paper.state = paper.State.WITHDRAWN
    paper.save()
    with pytest.raises(CommandError):
        call_command("check_invariants")


def test_a_paper_version_without_a_checksum_breaks_an_invariant(paper):
    from tests.factories import PaperFileFactory

    PaperFileFactory(submission=paper, sha256="")
    with pytest.raises(CommandError):
        call_command("check_invariants")

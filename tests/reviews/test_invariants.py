import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from reviews.models import Review, Score
from reviews.services.decisions import decision_set, decisions_release
from submissions.models import Submission
from tests import factories
from tests.reviews.reviewing_factories import submit_review

pytestmark = pytest.mark.django_db


def test_invariants_hold_after_reviewing_deciding_and_releasing(panel, paper, reviewer, chair, capsys):
    submit_review(paper, reviewer, overall=2)
    decision_set(submission=paper, outcome="accept", by=chair)
    decisions_release(panel=panel, by=chair)
    call_command("check_invariants")
    assert "All invariants hold" in capsys.readouterr().out


def test_an_overall_column_out_of_step_with_its_score_breaks_an_invariant(paper, reviewer):
    review = submit_review(paper, reviewer, overall=2)
    Review.objects.filter(pk=review.pk).update(overall=-3)
    with pytest.raises(CommandError):
        call_command("check_invariants")


def test_a_paper_accepted_without_a_released_decision_breaks_an_invariant(panel):
    factories.SubmissionFactory(panel=panel, state=Submission.State.ACCEPTED)
    with pytest.raises(CommandError):
        call_command("check_invariants")


def test_a_review_on_another_panels_form_breaks_an_invariant(paper, reviewer, other_chair):
    from portal.models import Panel
    from reviews.services.review_forms import review_form_ensure

    review = submit_review(paper, reviewer)
    other_form = review_form_ensure(panel=Panel.objects.exclude(pk=paper.panel_id).first())
    Score.objects.filter(review=review).delete()
    Review.objects.filter(pk=review.pk).update(form=other_form)
    with pytest.raises(CommandError):
        call_command("check_invariants")

"""The one door of state changes: portal.workflow.transition."""

import pytest
from django.utils import translation

from portal.models import AuditEvent
from portal.refusals import Refused
from portal.workflow import TransitionNotAllowed, transition
from submissions.models import Submission
from submissions.services import TRANSITIONS


@pytest.mark.parametrize("language", ["en", "pt-br", "es"])
def test_a_refused_transition_names_both_states_in_the_users_language(paper, author, language):
    paper.state = Submission.State.WITHDRAWN
    paper.save(update_fields=["state"])
    with translation.override(language), pytest.raises(TransitionNotAllowed) as refused:
        transition(paper, to=Submission.State.SUBMITTED, by=author, allowed=TRANSITIONS)
    with translation.override(language):
        withdrawn, submitted = str(Submission.State.WITHDRAWN.label), str(Submission.State.SUBMITTED.label)
    message = str(refused.value)
    assert withdrawn in message and submitted in message
    if language != "en":
        assert "withdrawn" not in message and "submitted" not in message
    assert isinstance(refused.value, Refused)
    assert not AuditEvent.objects.filter(action="submission.submitted", target_id=paper.pk).exists()


def test_audit_records_written_under_the_old_names_read_in_the_one_scheme(panel, chair):
    """reviews/migrations/0005_audit_action_names, run on records as the old code wrote them, and back."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("reviews.migrations.0005_audit_action_names")
    old = ["review.submit", "decisions.release", "reviewerinvitation.accepted", "assignmentproposal.ready",
           "submission.submitted"]
    for action in old:
        AuditEvent.objects.create(action=action, actor=chair, panel=panel, target_type_id=1, target_id=1)
    migration.forwards(apps, None)
    assert sorted(AuditEvent.objects.values_list("action", flat=True)) == sorted([
        "review.submitted", "decisions.released", "invitation.accepted", "proposal.ready", "submission.submitted",
    ])
    migration.backwards(apps, None)
    assert sorted(AuditEvent.objects.values_list("action", flat=True)) == sorted(old)

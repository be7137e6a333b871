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

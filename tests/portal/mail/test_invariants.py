import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from portal.models import MailBatch, OutboundMail

pytestmark = pytest.mark.django_db
State = OutboundMail.State


def row(**fields):
    defaults = {"to_email": "ana@example.org", "template": "t", "subject": "s", "body_text": "b"}
    return OutboundMail.objects.create(**{**defaults, **fields})


@pytest.mark.parametrize("fields", [
    {"state": State.FAILED, "last_error": ""},
    {"state": State.SENDING, "claimed_at": None},
    {"state": State.SENT, "sent_at": "2026-01-01T00:00Z", "attempts": 0},
    {"state": State.QUEUED, "sent_at": "2026-01-01T00:00Z"},
    {"to_email": "ana@example.org, bruno@example.org"},
], ids=["failed without error", "sending unclaimed", "sent unattempted", "queued with sent time", "two recipients"])
def test_an_outbox_row_out_of_shape_breaks_an_invariant(fields):
    row(**fields)
    with pytest.raises(CommandError):
        call_command("check_invariants")


def test_a_batch_missing_some_of_its_rows_breaks_an_invariant():
    batch = MailBatch.objects.create(template="t", description="d", size=2)
    row(batch=batch)
    with pytest.raises(CommandError):
        call_command("check_invariants")


def test_a_well_kept_outbox_keeps_the_invariants(capsys):
    batch = MailBatch.objects.create(template="t", description="d", size=2)
    row(batch=batch, state=State.SENT, sent_at="2026-01-01T00:00Z", attempts=1)
    row(batch=batch, state=State.FAILED, attempts=1, last_error="SMTPDataError: 554")
    call_command("check_invariants")
    assert "All invariants hold" in capsys.readouterr().out

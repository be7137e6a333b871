"""The mail services check their own rule, whoever calls them (a view, a
task, a command): only a panel's chairs word its mails, only its chairs and
staff send a batch's failed mails again."""

import pytest
from django.contrib.auth.models import AnonymousUser

from portal.mail.services import batch_resend_failed, panel_wording_restore, panel_wording_save
from portal.models import AuditEvent, MailBatch, MailTemplateOverride, OutboundMail
from portal.refusals import Refused

pytestmark = pytest.mark.django_db
WORDING = {"template": "decision", "subject": "Decision on {title}", "body": "Dear {author_name}"}


@pytest.fixture
def failed_batch(panel, chair):
    batch = MailBatch.objects.create(panel=panel, template="panel_message", description="News", created_by=chair,
                                     size=1)
    OutboundMail.objects.create(to_email="author@example.org", template="panel_message", panel=panel, batch=batch,
                                subject="News", body_text="Text", state=OutboundMail.State.FAILED, attempts=8)
    return batch


@pytest.fixture(params=["other_chair", "author", "staff", "anonymous"])
def not_a_chair_of_the_panel(request):
    return AnonymousUser() if request.param == "anonymous" else request.getfixturevalue(request.param)


def test_a_chair_saves_and_restores_the_panels_wording(panel, chair):
    panel_wording_save(panel=panel, by=chair, **WORDING)
    assert MailTemplateOverride.objects.filter(panel=panel, template="decision").exists()
    assert panel_wording_restore(panel=panel, template="decision", by=chair)
    assert not MailTemplateOverride.objects.exists()


def test_only_the_panels_chairs_may_save_its_wording(panel, not_a_chair_of_the_panel):
    with pytest.raises(Refused, match="Only the chairs of this panel"):
        panel_wording_save(panel=panel, by=not_a_chair_of_the_panel, **WORDING)
    assert not MailTemplateOverride.objects.exists() and not AuditEvent.objects.exists()


def test_only_the_panels_chairs_may_restore_its_standard_mail(panel, not_a_chair_of_the_panel):
    MailTemplateOverride.objects.create(panel=panel, template="decision", subject="Mine", body="Mine")
    with pytest.raises(Refused, match="Only the chairs of this panel"):
        panel_wording_restore(panel=panel, template="decision", by=not_a_chair_of_the_panel)
    assert MailTemplateOverride.objects.filter(panel=panel).exists()


@pytest.mark.parametrize("who", ["other_chair", "author", "anonymous"])
def test_only_the_panels_chairs_and_staff_may_send_a_batchs_failed_mails_again(request, failed_batch, who):
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    with pytest.raises(Refused, match="Only the chairs of the panel this mail was sent for"):
        batch_resend_failed(batch=failed_batch, by=user)
    assert failed_batch.mails.get().state == OutboundMail.State.FAILED


@pytest.mark.parametrize("who", ["chair", "staff"])
def test_the_panels_chairs_and_staff_send_a_batchs_failed_mails_again(request, failed_batch, who):
    assert batch_resend_failed(batch=failed_batch, by=request.getfixturevalue(who)) == 1
    assert failed_batch.mails.get().attempts == 0

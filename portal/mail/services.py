"""Writes behind the mail pages: a panel's own wording of a mail, and sending
a batch's failed mails again. Each checks its rule (portal.permissions)
inside its transaction and raises portal.refusals.Refused."""

from django.db import transaction
from django.utils import timezone

from portal.mail.delivery import outbox_retry_failed
from portal.mail.tasks import dispatch_many
from portal.models import MailBatch, MailTemplateOverride, Panel
from portal.permissions import why_not_follow_batch, why_not_mail_panel
from portal.refusals import refuse_if
from portal.workflow import audit_record


def panel_wording_save(*, panel: Panel, template: str, subject: str, body: str, by) -> MailTemplateOverride:
    with transaction.atomic():
        refuse_if(why_not_mail_panel(by, panel))
        wording, created = MailTemplateOverride.objects.update_or_create(
            panel=panel, template=template,
            defaults={"subject": subject, "body": body, "updated_by": by, "updated_at": timezone.now()},
        )
        audit_record(action="mail_wording.saved", target=wording, by=by, panel=panel,
                     data={"template": template, "created": created})
    return wording


def panel_wording_restore(*, panel: Panel, template: str, by) -> bool:
    """Back to the standard mail. False when the panel had no wording of its own."""
    with transaction.atomic():
        refuse_if(why_not_mail_panel(by, panel))
        wording = MailTemplateOverride.objects.filter(panel=panel, template=template).first()
        if wording is None:
            return False
        audit_record(action="mail_wording.restored", target=panel, by=by, panel=panel,
                     data={"template": template, "subject": wording.subject, "body": wording.body})
        wording.delete()
    return True


def batch_resend_failed(*, batch: MailBatch, by) -> int:
    """Queue a batch's failed mails again with fresh attempts; how many."""
    with transaction.atomic():
        refuse_if(why_not_follow_batch(by, batch))
        ids = outbox_retry_failed(batch.mails.all())
        if ids:
            audit_record(action="mail_batch.resent", target=batch, by=by, panel=batch.panel,
                         data={"mails": len(ids)})
            transaction.on_commit(lambda: dispatch_many(ids))
    return len(ids)

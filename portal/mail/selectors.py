"""Reads behind the mail pages, each in a fixed number of queries, and the
one place their views fetch a panel or a batch: 404 for someone who may not
know it exists, 403 (Refused, with the rule's message) for the rest."""

from django.db.models import Count
from django.http import Http404

from portal.mail.queue import compose
from portal.mail.wording import EDITABLE_MAILS
from portal.models import MailBatch, MailTemplateOverride, OutboundMail, Panel
from portal.permissions import is_chair, why_not_follow_batch, why_not_mail_panel, why_not_view_outbox
from portal.refusals import refuse_if

State = OutboundMail.State


def panel_to_mail(user, conference_slug: str, panel_slug: str) -> Panel:
    """The panel named in a URL, for one of its chairs. A published panel is
    public (its call is), so anyone else gets 403; an unpublished one is
    known only to its chairs: 404 for the rest, as for an unknown panel."""
    panel = (
        Panel.objects.select_related("conference")
        .filter(conference__slug=conference_slug, slug=panel_slug).first()
    )
    if panel is None or (not panel.is_published and not is_chair(user, panel)):
        raise Http404
    refuse_if(why_not_mail_panel(user, panel))
    return panel


def batch_to_follow(user, code) -> MailBatch:
    """The batch named in a URL, for its panel's chairs and staff: 404 if
    unknown, 403 for anyone else (its code names nothing of the panel)."""
    batch = MailBatch.objects.select_related("panel__conference", "created_by").filter(code=code).first()
    if batch is None:
        raise Http404
    refuse_if(why_not_follow_batch(user, batch))
    return batch


def outbox_for(user, *, state: str = "", recipient: str = "", panel: Panel | None = None):
    """Every mail of the portal, newest first, for staff; 403 for anyone else."""
    refuse_if(why_not_view_outbox(user))
    return outbox_rows(state=state, recipient=recipient, panel=panel)


def outbox_row_for(user, code) -> OutboundMail:
    """One mail of the outbox, for staff: 403 for anyone else, whatever the code; 404 if unknown."""
    refuse_if(why_not_view_outbox(user))
    mail = OutboundMail.objects.select_related("panel", "batch", "to_user").filter(code=code).first()
    if mail is None:
        raise Http404
    return mail


def batch_progress(batch: MailBatch) -> dict:
    counts = dict.fromkeys(State.values, 0)
    counts.update(batch.mails.values_list("state").annotate(n=Count("id")).order_by())
    total = sum(counts.values())
    done = counts[State.SENT] + counts[State.FAILED]
    return {
        "counts": counts,
        "total": total,
        "finished": done == total,
        "percent_sent": round(100 * counts[State.SENT] / total) if total else 100,
        "percent_failed": round(100 * counts[State.FAILED] / total) if total else 0,
    }


def outbox_rows(*, state: str = "", recipient: str = "", panel: Panel | None = None, batch=None):
    rows = OutboundMail.objects.select_related("panel").defer("body_text", "body_html")
    if state:
        rows = rows.filter(state=state)
    if recipient:
        rows = rows.filter(to_email__icontains=recipient.strip())
    if panel is not None:
        rows = rows.filter(panel=panel)
    if batch is not None:
        rows = rows.filter(batch=batch)
    return rows.order_by("-created_at", "-id")


def panel_wording_preview(*, panel: Panel, template: str, subject: str, body: str, viewer) -> OutboundMail:
    """The mail as `viewer` would receive it with this wording and sample values."""
    chairs = ", ".join(link.user.display_name for link in panel.panel_chairs.select_related("user"))
    values = EDITABLE_MAILS[template].preview_values(panel=panel, chair_names=chairs)
    return compose(
        to=viewer, template=template, panel=panel, context={"placeholders": values},
        wording=MailTemplateOverride(panel=panel, template=template, subject=subject, body=body),
    )

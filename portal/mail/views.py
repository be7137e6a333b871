"""Pages around the outbox: staff's view of every mail, a batch's progress,
and the wording of a panel's mails. Each fetches its object through a helper
of portal.mail.selectors (404 or 403); the services check their own rule."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _, ngettext
from django.views.decorators.http import require_POST

from portal.mail import services
from portal.mail.forms import OutboxFilterForm, PlaceholderTextForm
from portal.mail.selectors import (
    batch_progress, batch_to_follow, outbox_for, outbox_row_for, outbox_rows, panel_to_mail, panel_wording_preview,
)
from portal.mail.wording import EDITABLE_MAILS, EditableMail
from portal.models import MailTemplateOverride, OutboundMail
from portal.refusals import Refused


@login_required
def outbox(request):
    form = OutboxFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = outbox_for(request.user, state=filters.get("state", ""), recipient=filters.get("recipient", ""),
                      panel=filters.get("panel"))
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "portal/mail/outbox.html", {"form": form, "page": page, "query": query.urlencode()})


@login_required
def outbox_row(request, code):
    return render(request, "portal/mail/outbox_row.html", {"mail": outbox_row_for(request.user, code)})


@login_required
def batch(request, code):
    batch = batch_to_follow(request.user, code)
    progress = batch_progress(batch)
    if request.headers.get("HX-Request"):
        return render(request, "portal/mail/_batch_progress.html", {"batch": batch, "progress": progress})
    state = request.GET.get("state", "")
    if state not in OutboundMail.State.values:
        state = ""
    page = Paginator(outbox_rows(batch=batch, state=state), 100).get_page(request.GET.get("page"))
    return render(request, "portal/mail/batch.html", {
        "batch": batch, "progress": progress, "page": page, "state": state,
        "states": OutboundMail.State.choices, "query": f"state={state}" if state else "",
    })


@login_required
@require_POST
def batch_resend(request, code):
    batch = batch_to_follow(request.user, code)
    try:
        count = services.batch_resend_failed(batch=batch, by=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
        return redirect("mail:batch", code=batch.code)
    if count:
        messages.success(request, ngettext(
            "%(count)s failed mail was queued again.", "%(count)s failed mails were queued again.", count,
        ) % {"count": count})
    else:
        messages.info(request, _("No mail of this batch has failed."))
    return redirect("mail:batch", code=batch.code)


@login_required
def panel_wordings(request, conference_slug, panel_slug):
    panel = panel_to_mail(request.user, conference_slug, panel_slug)
    wordings = {wording.template: wording for wording in panel.mail_overrides.select_related("updated_by")}
    return render(request, "portal/mail/panel_wordings.html", {
        "panel": panel,
        "mails": [(mail, wordings.get(mail.name)) for mail in EDITABLE_MAILS.values()],
    })


@login_required
def panel_wording(request, conference_slug, panel_slug, template):
    panel = panel_to_mail(request.user, conference_slug, panel_slug)
    editable = EDITABLE_MAILS.get(template)
    if editable is None:
        raise Http404
    current = MailTemplateOverride.objects.filter(panel=panel, template=template).first()
    preview = None
    if request.method != "POST":
        initial = {"subject": current.subject, "body": current.body} if current else {
            "subject": str(editable.starting_subject), "body": str(editable.starting_body),
        }
        form = PlaceholderTextForm(initial=initial, placeholders=editable.placeholders)
    else:
        form = PlaceholderTextForm(request.POST, placeholders=editable.placeholders)
        if form.is_valid():
            if request.POST.get("action") == "save" and _save_previewed_wording(request, form, panel, editable):
                return redirect("mail:panel_wordings", conference_slug=conference_slug, panel_slug=panel_slug)
            preview = panel_wording_preview(panel=panel, template=template, subject=form.cleaned_data["subject"],
                                            body=form.cleaned_data["body"], viewer=request.user)
            form.mark_previewed()
    return render(request, "portal/mail/panel_wording.html", {
        "panel": panel, "editable": editable, "current": current, "form": form, "preview": preview,
        "placeholders": editable.help(),
    })


def _save_previewed_wording(request, form, panel, editable: EditableMail) -> bool:
    """Save the wording if it is the text that was previewed; False, with the
    reason in a message, when it was not saved and is to be previewed again."""
    if not form.was_previewed():
        messages.warning(request, _("The text changed since its preview: check the preview below, then save."))
        return False
    try:
        services.panel_wording_save(panel=panel, template=editable.name, subject=form.cleaned_data["subject"],
                                    body=form.cleaned_data["body"], by=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
        return False
    messages.success(request, _("The panel's wording of “%(mail)s” was saved.") % {"mail": editable.label})
    return True


@login_required
@require_POST
def panel_wording_restore(request, conference_slug, panel_slug, template):
    panel = panel_to_mail(request.user, conference_slug, panel_slug)
    if template not in EDITABLE_MAILS:
        raise Http404
    try:
        if services.panel_wording_restore(panel=panel, template=template, by=request.user):
            messages.success(request, _("The standard mail is used again."))
    except Refused as refusal:
        messages.error(request, refusal.message)
    return redirect("mail:panel_wordings", conference_slug=conference_slug, panel_slug=panel_slug)

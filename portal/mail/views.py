"""Pages around the outbox: staff's view of every mail, a batch's progress,
and the wording of a panel's mails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _, ngettext
from django.views.decorators.http import require_POST

from portal.mail import services
from portal.mail.forms import OutboxFilterForm, PlaceholderTextForm
from portal.mail.selectors import (
    batch_progress, batch_to_follow, outbox_rows, panel_to_mail, panel_wording_preview,
)
from portal.mail.wording import EDITABLE_MAILS
from portal.models import MailTemplateOverride, OutboundMail
from portal.permissions import can_view_outbox


def _staff_only(user):
    if not can_view_outbox(user):
        raise PermissionDenied(_("Only the portal's staff see the outbox."))


@login_required
def outbox(request):
    _staff_only(request.user)
    form = OutboxFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = outbox_rows(state=filters.get("state", ""), recipient=filters.get("recipient", ""),
                       panel=filters.get("panel"))
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "portal/mail/outbox.html", {"form": form, "page": page, "query": query.urlencode()})


@login_required
def outbox_row(request, code):
    _staff_only(request.user)
    mail = get_object_or_404(OutboundMail.objects.select_related("panel", "batch", "to_user"), code=code)
    return render(request, "portal/mail/outbox_row.html", {"mail": mail})


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


@require_POST
@login_required
def batch_resend(request, code):
    batch = batch_to_follow(request.user, code)
    count = services.batch_resend_failed(batch=batch, by=request.user)
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
            if request.POST.get("action") == "save":
                if form.was_previewed():
                    services.panel_wording_save(
                        panel=panel, template=template, subject=form.cleaned_data["subject"],
                        body=form.cleaned_data["body"], by=request.user,
                    )
                    messages.success(request, _("The panel's wording of “%(mail)s” was saved.") % {"mail": editable.label})
                    return redirect("mail:panel_wordings", conference_slug=conference_slug, panel_slug=panel_slug)
                messages.warning(request, _("The text changed since its preview: check the preview below, then save."))
            preview = panel_wording_preview(panel=panel, template=template, subject=form.cleaned_data["subject"],
                                            body=form.cleaned_data["body"], viewer=request.user)
            form.mark_previewed()
    return render(request, "portal/mail/panel_wording.html", {
        "panel": panel, "editable": editable, "current": current, "form": form, "preview": preview,
        "placeholders": editable.help(),
    })


@require_POST
@login_required
def panel_wording_restore(request, conference_slug, panel_slug, template):
    panel = panel_to_mail(request.user, conference_slug, panel_slug)
    if template not in EDITABLE_MAILS:
        raise Http404
    if services.panel_wording_restore(panel=panel, template=template, by=request.user):
        messages.success(request, _("The standard mail is used again."))
    return redirect("mail:panel_wordings", conference_slug=conference_slug, panel_slug=panel_slug)

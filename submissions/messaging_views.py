from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _, ngettext

from portal.mail.selectors import panel_to_mail
from submissions import messaging
from submissions.mails import AUTHOR_MESSAGE
from submissions.messaging_forms import AuthorMessageForm

PREVIEW_LIMIT = 100


@login_required
def message_authors(request, conference_slug, panel_slug):
    """Write, preview per recipient, then send a message to the panel's authors."""
    panel = panel_to_mail(request.user, conference_slug, panel_slug)
    form = AuthorMessageForm(request.POST or None)
    count, previews = None, None
    if request.method == "POST" and form.is_valid():
        message = {name: form.cleaned_data[name] for name in ("subject", "body", "states")}
        if request.POST.get("action") == "send":
            if form.was_previewed():
                batch = messaging.panel_authors_message(panel=panel, by=request.user, **message)
                if batch is None:
                    messages.warning(request, _("No paper of this panel is in the states you chose: nothing was sent."))
                    return redirect("submissions:message_authors", conference_slug=conference_slug,
                                    panel_slug=panel_slug)
                messages.success(request, ngettext(
                    "Your message is being sent to %(count)s author.",
                    "Your message is being sent to %(count)s authors.", batch.size,
                ) % {"count": batch.size})
                return redirect("mail:batch", code=batch.code)
            messages.warning(request, _("The message changed since its preview: check the preview below, then send."))
        count, previews = messaging.author_message_preview(panel=panel, limit=PREVIEW_LIMIT, **message)
        form.mark_previewed()
    return render(request, "submissions/messaging/message_authors.html", {
        "panel": panel, "form": form, "count": count, "previews": previews, "preview_limit": PREVIEW_LIMIT,
        "placeholders": AUTHOR_MESSAGE.help(),
    })

"""The reviewer pool: the chairs' panel home, pool and invitations; the
invitee's answer; a reviewer's expertise."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from allauth.account.adapter import get_adapter

from portal.models import Panel
from portal.permissions import chaired_panel_ids
from portal.refusals import Refused
from reviews import permissions
from reviews.forms.pool import ExpertiseForm, InviteForm
from reviews.selectors.pool import invitations_of, panel_summary, pool_of, reviewer_panels
from reviews.services import pool as services
from reviews.lookups import invitation_of, panel_for_chair, panel_for_reviewer, pool_member
from reviews.views.common import panel_url_kwargs


@login_required
def chair_panels(request):
    panels = Panel.objects.filter(pk__in=chaired_panel_ids(request.user)).select_related("conference")
    return render(request, "reviews/chair_panels.html", {"panels": panels})


@login_required
def my_panels(request):
    roles = list(reviewer_panels(request.user))
    for role in roles:
        role.bidding_open = permissions.bidding_is_open(role.panel)
    return render(request, "reviews/my_panels.html", {"roles": roles})


@login_required
def panel_home(request, conference, panel):
    panel = panel_for_chair(request.user, conference, panel)
    return render(request, "reviews/panel_home.html", {
        "panel": panel, "summary": panel_summary(panel), "bidding_open": permissions.bidding_is_open(panel),
    })


@login_required
def pool(request, conference, panel):
    panel = panel_for_chair(request.user, conference, panel)
    return render(request, "reviews/pool.html", {"panel": panel, "reviewers": pool_of(panel)})


@login_required
@require_POST
def reviewer_remove(request, conference, panel, code):
    panel = panel_for_chair(request.user, conference, panel)
    reviewer = pool_member(panel, code)
    services.reviewer_remove(reviewer=reviewer, by=request.user)
    messages.success(request, _("%(name)s is no longer in the pool.") % {"name": reviewer.user.display_name})
    return redirect("reviews:pool", **panel_url_kwargs(panel))


@login_required
def invitations(request, conference, panel):
    panel = panel_for_chair(request.user, conference, panel)
    form = InviteForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        report = services.invitations_send(panel=panel, invitees=form.cleaned_data["invitees"], by=request.user)
        if report.sent:
            messages.success(request, ngettext("%(count)d invitation was sent.", "%(count)d invitations were sent.",
                                               len(report.sent)) % {"count": len(report.sent)})
        for invitee, reason in report.skipped:
            messages.info(request, _("%(email)s was not invited: %(reason)s.") % {"email": invitee.email, "reason": reason})
        return redirect("reviews:invitations", **panel_url_kwargs(panel))
    return render(request, "reviews/invitations.html", {
        "panel": panel, "form": form, "invitations": invitations_of(panel),
    })


@login_required
@require_POST
def invitation_resend(request, conference, panel, code):
    panel = panel_for_chair(request.user, conference, panel)
    invitation = invitation_of(panel, code)
    services.invitation_resend(invitation=invitation, by=request.user)
    messages.success(request, _("The invitation was sent again to %(email)s.") % {"email": invitation.email})
    return redirect("reviews:invitations", **panel_url_kwargs(panel))


def _invitation_or_error(request, token):
    try:
        return services.invitation_from_token(token), None
    except services.InvitationLinkError as error:
        return None, render(request, "reviews/invitation_invalid.html", {"message": str(error)}, status=404)


def invitation(request, token):
    """The page the invitation's link opens: who invites, to what, and the two answers."""
    invitation, error = _invitation_or_error(request, token)
    if error:
        return error
    if not request.user.is_authenticated and permissions.can_answer_invitation(invitation):
        # Holding the link proves the address: signing up with it needs no second confirmation.
        get_adapter(request).stash_verified_email(request, invitation.email)
    here = request.get_full_path()
    return render(request, "reviews/invitation.html", {
        "invitation": invitation,
        "token": token,
        "chairs": services.chair_names(invitation.panel),
        "why_not_answer": permissions.why_not_answer_invitation(invitation),
        "signup_url": f"{reverse('account_signup')}?{urlencode({'email': invitation.email, 'next': here})}",
        "login_url": f"{reverse('account_login')}?{urlencode({'next': here})}",
    })


@login_required
@require_POST
def invitation_accept(request, token):
    invitation, error = _invitation_or_error(request, token)
    if error:
        return error
    try:
        reviewer = services.invitation_accept(invitation=invitation, by=request.user)
    except Refused as refusal:
        messages.info(request, str(refusal))
        return redirect("reviews:my_panels")
    messages.success(request, _("Welcome to the reviewers of “%(panel)s”. Tell the chairs what you can review.")
                     % {"panel": reviewer.panel.title})
    return redirect("reviews:expertise", **panel_url_kwargs(invitation.panel))


def invitation_decline(request, token):
    """Declining needs no account: the link is enough."""
    invitation, error = _invitation_or_error(request, token)
    if error:
        return error
    if request.method == "POST":
        try:
            services.invitation_decline(invitation=invitation, by=request.user)
        except Refused:
            pass  # the page below says why
        else:
            return render(request, "reviews/invitation_declined.html", {"invitation": invitation})
    return render(request, "reviews/invitation_decline.html", {
        "invitation": invitation, "token": token, "why_not_answer": permissions.why_not_answer_invitation(invitation),
    })


@login_required
def expertise(request, conference, panel):
    panel, reviewer = panel_for_reviewer(request.user, conference, panel)
    form = ExpertiseForm(request.POST or None, instance=reviewer)
    if request.method == "POST" and form.is_valid():
        services.reviewer_expertise_update(
            reviewer=reviewer, by=request.user, topics=form.cleaned_data["topics"], keywords=form.cleaned_data["keywords"],
            expertise=form.cleaned_data["expertise"], max_load=form.cleaned_data["max_load"],
        )
        messages.success(request, _("Your expertise was saved."))
        return redirect("reviews:expertise", **panel_url_kwargs(panel))
    return render(request, "reviews/expertise.html", {
        "panel": panel, "form": form, "bidding_open": permissions.bidding_is_open(panel),
    })

"""The organisers' pages: their conferences, a conference's panels and
people, and the invitations to a role."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from calls import permissions, phases, selectors
from calls.forms.conferences import ConferenceForm, PanelCreateForm, PersonForm
from calls.services import conferences as services
from calls.services.conferences import panel_kwargs
from portal.refusals import Refused


@login_required
def organise(request):
    """Every conference the user organises and every panel they follow."""
    panels = list(selectors.followed_panels(request.user))
    return render(request, "calls/organise.html", {
        "conferences": selectors.organised_conferences(request.user),
        "rows": phases.phase_rows(panels),
        "may_create": permissions.can_create_conference(request.user),
    })


@login_required
def conference_create(request):
    if why := permissions.why_not_create_conference(request.user):
        raise PermissionDenied(why)
    form = ConferenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conference = services.conference_create(by=request.user, **form.cleaned_data)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The conference was created. Add its panels next."))
            return redirect("calls:conference", conference=conference.slug)
    return render(request, "calls/conference_form.html", {"form": form, "conference": None})


@login_required
def conference(request, conference):
    conference = selectors.conference_for(request.user, conference)
    panels = list(selectors.conference_panels(conference))
    return render(request, "calls/conference.html", {
        "conference": conference, "rows": phases.phase_rows(panels),
        "organisers": conference.conference_organisers.select_related("user"),
        "invitations": selectors.pending_invitations(conference),
        "organiser_form": PersonForm(label=_("Add the organiser")),
    })


@login_required
def conference_edit(request, conference):
    conference = selectors.conference_for(request.user, conference)
    form = ConferenceForm(request.POST or None, instance=conference)
    if request.method == "POST" and form.is_valid():
        try:
            services.conference_update(conference=conference, by=request.user, **form.cleaned_data)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The conference was saved."))
            return redirect("calls:conference", conference=form.cleaned_data["slug"])
    return render(request, "calls/conference_form.html", {"form": form, "conference": conference})


@login_required
def panel_create(request, conference):
    conference = selectors.conference_for(request.user, conference)
    form = PanelCreateForm(request.POST or None, conference=conference)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            panel = services.panel_create(conference=conference, by=request.user, title=data["title"],
                                          slug=data["slug"], chair_emails=data["chairs"],
                                          call_language=data["call_language"])
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The panel was created as a draft; its chairs write the call."))
            return redirect("calls:panel_home", **panel_kwargs(panel))
    return render(request, "calls/panel_create.html", {"form": form, "conference": conference})


@login_required
@require_POST
def organiser_add(request, conference):
    conference = selectors.conference_for(request.user, conference)
    form = PersonForm(request.POST, label=_("Add the organiser"))
    if not form.is_valid():
        messages.error(request, _("“%(value)s” is not an email address.") % {"value": request.POST.get("email", "")})
        return redirect("calls:conference", conference=conference.slug)
    try:
        invitation = services.organiser_invite(conference=conference, email=form.cleaned_data["email"], by=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("An invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]}
                         if invitation else _("%(email)s is now an organiser.") % {"email": form.cleaned_data["email"]})
    return redirect("calls:conference", conference=conference.slug)


@login_required
@require_POST
def chair_add(request, conference, panel):
    panel = selectors.panel_for(request.user, conference, panel)
    if why := permissions.why_not_organise(request.user, panel.conference):
        raise PermissionDenied(why)
    form = PersonForm(request.POST, label=_("Name the chair"))
    if not form.is_valid():
        messages.error(request, _("“%(value)s” is not an email address.") % {"value": request.POST.get("email", "")})
        return redirect("calls:panel_home", **panel_kwargs(panel))
    try:
        invitation = services.chair_name(panel=panel, email=form.cleaned_data["email"], by=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("An invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]}
                         if invitation else _("%(email)s now chairs this panel.") % {"email": form.cleaned_data["email"]})
    return redirect("calls:panel_home", **panel_kwargs(panel))


@login_required
def invitation(request, code):
    """The invitation to organise or chair: accepted by the person it was sent to."""
    invitation = selectors.invitation_for(code)
    if request.method == "POST":
        # The page offers no button to whoever may not accept: a refusal here answers 403 with its reason.
        services.invitation_accept(invitation=invitation, by=request.user)
        messages.success(request, _("Welcome aboard: the invitation is accepted."))
        if invitation.panel_id:
            return redirect("calls:panel_home", **panel_kwargs(invitation.panel))
        return redirect("calls:conference", conference=invitation.conference.slug)
    return render(request, "calls/invitation.html", {
        "invitation": invitation, "why_not": permissions.why_not_accept_invitation(request.user, invitation),
    })

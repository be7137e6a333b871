"""The chairs' pages of a call: its home, the editor's parts, its states."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from calls import permissions, phases, selectors
from calls.forms.call import CallTextForm, DeadlinesForm, RulesForm, TopicForm, TranslationForm
from calls.forms.conferences import PersonForm
from calls.services import call as services
from calls.services import deadlines as deadline_services
from calls.services.conferences import panel_kwargs
from calls.services.rules import ConfirmationNeeded, rules_save
from portal.models import CallText, Panel, Topic
from portal.refusals import Refused


def _back(panel, name="calls:panel_home"):
    return redirect(name, **panel_kwargs(panel))


@login_required
def panel_home(request, conference, panel):
    """Where the panel stands, what comes next, and the way to each part of the call."""
    panel = selectors.panel_for(request.user, conference, panel)
    return render(request, "calls/panel_home.html", {
        "panel": panel, "row": phases.phase_rows([panel])[0], "phases": phases.PHASES,
        "may_edit": permissions.can_edit_call(request.user, panel),
        "may_organise": permissions.can_organise(request.user, panel.conference),
        "chair_form": PersonForm(label=_("Name the chair")),
        "invitations": selectors.pending_invitations(panel.conference).filter(panel=panel),
        "transitions": sorted(services.CALL_TRANSITIONS[panel.state]),
    })


def _save_form(request, panel, form, save, success):
    """Validate, call the service, and either go back to the panel's home or show the form again."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, success)
            return True
    return False


@login_required
def call_edit(request, conference, panel):
    panel = selectors.panel_for(request.user, conference, panel, edit=True)
    form = CallTextForm(request.POST or None, instance=Panel.objects.get(pk=panel.pk))
    if _save_form(request, panel, form, lambda form: services.call_text_save(
            panel=panel, by=request.user, **{name: form.cleaned_data[name] for name in CallTextForm.Meta.fields}),
            _("The call's text was saved.")):
        return _back(panel)
    return render(request, "calls/call_edit.html", {"panel": panel, "form": form})


@login_required
def translation_edit(request, conference, panel):
    panel = selectors.panel_for(request.user, conference, panel, edit=True)
    texts = list(CallText.objects.filter(panel=panel))
    language = request.GET.get("language") or request.POST.get("language")
    existing = next((text for text in texts if text.language == language), None)
    initial = {"language": language, "title": existing.title, "description": existing.description} if existing else {"language": language}
    form = TranslationForm(request.POST or None, panel=panel, initial=initial)
    if _save_form(request, panel, form, lambda form: services.call_translation_save(
            panel=panel, by=request.user, **form.cleaned_data), _("The call's version in this language was saved.")):
        return _back(panel)
    return render(request, "calls/translation_edit.html", {"panel": panel, "form": form, "texts": texts})


@login_required
def topics(request, conference, panel):
    panel = selectors.panel_for(request.user, conference, panel, edit=True)
    form = TopicForm(request.POST or None)
    if _save_form(request, panel, form, lambda form: services.topic_add(
            panel=panel, by=request.user, text=form.cleaned_data["text"]), _("The topic was added.")):
        return _back(panel, "calls:topics")
    return render(request, "calls/topics.html", {
        "panel": panel, "form": form, "topics": Topic.objects.filter(panel=panel).order_by("number"),
    })


def _topic(request, conference, panel, number):
    panel = selectors.panel_for(request.user, conference, panel, edit=True)
    return panel, get_object_or_404(Topic.objects.select_related("panel__conference"), panel=panel, number=number)


@login_required
@require_POST
def topic_change(request, conference, panel, number):
    """Rename, move up or down, retire or bring back one topic."""
    panel, topic = _topic(request, conference, panel, number)
    action = request.POST.get("action")
    try:
        if action == "rename":
            form = TopicForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("A topic needs a text."))
                return _back(panel, "calls:topics")
            services.topic_rename(topic=topic, by=request.user, text=form.cleaned_data["text"])
        elif action in ("up", "down"):
            services.topic_move(topic=topic, by=request.user, up=action == "up")
        elif action in ("retire", "restore"):
            services.topic_retire(topic=topic, by=request.user, retired=action == "retire")
        else:
            messages.error(request, _("Choose what to do with the topic."))
            return _back(panel, "calls:topics")
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The topics were saved."))
    return _back(panel, "calls:topics")


@login_required
def deadlines(request, conference, panel):
    """The deadlines; when the authors are to be told, the mail is shown before anything is saved."""
    panel = selectors.panel_for(request.user, conference, panel, edit=True)
    form = DeadlinesForm(request.POST or None, panel=panel)
    preview = None
    if request.method == "POST" and form.is_valid():
        values, data = form.deadlines(), form.cleaned_data
        if data["tell_authors"] and "confirm" not in request.POST:
            count, mails = deadline_services.deadlines_preview(panel=panel, values=values, note=data["note"])
            preview = {"count": count, "mail": mails[0] if mails else None,
                       "changes": deadline_services.changes_of(panel, values)}
            form.offer_confirmation()
        else:
            try:
                changes = deadline_services.deadlines_save(panel=panel, by=request.user, values=values,
                                                           tell_authors=data["tell_authors"], note=data["note"])
            except Refused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("The deadlines were saved.") if changes else _("No deadline changed."))
                return _back(panel)
    return render(request, "calls/deadlines.html", {"panel": panel, "form": form, "preview": preview})


@login_required
def rules(request, conference, panel):
    panel = selectors.panel_for(request.user, conference, panel, edit=True)
    form = RulesForm(request.POST or None, instance=Panel.objects.select_related("conference").get(pk=panel.pk))
    confirmation = None
    if request.method == "POST" and form.is_valid():
        try:
            rules_save(panel=panel, by=request.user, values=form.rules(),
                       confirmed_papers=form.cleaned_data.get("confirmed_papers"))
        except ConfirmationNeeded as needed:
            confirmation = needed
            form.data = form.data.copy()
            form.data["confirmed_papers"] = needed.papers
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The rules were saved."))
            return _back(panel)
    return render(request, "calls/rules.html", {"panel": panel, "form": form, "confirmation": confirmation})


@login_required
@require_POST
def state(request, conference, panel):
    panel = selectors.panel_for(request.user, conference, panel, edit=True)
    to = request.POST.get("to", "")
    if to not in Panel.State.values:
        messages.error(request, _("Choose the call's new state."))
        return _back(panel)
    try:
        services.call_move(panel=panel, by=request.user, to=to)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("State of the call: %(state)s.") % {"state": panel.get_state_display()})
    return _back(panel)


@login_required
@require_POST
def accepted_publish(request, conference, panel):
    panel = selectors.panel_for(request.user, conference, panel, edit=True)
    publish = request.POST.get("publish") == "1"
    try:
        services.accepted_publish(panel=panel, by=request.user, publish=publish)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The accepted papers are published.") if publish
                         else _("The accepted papers are no longer published."))
    return _back(panel)


@login_required
def panel_audit(request, conference, panel):
    panel = selectors.panel_for(request.user, conference, panel)
    kind = request.GET.get("kind", "")
    kinds, events = selectors.panel_audit(panel, kind)
    return render(request, "calls/audit.html", {"panel": panel, "conference": panel.conference,
                                                "kinds": kinds, "kind": kind, "events": events})


@login_required
def conference_audit(request, conference):
    conference = selectors.conference_for(request.user, conference)
    kind = request.GET.get("kind", "")
    kinds, events = selectors.conference_audit(conference, kind)
    return render(request, "calls/audit.html", {"panel": None, "conference": conference,
                                                "kinds": kinds, "kind": kind, "events": events})

"""The call as its chairs write it: text, translations, topics, state, and
the page of accepted papers."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from calls import permissions
from portal.markdown import forbidden_markup
from portal.models import CallText, Panel, Topic, User
from portal.refusals import Refused, refuse_if
from portal.workflow import audit_record, transition

CALL_TRANSITIONS = {
    Panel.State.DRAFT: {Panel.State.OPEN},
    Panel.State.OPEN: {Panel.State.CLOSED},
    Panel.State.CLOSED: {Panel.State.OPEN, Panel.State.ARCHIVED},
    Panel.State.ARCHIVED: set(),
}
TEXT_FIELDS = ("title", "description", "references", "other_questions_welcome", "call_language")


def _locked(panel: Panel, by: User) -> Panel:
    locked = Panel.objects.select_for_update().select_related("conference").get(pk=panel.pk)
    refuse_if(permissions.why_not_edit_call(by, locked))
    return locked


def _refuse_markup(*texts: str) -> None:
    for text in texts:
        refuse_if(forbidden_markup(text or ""))


def call_text_save(*, panel: Panel, by: User, **fields) -> Panel:
    with transaction.atomic():
        locked = _locked(panel, by)
        _refuse_markup(fields.get("description", ""), fields.get("references", ""))
        changed = sorted(name for name in TEXT_FIELDS if name in fields and getattr(locked, name) != fields[name])
        for name in changed:
            setattr(locked, name, fields[name])
        if changed:
            locked.save(update_fields=changed)
            audit_record(action="call.text_changed", target=locked, by=by, panel=locked, data={"changed": changed})
    return locked


def call_translation_save(*, panel: Panel, by: User, language: str, title: str, description: str) -> CallText | None:
    """The call in one more language; an empty title and text remove that version."""
    with transaction.atomic():
        locked = _locked(panel, by)
        if language == locked.call_language:
            raise Refused(_("This is the call's own language: edit the call's text instead."))
        _refuse_markup(description)
        if not title.strip() and not description.strip():
            CallText.objects.filter(panel=locked, language=language).delete()
            audit_record(action="call.translation_removed", target=locked, by=by, panel=locked, data={"language": language})
            return None
        text, _created = CallText.objects.update_or_create(
            panel=locked, language=language, defaults={"title": title, "description": description})
        audit_record(action="call.translation_saved", target=locked, by=by, panel=locked, data={"language": language})
    return text


def topic_add(*, panel: Panel, by: User, text: str) -> Topic:
    with transaction.atomic():
        locked = _locked(panel, by)
        number = (Topic.objects.filter(panel=locked).aggregate(last=Max("number"))["last"] or 0) + 1
        topic = Topic.objects.create(panel=locked, number=number, text=text)
        audit_record(action="topic.added", target=topic, by=by, panel=locked, data={"text": text})
    return topic


def topic_rename(*, topic: Topic, by: User, text: str) -> Topic:
    with transaction.atomic():
        _locked(topic.panel, by)
        before = topic.text
        Topic.objects.filter(pk=topic.pk).update(text=text)
        topic.text = text
        audit_record(action="topic.renamed", target=topic, by=by, panel=topic.panel, data={"from": before, "to": text})
    return topic


def topic_move(*, topic: Topic, by: User, up: bool) -> None:
    """Swaps the topic's number with its neighbour's (the papers keep their topics, numbered anew)."""
    with transaction.atomic():
        locked = _locked(topic.panel, by)
        topics = list(Topic.objects.filter(panel=locked).order_by("number"))
        index = next(i for i, item in enumerate(topics) if item.pk == topic.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(topics):
            return
        first, second = topics[index], topics[other]
        numbers = first.number, second.number
        # Through a free number, so the unique (panel, number) holds at every step.
        Topic.objects.filter(pk=first.pk).update(number=max(t.number for t in topics) + 1)
        Topic.objects.filter(pk=second.pk).update(number=numbers[0])
        Topic.objects.filter(pk=first.pk).update(number=numbers[1])
        audit_record(action="topic.moved", target=first, by=by, panel=locked,
                     data={"from": numbers[0], "to": numbers[1]})


def topic_retire(*, topic: Topic, by: User, retired: bool = True) -> Topic:
    """A retired topic is offered to no new paper; the papers that chose it keep it."""
    with transaction.atomic():
        _locked(topic.panel, by)
        Topic.objects.filter(pk=topic.pk).update(retired=retired)
        topic.retired = retired
        audit_record(action="topic.retired" if retired else "topic.restored", target=topic, by=by, panel=topic.panel,
                     data={"text": topic.text})
    return topic


def call_move(*, panel: Panel, by: User, to: str) -> Panel:
    """Open, close, reopen or archive the call, along CALL_TRANSITIONS."""
    with transaction.atomic():
        locked = _locked(panel, by)
        if to not in CALL_TRANSITIONS[locked.state]:
            raise Refused(_("A call that is %(state)s cannot become %(target)s.") % {
                "state": locked.get_state_display(), "target": Panel.State(to).label})
        if to == Panel.State.OPEN and not (locked.description.strip() and locked.title.strip()):
            raise Refused(_("Write the call's title and text before opening it."))
        transition(locked, to=to, by=by, allowed=CALL_TRANSITIONS, panel=locked)
    panel.state = to
    return panel


def accepted_publish(*, panel: Panel, by: User, publish: bool) -> Panel:
    """The public page of the panel's accepted papers, once decisions are released."""
    with transaction.atomic():
        locked = Panel.objects.select_for_update().select_related("conference").get(pk=panel.pk)
        refuse_if(permissions.why_not_publish_accepted(by, locked) if publish else permissions.why_not_edit_call(by, locked))
        locked.accepted_published_at = timezone.now() if publish else None
        locked.save(update_fields=["accepted_published_at"])
        audit_record(action="call.accepted_published" if publish else "call.accepted_unpublished",
                     target=locked, by=by, panel=locked)
    panel.accepted_published_at = locked.accepted_published_at
    return panel

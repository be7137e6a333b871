"""A call's deadlines: validated in order, changed in one step that the
audit log records, and, when the chairs choose, told to the authors of the
panel's drafts and submissions in a mail they preview first."""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from calls import permissions
from portal.deadlines import in_conference_time
from portal.mail.queue import Recipient, mail_preview, mail_queue_bulk
from portal.models import Panel, User
from portal.refusals import Refused, refuse_if
from portal.workflow import audit_record
from submissions.models import Author, Submission

# In the order they must fall; the two without which a call cannot run are required.
DEADLINES = [
    ("opens_at", gettext_lazy("Submissions open")),
    ("abstract_deadline", gettext_lazy("Abstract deadline")),
    ("submission_deadline", gettext_lazy("Full-paper deadline")),
    ("bidding_deadline", gettext_lazy("Bidding deadline")),
    ("review_deadline", gettext_lazy("Review deadline")),
    ("decision_deadline", gettext_lazy("Decision deadline")),
    ("camera_ready_deadline", gettext_lazy("Camera-ready deadline")),
]
REQUIRED = {"opens_at", "submission_deadline"}
LABELS = dict(DEADLINES)
TEMPLATE = "deadline_changed"
TOLD_STATES = [Submission.State.DRAFT, Submission.State.SUBMITTED]


def order_errors(values: dict, conference) -> dict[str, str]:
    """For each deadline that does not fall after the one before it, the message for its field."""
    errors, previous = {}, None
    for name, label in DEADLINES:
        moment = values.get(name)
        if moment is None:
            if name in REQUIRED:
                errors[name] = _("This deadline is required.")
            continue
        if previous is not None and moment <= values[previous]:
            errors[name] = _("%(this)s must come after the %(previous)s (%(moment)s).") % {
                "this": label, "previous": str(LABELS[previous]).lower(),
                "moment": in_conference_time(values[previous], conference),
            }
        previous = name
    return errors


def changes_of(panel: Panel, values: dict) -> list[dict]:
    """What would change: each deadline's label (translated where it is shown) and its former and new moments."""
    return [
        {"field": name, "label": label, "before": getattr(panel, name), "after": values[name]}
        for name, label in DEADLINES if name in values and values[name] != getattr(panel, name)
    ]


def _moment(value) -> str:
    return value.isoformat() if value else ""


def authors_to_tell(panel: Panel, changes: list[dict], note: str) -> list[Recipient]:
    """Every author listed on a draft or a submitted paper of the panel, once each."""
    authors = (Author.objects.filter(submission__panel=panel, submission__state__in=TOLD_STATES)
               .select_related("submission").order_by("email", "submission__number"))
    recipients, seen = [], set()
    for author in authors:
        if author.email in seen:
            continue
        seen.add(author.email)
        recipients.append(Recipient(to=author.email, context={
            "panel": panel, "changes": changes, "note": note, "author_name": author.name,
            "call_url": settings.SITE_URL + panel.get_absolute_url(),
        }))
    return recipients


def deadlines_preview(*, panel: Panel, values: dict, note: str):
    """How many authors would be told, and the first one's copy (nothing saved)."""
    recipients = authors_to_tell(panel, changes_of(panel, values), note)
    return len(recipients), mail_preview(template=TEMPLATE, recipients=recipients[:1], panel=panel)


def deadlines_save(*, panel: Panel, by: User, values: dict, tell_authors: bool = False, note: str = "") -> list[dict]:
    """Every changed deadline in one step, one audit record, and the authors'
    mail if asked: all of it or nothing."""
    with transaction.atomic():
        locked = Panel.objects.select_for_update().select_related("conference").get(pk=panel.pk)
        refuse_if(permissions.why_not_edit_call(by, locked))
        merged = {name: values.get(name, getattr(locked, name)) for name, _label in DEADLINES}
        if errors := order_errors(merged, locked.conference):
            raise Refused(" ".join(errors.values()))
        changes = changes_of(locked, values)
        if not changes:
            return []
        for change in changes:
            setattr(locked, change["field"], values[change["field"]])
        locked.save(update_fields=[change["field"] for change in changes])
        audit_record(action="call.deadlines_changed", target=locked, by=by, panel=locked, data={
            "changed": {c["field"]: [_moment(c["before"]), _moment(c["after"])] for c in changes},
            "authors_told": tell_authors,
        })
        if tell_authors and (recipients := authors_to_tell(locked, changes, note)):
            mail_queue_bulk(template=TEMPLATE, recipients=recipients, panel=locked, by=by,
                            description=_("New deadlines of “%(title)s”") % {"title": locked.title})
    for change in changes:
        setattr(panel, change["field"], values[change["field"]])
    return changes

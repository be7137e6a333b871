"""State changes of the portal's objects, each checked, locked and audited.

Every app keeps its own table of allowed transitions and calls `transition`
from its services, so a state can only change along an edge of that table.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from portal.models import AuditEvent
from portal.refusals import Refused


class TransitionNotAllowed(Refused):
    """A state change that the object's table of transitions has no edge for."""


def state_label(model, value: str, field: str = "state") -> str:
    """The name of a state as its model's choices give it, in the active language."""
    return str(dict(model._meta.get_field(field).flatchoices).get(value, value))


def audit_record(*, action: str, target, by=None, panel=None, from_state="", to_state="", data=None) -> AuditEvent:
    return AuditEvent.objects.create(
        action=action,
        actor=by if by is not None and by.is_authenticated else None,
        panel=panel,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        from_state=from_state,
        to_state=to_state,
        data=data or {},
    )


def audit_entity(model) -> str:
    """The first word of a model's audit actions: its `audit_entity`, else its model name.

    Every audit action reads "<entity>.<what happened>" in the past tense,
    e.g. "submission.submitted", "invitation.accepted", "decisions.released"."""
    return getattr(model, "audit_entity", model._meta.model_name)


def transition(obj, *, to: str, by, allowed: dict[str, set[str]], panel=None, field="state", data=None, **changes):
    """Move `obj` to state `to` along the `allowed` table, inside one transaction.

    The row is re-read under a lock so two requests cannot both move it, the
    extra `changes` are written with the new state, and an audit record names
    who did it. Callers queue their mail inside the same `transaction.atomic`.
    """
    with transaction.atomic():
        locked = type(obj).objects.select_for_update().get(pk=obj.pk)
        current = getattr(locked, field)
        if to not in allowed.get(current, set()):
            raise TransitionNotAllowed(_("This cannot change from “%(current)s” to “%(target)s”.") % {
                "current": state_label(type(obj), current, field), "target": state_label(type(obj), to, field),
            })
        setattr(locked, field, to)
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.save(update_fields=[field, *changes.keys()])
        audit_record(
            action=f"{audit_entity(type(obj))}.{to}", target=locked, by=by, panel=panel,
            from_state=current, to_state=to, data=data,
        )
    # The caller's instance reflects what was stored.
    setattr(obj, field, to)
    for name, value in changes.items():
        setattr(obj, name, value)
    return obj

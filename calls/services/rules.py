"""A call's rules: limits on the paper, blind mode, who edits, and what the
assigner works with. A change that papers already written would fall foul of
(a smaller limit, another blind mode, a language taken away) is saved only
when the chair has confirmed it knowing how many papers it affects."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from calls import permissions
from portal.models import Panel, User
from portal.refusals import Refused, refuse_if
from portal.workflow import audit_record
from submissions.models import Submission

RULE_FIELDS = ("pdf_max_mb", "page_limit", "blind_mode", "coauthors_may_edit", "abstract_min_words",
               "abstract_max_words", "keywords_min", "keywords_max", "languages", "reviews_per_paper", "max_load")
WRITTEN = [Submission.State.DRAFT, Submission.State.SUBMITTED]


class ConfirmationNeeded(Refused):
    """The change affects papers already written; say so and ask again."""

    def __init__(self, papers: int):
        self.papers = papers
        super().__init__(ngettext(
            "This change affects %(count)d paper already written under the former rules. Confirm to save it.",
            "This change affects %(count)d papers already written under the former rules. Confirm to save it.",
            papers) % {"count": papers})


def tightened(panel: Panel, values: dict) -> list[str]:
    """The rules whose change could put an existing paper outside them."""
    def smaller(name):
        return name in values and values[name] < getattr(panel, name)

    def larger(name):
        return name in values and values[name] > getattr(panel, name)

    found = [name for name in ("pdf_max_mb", "page_limit", "abstract_max_words", "keywords_max") if smaller(name)]
    found += [name for name in ("abstract_min_words", "keywords_min") if larger(name)]
    if "blind_mode" in values and values["blind_mode"] != panel.blind_mode:
        found.append("blind_mode")
    if "languages" in values and set(panel.languages) - set(values["languages"]):
        found.append("languages")
    return found


def papers_affected(panel: Panel) -> int:
    return Submission.objects.filter(panel=panel, state__in=WRITTEN).count()


def rules_check(values: dict) -> dict[str, str]:
    """Bounds that contradict each other, by field."""
    errors = {}
    if values["abstract_min_words"] > values["abstract_max_words"]:
        errors["abstract_max_words"] = _("The maximum must be at least the minimum.")
    if values["keywords_min"] > values["keywords_max"]:
        errors["keywords_max"] = _("The maximum must be at least the minimum.")
    if not values["languages"]:
        errors["languages"] = _("Accept at least one language.")
    return errors


def rules_save(*, panel: Panel, by: User, values: dict, confirmed_papers: int | None = None) -> list[str]:
    """Saves the rules; raises ConfirmationNeeded unless `confirmed_papers`
    is the number of papers the change affects now."""
    with transaction.atomic():
        locked = Panel.objects.select_for_update().select_related("conference").get(pk=panel.pk)
        refuse_if(permissions.why_not_edit_call(by, locked))
        merged = {name: values.get(name, getattr(locked, name)) for name in RULE_FIELDS}
        if errors := rules_check(merged):
            raise Refused(" ".join(errors.values()))
        if tightened(locked, values):
            affected = papers_affected(locked)
            if affected and confirmed_papers != affected:
                raise ConfirmationNeeded(affected)
        changed = [name for name in RULE_FIELDS if name in values and values[name] != getattr(locked, name)]
        if not changed:
            return []
        data = {name: [getattr(locked, name), values[name]] for name in changed}
        for name in changed:
            setattr(locked, name, values[name])
        locked.save(update_fields=changed)
        audit_record(action="call.rules_changed", target=locked, by=by, panel=locked, data={"changed": data})
    for name in changed:
        setattr(panel, name, values[name])
    return changed

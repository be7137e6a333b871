"""A panel's review form: the default one, and the chairs' changes to it.

A version that a review points at never changes; a chair's edit then makes a
new version. A criterion's key keeps its scale for ever once a score was
given on it, so scores with the same key are always comparable.
"""

from typing import TypedDict

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _, gettext_noop

from portal.refusals import Refused, refuse_if
from portal.workflow import audit_record
from reviews import permissions
from reviews.models import Criterion, ReviewForm, Score


class CriterionData(TypedDict):
    key: str
    role: str
    label: str
    description: str
    scale_min: int
    scale_max: int
    point_labels: dict[str, str]
    required: bool


QUALITY_POINTS = {
    "1": gettext_noop("poor"), "2": gettext_noop("fair"), "3": gettext_noop("good"),
    "4": gettext_noop("very good"), "5": gettext_noop("excellent"),
}


def _quality(key: str, label: str, description: str) -> CriterionData:
    return CriterionData(
        key=key, role=Criterion.Role.SCORE, label=label, description=description,
        scale_min=1, scale_max=5, point_labels=QUALITY_POINTS, required=True,
    )


# Stored in English; Criterion.display_label shows them in the reader's language.
DEFAULT_CRITERIA: list[CriterionData] = [
    _quality("relevance", gettext_noop("Relevance to the panel's theme"),
             gettext_noop("How closely the paper addresses the questions of the call.")),
    _quality("originality", gettext_noop("Originality"),
             gettext_noop("Does the paper bring a new question, evidence or argument?")),
    _quality("rigour", gettext_noop("Methodological rigour"),
             gettext_noop("Are the method and the sources adequate, and the claims supported by them?")),
    _quality("clarity", gettext_noop("Clarity of writing"),
             gettext_noop("Is the paper well organised and easy to follow?")),
    CriterionData(
        key="overall", role=Criterion.Role.OVERALL, label=gettext_noop("Overall recommendation"),
        description=gettext_noop("Should the panel accept this paper?"),
        scale_min=-3, scale_max=3, required=True,
        point_labels={
            "-3": gettext_noop("strong reject"), "-2": gettext_noop("reject"), "-1": gettext_noop("weak reject"),
            "0": gettext_noop("borderline"), "1": gettext_noop("weak accept"), "2": gettext_noop("accept"),
            "3": gettext_noop("strong accept"),
        },
    ),
    CriterionData(
        key="confidence", role=Criterion.Role.CONFIDENCE, label=gettext_noop("Reviewer confidence"),
        description=gettext_noop("How well do you know the area of this paper?"),
        scale_min=1, scale_max=4, required=True,
        point_labels={
            "1": gettext_noop("low: an educated guess"), "2": gettext_noop("medium"),
            "3": gettext_noop("high"), "4": gettext_noop("expert in the area"),
        },
    ),
]


def review_form_ensure(*, panel, by=None) -> ReviewForm:
    """The panel's newest review form version, stored from the defaults the
    first time a write needs it (a reviewer's first save, a chair's first
    edit). A step of those services, taken after they checked their rule;
    `by` is who set it off."""
    form = ReviewForm.objects.filter(panel=panel).order_by("-version").first()
    if form is not None:
        return form
    try:
        with transaction.atomic():
            form = ReviewForm.objects.create(panel=panel, version=1, created_by=by)
            _criteria_create(form, DEFAULT_CRITERIA)
    except IntegrityError:  # another request made it at the same moment
        form = ReviewForm.objects.filter(panel=panel).order_by("-version").first()
    return form


def criteria_of(form: ReviewForm) -> list[Criterion]:
    return list(form.criteria.all())


def key_for_label(label: str, taken: set[str]) -> str:
    base = (slugify(label)[:32] or "criterion").strip("-") or "criterion"
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key


def review_form_problems(*, panel, criteria: list[CriterionData]) -> list[str]:
    """What makes `criteria` unacceptable as the panel's next form, as messages."""
    problems = []
    roles = [item["role"] for item in criteria]
    for role, name in ((Criterion.Role.OVERALL, _("overall recommendation")),
                       (Criterion.Role.CONFIDENCE, _("reviewer confidence"))):
        if roles.count(role) != 1:
            problems.append(_("The form needs exactly one %(name)s criterion.") % {"name": name})
    keys = [item["key"] for item in criteria]
    if len(set(keys)) != len(keys):
        problems.append(_("Two criteria have the same key."))
    for item in criteria:
        if item["scale_min"] >= item["scale_max"]:
            problems.append(_("“%(label)s”: the lowest point must be below the highest.") % {"label": item["label"]})
    scored_role_scales = set(
        Score.objects.filter(criterion__form__panel=panel).exclude(criterion__role=Criterion.Role.SCORE)
        .values_list("criterion__role", "criterion__scale_min", "criterion__scale_max").distinct()
    )
    for item in criteria:
        for role, low, high in scored_role_scales:
            if item["role"] == role and (low, high) != (item["scale_min"], item["scale_max"]):
                problems.append(
                    _("Reviews already gave “%(label)s” from %(low)s to %(high)s, and the dashboard compares them: "
                      "its scale cannot change.") % {"label": item["label"], "low": low, "high": high}
                )
    scored_scales = {
        row["criterion__key"]: (row["criterion__scale_min"], row["criterion__scale_max"], row["criterion__label"])
        for row in Score.objects.filter(criterion__form__panel=panel)
        .values("criterion__key", "criterion__scale_min", "criterion__scale_max", "criterion__label").distinct()
    }
    for item in criteria:
        scored = scored_scales.get(item["key"])
        if scored and (scored[0], scored[1]) != (item["scale_min"], item["scale_max"]):
            problems.append(
                _("Reviews already scored “%(label)s” from %(low)s to %(high)s, so its scale cannot change: "
                  "add a new criterion for the new scale.")
                % {"label": item["label"], "low": scored[0], "high": scored[1]}
            )
    return problems


def review_form_update(*, panel, criteria: list[CriterionData], by) -> ReviewForm:
    """Make `criteria` the panel's review form: in place while no review uses
    the current version, else as a new version (old reviews keep theirs)."""
    criteria = [
        {**item, "required": True} if item["role"] != Criterion.Role.SCORE else item for item in criteria
    ]
    with transaction.atomic():
        refuse_if(permissions.why_not_chair_reviewing(by, panel))
        current = review_form_ensure(panel=panel, by=by)
        current = ReviewForm.objects.select_for_update().get(pk=current.pk)
        if problems := review_form_problems(panel=panel, criteria=criteria):
            raise Refused(*problems)
        if current.reviews.exists():
            form = ReviewForm.objects.create(panel=panel, version=current.version + 1, created_by=by)
        else:
            form = current
            form.criteria.all().delete()
        _criteria_create(form, criteria)
        audit_record(action="review_form.updated", target=form, by=by, panel=panel, data={"version": form.version})
    return form


def _criteria_create(form: ReviewForm, criteria: list[CriterionData]) -> None:
    Criterion.objects.bulk_create([
        Criterion(form=form, position=position, **item) for position, item in enumerate(criteria)
    ])

"""Reads of a panel's review form. A read never writes: a panel whose form
was never stored (no review yet, no chair's edit) reads the default criteria,
unsaved; the first write that needs the form stores it
(reviews.services.review_forms.review_form_ensure)."""

from reviews.models import Criterion, ReviewForm
from reviews.services.review_forms import DEFAULT_CRITERIA


def review_form_current(*, panel) -> ReviewForm | None:
    """The panel's newest stored version of its review form, if any."""
    return ReviewForm.objects.filter(panel=panel).order_by("-version").first()


def criteria_current(*, panel) -> list[Criterion]:
    """The criteria a new review of the panel is written on, in order."""
    form = review_form_current(panel=panel)
    if form is not None:
        return list(form.criteria.all())
    return [Criterion(position=position, **item) for position, item in enumerate(DEFAULT_CRITERIA)]

"""The list of a page's form errors shown above the form, each linking to its
field, so that a screen-reader or keyboard user learns at once what to fix."""

from django import template

register = template.Library()


def _problems_of(form, row: str = ""):
    """(field id, label, message) of each error; a formset's row is named in
    the label ("Author 2 · Affiliation") when the formset has a `row_label`."""
    if hasattr(form, "forms"):  # a formset
        problems = [(None, None, error) for error in form.non_form_errors()]
        row_label = getattr(form, "row_label", None)
        for number, member in enumerate(form.forms, start=1):
            problems += _problems_of(member, row_label % {"number": number} if row_label else "")
        return problems
    problems = [(None, None, f"{row} · {error}" if row else error) for error in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name in form.fields:
            field = form[name]
            label = f"{row} · {field.label}" if row else field.label
            problems += [(field.id_for_label, label, error) for error in errors]
    return problems


@register.inclusion_tag("_error_summary.html")
def error_summary(*forms, intro=""):
    problems = []
    for form in forms:
        if form is not None and form.is_bound:
            problems += _problems_of(form)
    return {"problems": problems, "intro": intro}

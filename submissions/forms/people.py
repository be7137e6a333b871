"""The people of a submission: its authors, in order, and the people or
institutions they declare a conflict of interest with."""

from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.forms import OrcidField
from portal.widgets import LongSelect
from submissions.forms.paper import subform_helper
from submissions.models import Author


class AuthorForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    email = forms.EmailField(label=_("Email"))
    affiliation = forms.CharField(label=_("Affiliation"), max_length=300)
    country = Author._meta.get_field("country").formfield(label=_("Country"), required=False, widget=LongSelect)
    orcid = OrcidField(label=_("ORCID iD"), required=False)
    is_corresponding = forms.BooleanField(label=_("Corresponding author"), required=False)
    mail_language = forms.ChoiceField(
        label=_("Language of mail"), required=False,
        choices=[("", _("The submitter's language")), *settings.LANGUAGES],
        help_text=_("If this author has no account: all mail about the paper is in this language."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = subform_helper(Layout(
            Row(Column("name", css_class="col-md-6"), Column("email", css_class="col-md-6")),
            Row(Column("affiliation", css_class="col-md-6"), Column("country", css_class="col-md-3"),
                Column("orcid", css_class="col-md-3")),
            Row(Column("mail_language", css_class="col-md-6")),
            Row(Column("is_corresponding", css_class="col-sm-6"), Column("ORDER", css_class="col-6 col-sm-3"),
                Column("DELETE", css_class="col-6 col-sm-3")),
        ))

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class BaseAuthorFormSet(forms.BaseFormSet):
    """The authors in order; exactly one is the corresponding author, and the
    person editing stays on the list (or they would lose the submission)."""

    row_label = _("Author %(number)s")  # names the row of an error in the summary

    def __init__(self, *args, editor_emails=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.editor_emails = editor_emails

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ORDER"].label = _("Position")
        form.fields["ORDER"].widget.attrs["min"] = 1
        form.fields["DELETE"].label = _("Remove")

    def authors(self) -> list[dict]:
        """The listed authors in their order, without removed and empty rows."""
        return [
            {name: form.cleaned_data[name] for name in ("name", "email", "affiliation", "country", "orcid", "is_corresponding",
                                                "mail_language")}
            for form in self.ordered_forms if form.cleaned_data and not self._should_delete_form(form)
        ]

    def clean(self):
        """Checks the list as a whole, even while some rows have mistakes, so
        that every mistake shows at once."""
        listed = [form for form in self.forms if form.cleaned_data and not self._should_delete_form(form)]
        if not listed and not any(self.errors):
            raise ValidationError(_("List at least one author."), code="no_author")
        seen = set()
        for form in listed:
            email = form.cleaned_data.get("email")
            if email and email in seen:
                form.add_error("email", ValidationError(_("This address is already given for another author."),
                                                        code="duplicate_author"))
            seen.add(email)
        problems = []
        corresponding = sum(1 for form in listed if form.cleaned_data.get("is_corresponding"))
        if corresponding != 1:
            problems.append(ValidationError(
                _("Mark exactly one author as the corresponding author (%(count)d marked).") % {"count": corresponding},
                code="corresponding_author",
            ))
        if not any(self.errors) and self.editor_emails and not (seen & self.editor_emails):
            problems.append(ValidationError(
                _("Keep yourself among the authors, with one of your verified email addresses, "
                  "or you would lose access to this submission."),
                code="editor_not_author",
            ))
        if problems:
            raise ValidationError(problems)


AuthorFormSet = forms.formset_factory(
    AuthorForm, formset=BaseAuthorFormSet, extra=2, can_order=True, can_delete=True, max_num=30, validate_max=True,
)


class ConflictForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    institution = forms.CharField(label=_("Institution"), max_length=300, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = subform_helper(Layout(
            Row(Column("name", css_class="col-md-4"), Column("email", css_class="col-md-4"),
                Column("institution", css_class="col-md-4")),
            Row(Column("reason", css_class="col-md-9"), Column("DELETE", css_class="col-md-3")),
        ))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") and not any(cleaned.get(name) for name in ("name", "email", "institution")):
            raise ValidationError(_("Name the person or the institution."), code="conflict_unnamed")
        return cleaned


class BaseConflictFormSet(forms.BaseFormSet):
    row_label = _("Conflict of interest %(number)s")
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Remove")

    def conflicts(self) -> list[dict]:
        return [
            {name: form.cleaned_data.get(name, "").strip() for name in ("name", "email", "institution", "reason")}
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
            and any(form.cleaned_data.get(name) for name in ("name", "email", "institution"))
        ]


ConflictFormSet = forms.formset_factory(
    ConflictForm, formset=BaseConflictFormSet, extra=1, can_delete=True, max_num=50, validate_max=True,
)

"""The organisers' forms: a conference, a panel, a person to name."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from portal.models import Conference, Panel, PaperLanguage
from portal.widgets import LongSelect


def helper(label) -> FormHelper:
    form_helper = FormHelper()
    form_helper.add_input(Submit("save", label))
    return form_helper


class EmailListField(forms.CharField):
    """Addresses one per line (or separated by commas), each checked."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value):
        value = super().to_python(value) or ""
        emails = [part.strip().lower() for part in value.replace(",", "\n").splitlines() if part.strip()]
        for email in emails:
            try:
                validate_email(email)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(value)s” is not an email address."), code="invalid_email", params={"value": email},
                ) from None
        return list(dict.fromkeys(emails))

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value


class ConferenceForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=PaperLanguage.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("The languages calls may be written in and papers submitted in."),
    )
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Conference
        fields = ["name", "short_name", "slug", "time_zone", "languages", "contact_email", "venue", "website"]
        widgets = {"time_zone": LongSelect}
        help_texts = {"slug": _("The conference's part of its calls' addresses: lower-case letters, digits and hyphens.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_email"].required = True
        self.helper = helper(_("Save the conference"))

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Conference.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This address is already used by another conference."), code="slug_taken")
        return slug


class PanelCreateForm(forms.Form):
    title = forms.CharField(label=_("Title of the panel"), max_length=300)
    slug = forms.SlugField(
        label=_("Address"), max_length=120,
        help_text=_("The panel's part of its call's address: lower-case letters, digits and hyphens."),
    )
    call_language = forms.ChoiceField(label=_("Language of the call"), choices=PaperLanguage.choices)
    chairs = EmailListField(
        label=_("Chairs"), required=False,
        help_text=_("Their email addresses, one per line. Those without an account get an invitation by mail."),
    )

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = conference
        self.fields["call_language"].choices = [(code, label) for code, label in PaperLanguage.choices
                                                if code in conference.languages]
        self.helper = helper(_("Create the panel"))

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Panel.objects.filter(conference=self.conference, slug=slug).exists():
            raise forms.ValidationError(_("This address is already used by another panel of this conference."),
                                        code="slug_taken")
        return slug


class PersonForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))

    def __init__(self, *args, label, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(label)

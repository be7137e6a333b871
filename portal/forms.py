import datetime
import zoneinfo

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, gettext_lazy as _

from portal.models import User
from portal.moments import zone_name
from portal.validators import normalise_orcid, validate_orcid
from portal.widgets import LongSelect


def supported_language(code: str | None) -> str:
    """The portal language closest to `code` (pt-BR, pt, es-AR ...), else English."""
    available = {language for language, _name in settings.LANGUAGES}
    code = (code or "").lower()
    if code in available:
        return code
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return settings.LANGUAGE_CODE


class CallDateTimeInput(forms.DateTimeInput):
    """A moment typed as the interface language writes it ("31/01/2027 23:59"
    in Spanish and Portuguese), never the browser's own picker, whose format
    follows the browser and not the page."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__(attrs={"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.datetime):
            return value.strftime(_input_format())
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        example = datetime.datetime(2027, 1, 31, 23, 59).strftime(_input_format())
        context["widget"]["attrs"].setdefault("placeholder", example)
        return context


def _input_format() -> str:
    """The active language's first way of typing a date and time, without seconds."""
    for fmt in formats.get_format("DATETIME_INPUT_FORMATS"):
        if "%S" not in fmt and "%f" not in fmt:
            return fmt
    return "%Y-%m-%d %H:%M"


class CallDateTimeField(forms.DateTimeField):
    """A date and time a chair fills, read and shown in the call's time zone
    (not the chair's), in the interface language's format; the help text
    says which zone ("In the call's time zone: AoE")."""

    widget = CallDateTimeInput

    def __init__(self, *, zone: str, **kwargs):
        """Build it when the form is (the language is then the reader's)."""
        self.zone = zone
        super().__init__(**kwargs)
        example = datetime.datetime(2027, 1, 31, 23, 59).strftime(_input_format())
        hint = gettext("In the call's time zone (%(zone)s). For example %(example)s.") % {
            "zone": zone_name(zone), "example": example,
        }
        self.help_text = f"{self.help_text} {hint}".strip()

    def prepare_value(self, value):
        with timezone.override(zoneinfo.ZoneInfo(self.zone)):
            return super().prepare_value(value)

    def to_python(self, value):
        with timezone.override(zoneinfo.ZoneInfo(self.zone)):
            return super().to_python(value)


class OrcidField(forms.CharField):
    """An ORCID iD typed bare or as its orcid.org URL, stored bare and checked."""

    default_validators = [validate_orcid]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 60)
        kwargs.setdefault("help_text", _("For example 0000-0002-1825-0097."))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_orcid(value) if value else ""


class SignupForm(forms.Form):
    """Fields allauth's sign-up form adds to email and password."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=200,
        help_text=_("Your name as it should appear on a paper."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    affiliation = forms.CharField(
        label=_("Affiliation"), max_length=300, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"].strip()
        user.affiliation = self.cleaned_data["affiliation"].strip()
        user.language = supported_language(translation.get_language())
        user.save(update_fields=["full_name", "affiliation", "language"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "affiliation", "country", "orcid", "language", "time_zone"]
        field_classes = {"orcid": OrcidField}
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "affiliation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "country": LongSelect,
            "time_zone": LongSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        zones = self.fields["time_zone"]
        zones.choices = [("", _("Your device's time zone")), *[c for c in zones.choices if c[0]]]
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save profile")))

import hashlib

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from portal.mail.wording import PlaceholderError, unknown_placeholders
from portal.models import OutboundMail, Panel


def text_digest(*parts: str) -> str:
    """Names the exact text a person previewed, so only that text can be saved."""
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


class PlaceholderTextForm(forms.Form):
    """A subject and a text with {placeholders}, previewed before it is used.

    `placeholders` names the allowed ones; the form is valid for saving only
    when `previewed` names the very text of this submission.
    """

    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 14}))
    previewed = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, placeholders, **kwargs):
        super().__init__(*args, **kwargs)
        self.placeholders = placeholders
        self.helper = FormHelper()
        self.helper.form_tag = False

    def _check_placeholders(self, name):
        text = self.cleaned_data[name]
        try:
            unknown = unknown_placeholders(text, self.placeholders)
        except PlaceholderError as error:
            raise forms.ValidationError(str(error)) from error
        if unknown:
            raise forms.ValidationError(
                _("Unknown placeholder: %(names)s. You may use: %(allowed)s.") % {
                    "names": ", ".join("{" + name + "}" for name in unknown),
                    "allowed": ", ".join("{" + name + "}" for name in self.placeholders),
                }
            )
        return text

    def clean_subject(self):
        return self._check_placeholders("subject")

    def clean_body(self):
        return self._check_placeholders("body")

    @property
    def digest(self) -> str:
        return text_digest(*(self.cleaned_data.get(name, "") for name in self.digested_fields()))

    def digested_fields(self) -> list[str]:
        return ["subject", "body"]

    def was_previewed(self) -> bool:
        return self.is_valid() and self.cleaned_data["previewed"] == self.digest

    def mark_previewed(self) -> None:
        """The text as it is now was shown: sending the form back unchanged may save it."""
        data = self.data.copy()
        data["previewed"] = self.digest
        self.data = data
        self.full_clean()


class OutboxFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), required=False,
                              choices=[("", _("any"))] + list(OutboundMail.State.choices))
    recipient = forms.CharField(label=_("Recipient contains"), required=False, max_length=254)
    panel = forms.ModelChoiceField(label=_("Panel"), required=False, empty_label=_("any"),
                                   queryset=Panel.objects.select_related("conference").order_by("title"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_tag = False

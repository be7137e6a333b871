from django import forms
from django.utils.translation import gettext_lazy as _

from portal.mail.forms import PlaceholderTextForm, text_digest
from submissions import messaging
from submissions.mails import AUTHOR_MESSAGE


class AuthorMessageForm(PlaceholderTextForm):
    states = forms.MultipleChoiceField(
        label=_("Write to the authors of papers that are"), choices=messaging.STATES,
        widget=forms.CheckboxSelectMultiple, initial=messaging.DEFAULT_STATES,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, placeholders=AUTHOR_MESSAGE.placeholders, **kwargs)
        self.order_fields(["states", "subject", "body"])

    @property
    def digest(self) -> str:
        return text_digest(self.cleaned_data.get("subject", ""), self.cleaned_data.get("body", ""),
                           *sorted(self.cleaned_data.get("states", [])))

"""The call editor's forms: text, a translation, a topic, deadlines, rules."""

import datetime

from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from calls.forms.conferences import helper
from portal.markdown import forbidden_markup
from calls.services.deadlines import DEADLINES, REQUIRED, order_errors
from calls.services.rules import RULE_FIELDS, rules_check
from portal.models import Panel, PaperLanguage

MARKDOWN_HELP = _("Markdown: a blank line between paragraphs, *italics*, **bold**, - for a list, [text](https://…) for a link. HTML is not allowed.")


def markdown_clean(text: str) -> str:
    if why := forbidden_markup(text or ""):
        raise forms.ValidationError(why, code="markup")
    return text


class CallTextForm(forms.ModelForm):
    class Meta:
        model = Panel
        fields = ["title", "call_language", "description", "other_questions_welcome", "references"]
        labels = {"description": _("Text of the call")}
        widgets = {"description": forms.Textarea(attrs={"rows": 16}), "references": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"description": MARKDOWN_HELP, "references": MARKDOWN_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].required = True
        self.helper = helper(_("Save the text"))

    def clean_description(self):
        return markdown_clean(self.cleaned_data["description"])

    def clean_references(self):
        return markdown_clean(self.cleaned_data["references"])


class TranslationForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=PaperLanguage.choices)
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    description = forms.CharField(label=_("Text of the call"), widget=forms.Textarea(attrs={"rows": 12}),
                                  required=False, help_text=MARKDOWN_HELP)

    def __init__(self, *args, panel, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(code, label) for code, label in PaperLanguage.choices
                                           if code != panel.call_language]
        self.fields["title"].help_text = _("Leave the title and the text empty to remove this language's version.")
        self.helper = helper(_("Save this version"))

    def clean_description(self):
        return markdown_clean(self.cleaned_data["description"])

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("title", "").strip()) != bool(cleaned.get("description", "").strip()):
            self.add_error("description", _("Give both the title and the text, or neither."))
        return cleaned


class TopicForm(forms.Form):
    text = forms.CharField(label=_("Topic"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class ZonedDateTimeField(forms.DateTimeField):
    """A moment typed as the conference's wall-clock time (its zone is named beside the field)."""

    input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]

    def __init__(self, *, zone, **kwargs):
        self.zone = zone
        kwargs.setdefault("widget", forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
        super().__init__(**kwargs)

    def to_python(self, value):
        with timezone.override(self.zone):
            return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return timezone.localtime(value, self.zone).replace(tzinfo=None)
        return value


class DeadlinesForm(forms.Form):
    tell_authors = forms.BooleanField(
        label=_("Tell the authors of drafts and submitted papers by mail"), required=False,
        help_text=_("You see the mail before it is sent."),
    )
    note = forms.CharField(label=_("A note to add to the mail"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, panel, **kwargs):
        kwargs.setdefault("initial", {name: getattr(panel, name) for name, _label in DEADLINES})
        super().__init__(*args, **kwargs)
        self.panel = panel
        zone_label = panel.conference.time_zone_label
        for name, label in reversed(DEADLINES):
            self.fields = {name: ZonedDateTimeField(
                zone=panel.conference.zone, label=label, required=name in REQUIRED,
                help_text=_("In the conference's time zone: %(zone)s.") % {"zone": zone_label},
            ), **self.fields}
        self.helper = helper(_("Save the deadlines"))

    def offer_confirmation(self) -> None:
        """After the mail's preview: saving sends it; the first button previews again."""
        self.helper.inputs[0].value = _("Preview the mail again")
        self.helper.add_input(Submit("confirm", _("Save the deadlines and send the mail")))

    def clean(self):
        cleaned = super().clean()
        values = {name: cleaned.get(name) for name, _label in DEADLINES}
        if not any(name in self.errors for name, _label in DEADLINES):
            for name, message in order_errors(values, self.panel.conference).items():
                self.add_error(name, message)
        return cleaned

    def deadlines(self) -> dict:
        return {name: self.cleaned_data.get(name) for name, _label in DEADLINES}


class RulesForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(label=_("Languages accepted for papers"), choices=PaperLanguage.choices,
                                          widget=forms.CheckboxSelectMultiple)
    confirmed_papers = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Panel
        fields = list(RULE_FIELDS)
        widgets = {"blind_mode": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        conference_languages = self.instance.conference.languages
        self.fields["languages"].choices = [(code, label) for code, label in PaperLanguage.choices
                                            if code in conference_languages or code in self.instance.languages]
        for name in ("pdf_max_mb", "page_limit", "reviews_per_paper", "max_load"):
            self.fields[name].min_value = 1
            self.fields[name].widget.attrs["min"] = 1
            self.fields[name].validators.append(forms.IntegerField(min_value=1).validators[-1])
        self.helper = helper(_("Save the rules"))

    def clean(self):
        cleaned = super().clean()
        if all(name in cleaned for name in ("abstract_min_words", "abstract_max_words", "keywords_min",
                                             "keywords_max", "languages")):
            for name, message in rules_check(cleaned).items():
                self.add_error(name, message)
        return cleaned

    def rules(self) -> dict:
        return {name: self.cleaned_data[name] for name in RULE_FIELDS}

"""The paper's details and its PDF, checked against the call's rules."""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.models import PaperLanguage
from submissions import pdf

KEYWORD_SEPARATORS = re.compile(r"[;\n]+")


def words_in(text: str) -> int:
    return len(text.split())


def keywords_from(text: str) -> list[str]:
    """Keywords are separated by semicolons or new lines (commas may belong to a keyword)."""
    keywords = [" ".join(keyword.split()).rstrip(".") for keyword in KEYWORD_SEPARATORS.split(text or "")]
    return list(dict.fromkeys(keyword for keyword in keywords if keyword))


def subform_helper(layout: Layout | None = None) -> FormHelper:
    """Every part is rendered inside the page's one <form>."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    if layout is not None:
        helper.layout = layout
    return helper


class PaperUploadField(forms.FileField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Paper (PDF)"))
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": "application/pdf,.pdf"}))
        super().__init__(**kwargs)


def checked_pdf(upload, panel) -> pdf.CheckedPdf | None:
    """The PDF checks of `submissions.pdf` as a form field's validation."""
    if not upload:
        return None
    try:
        return pdf.inspect_pdf(upload, max_bytes=panel.pdf_max_bytes, page_limit=panel.page_limit,
                               read_text=panel.double_blind)
    except pdf.PdfRejected as rejection:
        raise ValidationError(rejection.message, code=rejection.code) from rejection


class SubmissionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    abstract = forms.CharField(label=_("Abstract"), widget=forms.Textarea(attrs={"rows": 8}))
    keywords = forms.CharField(
        label=_("Keywords"), widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Separate keywords with semicolons (;)."),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics of the call your paper addresses"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    addresses_other_question = forms.BooleanField(
        label=_("My paper addresses another, related question"), required=False,
    )
    language = forms.ChoiceField(label=_("Language the paper is written in"))
    second_language = forms.ChoiceField(
        label=_("Second language (optional)"), required=False,
        help_text=_("If your paper also carries a title, abstract and keywords in another language."),
    )
    second_title = forms.CharField(label=_("Title in the second language"), max_length=300, required=False)
    second_abstract = forms.CharField(
        label=_("Abstract in the second language"), required=False, widget=forms.Textarea(attrs={"rows": 8}),
    )
    second_keywords = forms.CharField(
        label=_("Keywords in the second language"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Separate keywords with semicolons (;)."),
    )
    paper = PaperUploadField(required=False)

    def __init__(self, *args, panel, submission=None, **kwargs):
        if submission is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(submission)
        super().__init__(*args, **kwargs)
        self.panel = panel
        self.fields["topics"].queryset = panel.topics.all()
        self.fields["topics"].label_from_instance = lambda topic: f"{topic.number}. {topic.text}"
        if not panel.other_questions_welcome:
            del self.fields["addresses_other_question"]
        languages = dict(PaperLanguage.choices)
        self.fields["language"].choices = [(code, languages.get(code, code)) for code in panel.languages]
        self.fields["second_language"].choices = [("", "—"), *PaperLanguage.choices]
        self.fields["abstract"].help_text = _("Between %(min)d and %(max)d words.") % {
            "min": panel.abstract_min_words, "max": panel.abstract_max_words,
        }
        self.fields["keywords"].help_text = _("Between %(min)d and %(max)d keywords, separated by semicolons (;).") % {
            "min": panel.keywords_min, "max": panel.keywords_max,
        }
        self.fields["paper"].help_text = _(
            "At most %(size)d MB and %(pages)d pages. You may upload it later, before the deadline."
        ) % {"size": panel.pdf_max_mb, "pages": panel.page_limit}
        if submission is not None:
            self.fields["paper"].label = _("New version of the paper (PDF, optional)")
            self.fields["paper"].help_text = _(
                "Leave empty to keep the current version. At most %(size)d MB and %(pages)d pages."
            ) % {"size": panel.pdf_max_mb, "pages": panel.page_limit}
        self.helper = subform_helper(Layout(
            Fieldset(_("The paper"), "title", "abstract", "keywords", "language"),
            Fieldset(_("Topics"), "topics", *(["addresses_other_question"] if panel.other_questions_welcome else [])),
            Fieldset(_("Second language"), "second_language", "second_title", "second_abstract", "second_keywords"),
            Fieldset(_("The PDF"), Field("paper")),
        ))

    @staticmethod
    def initial_from(submission) -> dict:
        return {
            "title": submission.title,
            "abstract": submission.abstract,
            "keywords": "; ".join(submission.keywords),
            "topics": list(submission.topics.all()),
            "addresses_other_question": submission.addresses_other_question,
            "language": submission.language,
            "second_language": submission.second_language,
            "second_title": submission.second_title,
            "second_abstract": submission.second_abstract,
            "second_keywords": "; ".join(submission.second_keywords),
        }

    def _clean_abstract_length(self, text: str) -> str:
        text = text.strip()
        count, panel = words_in(text), self.panel
        if count < panel.abstract_min_words or count > panel.abstract_max_words:
            raise ValidationError(
                ngettext(
                    "The abstract has %(count)d word; this call asks for between %(min)d and %(max)d words.",
                    "The abstract has %(count)d words; this call asks for between %(min)d and %(max)d words.",
                    count,
                ) % {"count": count, "min": panel.abstract_min_words, "max": panel.abstract_max_words},
                code="abstract_length",
            )
        return text

    def clean_abstract(self):
        return self._clean_abstract_length(self.cleaned_data["abstract"])

    def _clean_keyword_count(self, text: str) -> list[str]:
        keywords, panel = keywords_from(text), self.panel
        if len(keywords) < panel.keywords_min or len(keywords) > panel.keywords_max:
            raise ValidationError(
                ngettext(
                    "You gave %(count)d keyword; this call asks for between %(min)d and %(max)d.",
                    "You gave %(count)d keywords; this call asks for between %(min)d and %(max)d.",
                    len(keywords),
                ) % {"count": len(keywords), "min": panel.keywords_min, "max": panel.keywords_max},
                code="keyword_count",
            )
        return keywords

    def clean_keywords(self):
        return self._clean_keyword_count(self.cleaned_data["keywords"])

    def clean_second_abstract(self):
        text = self.cleaned_data["second_abstract"].strip()
        return self._clean_abstract_length(text) if text else ""

    def clean_second_keywords(self):
        text = self.cleaned_data["second_keywords"]
        return self._clean_keyword_count(text) if text.strip() else []

    def clean_paper(self):
        return checked_pdf(self.cleaned_data.get("paper"), self.panel)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("topics") and not cleaned.get("addresses_other_question"):
            message = (
                _("Choose at least one topic of the call, or say that your paper addresses another related question.")
                if self.panel.other_questions_welcome else _("Choose at least one topic of the call.")
            )
            self.add_error("topics", ValidationError(message, code="no_topic"))
        second = cleaned.get("second_language")
        has_second_text = any(cleaned.get(name) for name in ("second_title", "second_abstract", "second_keywords"))
        if second:
            if second == cleaned.get("language"):
                self.add_error("second_language", ValidationError(
                    _("The second language must differ from the paper's language."), code="same_language"))
            for name in ("second_title", "second_abstract"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, ValidationError(
                        _("Give it in the second language too, or leave the second language empty."),
                        code="second_language_incomplete"))
        elif has_second_text:
            self.add_error("second_language", ValidationError(
                _("Say which language the second title, abstract and keywords are in."), code="second_language_missing"))
        return cleaned

    def details(self) -> dict:
        """What the services store, from a valid form."""
        data = self.cleaned_data
        return {
            "title": data["title"].strip(),
            "abstract": data["abstract"],
            "keywords": data["keywords"],
            "addresses_other_question": data.get("addresses_other_question", False),
            "language": data["language"],
            "second_language": data["second_language"],
            "second_title": data["second_title"].strip() if data["second_language"] else "",
            "second_abstract": data["second_abstract"] if data["second_language"] else "",
            "second_keywords": data["second_keywords"] if data["second_language"] else [],
        }


class PaperUploadForm(forms.Form):
    """A new version of the paper alone (or, after acceptance, the camera-ready copy)."""

    paper = PaperUploadField()

    def __init__(self, *args, panel, **kwargs):
        super().__init__(*args, **kwargs)
        self.panel = panel
        self.fields["paper"].help_text = _("At most %(size)d MB and %(pages)d pages.") % {
            "size": panel.pdf_max_mb, "pages": panel.page_limit,
        }
        self.helper = subform_helper()

    def clean_paper(self):
        return checked_pdf(self.cleaned_data.get("paper"), self.panel)

"""Forms of the pool, conflicts, bids and assignment pages: validation only."""

import csv

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.forms import CallDateTimeField
from reviews.conflicts import normalise
from reviews.models import AssignmentProposal, Bid, BiddingPhase, PanelReviewer
from reviews.services.pool import Invitee

MAX_INVITEES = 1000
MAX_CSV_BYTES = 1024 * 1024


def _cells(line: str) -> list[str]:
    dialect = "excel-tab" if "\t" in line else "excel"
    delimiter = ";" if ";" in line and "," not in line else None
    reader = csv.reader([line], dialect=dialect, **({"delimiter": delimiter} if delimiter else {}))
    return [cell.strip() for cell in next(reader, [])]


def parse_invitees(text: str) -> tuple[list[Invitee], list[str]]:
    """People from pasted lines or CSV rows: 'Name <email>', 'email', 'Name,email'
    or 'email,Name'. Every bad line is reported by its number."""
    invitees, errors, first_line_of = [], [], {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, email = _split_person(line)
        if email is None:
            if number == 1 and "mail" in line.lower():
                continue  # a CSV header such as "name,email"
            errors.append(_("Line %(number)d: “%(line)s” has no email address.") % {"number": number, "line": line})
            continue
        try:
            validate_email(email)
        except ValidationError:
            errors.append(_("Line %(number)d: “%(email)s” is not a valid email address.")
                          % {"number": number, "email": email})
            continue
        email = email.lower()
        if email in first_line_of:
            errors.append(_("Line %(number)d: %(email)s is already on line %(first)d.")
                          % {"number": number, "email": email, "first": first_line_of[email]})
            continue
        first_line_of[email] = number
        invitees.append(Invitee(name=name[:200], email=email, line=number))
    return invitees, errors


def _split_person(line: str) -> tuple[str, str | None]:
    if line.endswith(">") and "<" in line:
        name, _sep, email = line[:-1].rpartition("<")
        return name.strip().strip('"').strip(), email.strip()
    cells = [cell for cell in _cells(line) if cell]
    emails = [cell for cell in cells if "@" in cell]
    if len(emails) != 1:
        return line, None if not emails else emails[0]
    return " ".join(cell for cell in cells if cell != emails[0]), emails[0]


class InviteForm(forms.Form):
    people = forms.CharField(
        label=gettext_lazy("People to invite"), required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        # Help texts are rendered as HTML: the example's <address> must be escaped to show.
        help_text=escape(gettext_lazy('One person a line: "Maria Silva <maria@example.org>", an address alone, '
                                      'or "name,email" rows pasted from a spreadsheet.')),
    )
    csv_file = forms.FileField(
        label=gettext_lazy("Or a CSV file"), required=False,
        help_text=gettext_lazy("Columns name and email, one person a row."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_csv_file(self):
        upload = self.cleaned_data.get("csv_file")
        if not upload:
            return ""
        if upload.size > MAX_CSV_BYTES:
            raise ValidationError(_("The file is larger than 1 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(_("Save the file as CSV in UTF-8 and try again.")) from error

    def clean(self):
        cleaned = super().clean()
        text = "\n".join(part for part in (cleaned.get("people", ""), cleaned.get("csv_file") or "") if part)
        if not text.strip():
            if not self.errors:
                self.add_error("people", _("Type or paste at least one person, or choose a CSV file."))
            return cleaned
        invitees, errors = parse_invitees(text)
        if len(invitees) > MAX_INVITEES:
            errors.append(_("At most %(count)d people at once.") % {"count": MAX_INVITEES})
        for error in errors:
            self.add_error("people" if cleaned.get("people") else "csv_file", error)
        cleaned["invitees"] = invitees
        return cleaned


class KeywordsField(forms.CharField):
    """Keywords typed separated by commas or semicolons, stored as a list."""

    def __init__(self, *, max_keywords=20, **kwargs):
        self.max_keywords = max_keywords
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        words, seen = [], set()
        for word in text.replace(";", ",").split(","):
            word = " ".join(word.split())
            if word and normalise(word) not in seen:
                seen.add(normalise(word))
                words.append(word[:80])
        return words

    def validate(self, value):
        super().validate(value)
        if len(value) > self.max_keywords:
            raise ValidationError(_("At most %(count)d keywords.") % {"count": self.max_keywords})


class ExpertiseForm(forms.ModelForm):
    keywords = KeywordsField(
        label=gettext_lazy("Expertise keywords"), required=False,
        help_text=gettext_lazy("Separated by commas, for example: paradiplomacy, security policy, Mercosur."),
    )
    max_load = forms.IntegerField(
        label=gettext_lazy("Maximum papers"), min_value=0, max_value=50,
        help_text=gettext_lazy("The most papers you can review for this panel."),
    )

    class Meta:
        model = PanelReviewer
        fields = ["topics", "keywords", "expertise", "max_load"]
        widgets = {"topics": forms.CheckboxSelectMultiple, "expertise": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = self.instance.panel.topics.all()
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save my expertise")))

    def clean_max_load(self):
        value = self.cleaned_data["max_load"]
        if value < self.instance.min_load:
            raise ValidationError(
                _("The chairs ask at least %(count)d papers of you; write them if that is too many.")
                % {"count": self.instance.min_load}
            )
        return value


class BiddingForm(forms.ModelForm):
    class Meta:
        model = BiddingPhase
        fields = ["is_open", "closes_at"]

    def __init__(self, *args, zone: str, **kwargs):
        super().__init__(*args, **kwargs)
        model_field = BiddingPhase._meta.get_field("closes_at")
        self.fields["closes_at"] = CallDateTimeField(
            zone=zone, required=False, label=capfirst(model_field.verbose_name), help_text=model_field.help_text,
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("save", _("Save bidding settings")))


BID_CHOICES = [("", gettext_lazy("no bid"))] + list(Bid.Value.choices)


class BidsForm(forms.Form):
    """The whole bidding page at once: one radio group per paper, named bid-<code>."""

    def __init__(self, *args, papers, **kwargs):
        super().__init__(*args, **kwargs)
        self.papers = {str(paper.code): paper for paper in papers}

    def clean(self):
        values, allowed = {}, {value for value, _label in BID_CHOICES}
        for key, value in self.data.items():
            if not key.startswith("bid-"):
                continue
            paper = self.papers.get(key[4:])
            if paper is None:
                continue  # a paper that left the list (a conflict came to light) is not bid on
            if value not in allowed:
                raise ValidationError(_("“%(value)s” is not a bid.") % {"value": value})
            values[paper] = value
        self.cleaned_data["values"] = values
        return self.cleaned_data


class ConflictAddForm(forms.Form):
    submission = forms.TypedChoiceField(label=gettext_lazy("Paper"), coerce=str)
    reviewer = forms.TypedChoiceField(label=gettext_lazy("Reviewer"), coerce=str)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=300, required=False)

    def __init__(self, *args, papers, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submission"].choices = [("", "—")] + [(str(p.code), f"#{p.number} {p.title}") for p in papers]
        self.fields["reviewer"].choices = [("", "—")] + [(str(r.code), r.user.display_name) for r in reviewers]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("add", _("Record the conflict")))


class ProposalForm(forms.Form):
    reviewers_per_paper = forms.IntegerField(label=gettext_lazy("Reviewers per paper"), initial=3, min_value=1,
                                             max_value=10)
    min_load = forms.IntegerField(
        label=gettext_lazy("Minimum papers per reviewer"), initial=0, min_value=0, max_value=50,
        help_text=AssignmentProposal._meta.get_field("min_load").help_text,
    )
    max_load = forms.IntegerField(
        label=gettext_lazy("Maximum papers per reviewer"), required=False, min_value=1, max_value=100,
        help_text=AssignmentProposal._meta.get_field("max_load").help_text,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("run", _("Compute a proposal")))

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_load"), cleaned.get("max_load")
        if low is not None and high is not None and low > high:
            self.add_error("min_load", _("The minimum cannot be above the maximum (%(high)d).") % {"high": high})
        return cleaned

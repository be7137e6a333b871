"""The submission form and its parts: validation only, against the call's rules.

The form is one page: the paper's details (SubmissionForm), its authors
(AuthorFormSet, ordered, exactly one corresponding author), the conflicts the
authors declare (ConflictFormSet) and the PDF. Each rule that fails puts a
message naming it next to its field; nothing is written here.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from submissions.forms.paper import PaperUploadForm, SubmissionForm, keywords_from, words_in
from submissions.forms.people import AuthorFormSet, ConflictFormSet

__all__ = [
    "AuthorFormSet", "ConflictFormSet", "PaperUploadForm", "SubmissionForm", "SubmissionFormGroup", "WithdrawForm",
    "keywords_from", "words_in",
]


class SubmissionFormGroup:
    """The submission page's form and formsets, validated together so that
    every mistake is shown at once."""

    def __init__(self, data=None, files=None, *, panel, editor, editor_emails, submission=None):
        self.details = SubmissionForm(data, files, panel=panel, submission=submission)
        if submission is not None:
            author_initial = [
                {"name": author.name, "email": author.email, "affiliation": author.affiliation,
                 "country": author.country.code or "", "orcid": author.orcid, "is_corresponding": author.is_corresponding,
                 "mail_language": author.mail_language}
                for author in submission.authors.all()
            ]
            conflict_initial = [
                {name: getattr(conflict, name) for name in ("name", "email", "institution", "reason")}
                for conflict in submission.declared_conflicts.all()
            ]
        else:
            author_initial = [{
                "name": editor.full_name, "email": editor.email, "affiliation": editor.affiliation,
                "country": editor.country.code or "", "orcid": editor.orcid, "is_corresponding": True,
            }]
            conflict_initial = []
        self.authors = AuthorFormSet(data, prefix="authors", initial=author_initial, editor_emails=editor_emails)
        self.conflicts = ConflictFormSet(data, prefix="conflicts", initial=conflict_initial)

    def is_valid(self) -> bool:
        return all([self.details.is_valid(), self.authors.is_valid(), self.conflicts.is_valid()])

    def refuse(self, message: str) -> None:
        """A rule of the lifecycle forbids saving: say so above the form, keep what was typed."""
        self.details.add_error(None, ValidationError(message, code="refused"))

    def service_arguments(self) -> dict:
        return {
            "details": self.details.details(),
            "topics": list(self.details.cleaned_data["topics"]),
            "authors": self.authors.authors(),
            "conflicts": self.conflicts.conflicts(),
            "paper": self.details.cleaned_data["paper"],
        }


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that a withdrawn paper is out of the review for good."), required=True,
    )

"""The anonymity check of a double-blind call: where the PDF's text and
metadata (Info dictionary, XMP) name its authors, by name, email address or
ORCID iD. It searches what the budgeted check read (`CheckedPdf.searchable`),
in the request: that reading is the expensive part and it is bounded.
"""

import re
import unicodedata

from django.utils.translation import pgettext_lazy

from submissions.pdf.check import CheckedPdf

# The Info dictionary's standard properties, named as a PDF reader in the author's language names them.
PROPERTY_LABELS = {
    "Title": pgettext_lazy("PDF property", "Title"),
    "Author": pgettext_lazy("PDF property", "Author"),
    "Subject": pgettext_lazy("PDF property", "Subject"),
    "Keywords": pgettext_lazy("PDF property", "Keywords"),
    "Creator": pgettext_lazy("PDF property", "Creator"),
    "Producer": pgettext_lazy("PDF property", "Producer"),
}


def _folded(text: str) -> str:
    """Lower case, no accents, single spaces: 'Mattioli ' matches 'MATTIOLI\\n'."""
    decomposed = unicodedata.normalize("NFKD", text)
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", without_accents).casefold()


def identity_findings(pdf: CheckedPdf, *, names: list[str], emails: list[str], orcids: list[str]) -> list[dict]:
    """Where the PDF names its authors, one finding per term and place:
    {"term": ..., "in": "info", "field": "Author"}, {"term": ..., "in": "xmp"},
    {"term": ..., "in": "text", "pages": [1, 2]}."""
    terms = [term.strip() for term in [*names, *emails, *orcids] if term and len(term.strip()) >= 3]
    folded_terms = [(term, _folded(term)) for term in dict.fromkeys(terms)]
    metadata_findings, pages_by_term = [], {}
    for (place, detail), text in pdf.searchable:
        folded_text = _folded(text)
        for term, folded_term in folded_terms:
            if folded_term not in folded_text:
                continue
            if place == "page":
                pages_by_term.setdefault(term, []).append(detail)
            elif place == "info":
                metadata_findings.append({"term": term, "in": "info", "field": detail})
            else:
                metadata_findings.append({"term": term, "in": "xmp"})
    text_findings = [{"term": term, "in": "text", "pages": pages} for term, pages in pages_by_term.items()]
    return metadata_findings + text_findings


def property_label(key: str) -> str:
    """A finding's Info dictionary key ("Author") as the reader's language names it; other keys as they are."""
    return str(PROPERTY_LABELS.get(key, key))

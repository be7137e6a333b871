"""The uploaded paper: its check under a budget, the anonymity check and the
reviewers' copy.

- `check`: `inspect_pdf` / `inspect_pdf_bytes` (the rules, their messages),
  running `reading.read` in a child process under `budget.run_within`;
- `reading`: the parse, the text and metadata read for the anonymity check,
  the ceilings on decompressed bytes and operators;
- `active`: active content found and the reviewers' copy written without it;
- `identity`: where the PDF names its authors.
"""

from submissions.pdf.check import CheckedPdf, PdfRejected, inspect_pdf, inspect_pdf_bytes, reviewers_copy
from submissions.pdf.identity import identity_findings, property_label

__all__ = [
    "CheckedPdf", "PdfRejected", "identity_findings", "inspect_pdf", "inspect_pdf_bytes", "property_label", "reviewers_copy",
]

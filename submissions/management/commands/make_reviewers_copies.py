"""Gives every paper version uploaded before reviewers' copies were made in
every call (outside double-blind calls they had none, and reviewers got the
original) its copy without metadata, active content or annotation text, and
records the active content found. Safe to run again: versions that have a
copy are left alone."""

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand

from submissions import pdf
from submissions.models import PaperFile


class Command(BaseCommand):
    help = "Make the reviewers' copy of every paper version that has none (papers uploaded before every call had one)."

    def handle(self, *args, **options):
        made = refused = 0
        for paper in PaperFile.objects.filter(blind_copy="").select_related("submission").iterator():
            with paper.file.open("rb") as stored:
                data = stored.read()
            try:
                checked = pdf.inspect_pdf_bytes(data, name=paper.original_name, page_limit=max(paper.pages, 1))
            except pdf.PdfRejected as rejection:
                refused += 1
                self.stderr.write(f"{paper.submission.code} v{paper.version} ({paper.kind}): {rejection.message}")
                continue
            paper.blind_copy.save("paper.pdf", ContentFile(pdf.reviewers_copy(checked)), save=False)
            paper.active_content = checked.active_content
            paper.save(update_fields=["blind_copy", "active_content"])
            made += 1
        self.stdout.write(f"Reviewers' copies made: {made}; versions the check refused now (listed above): {refused}.")

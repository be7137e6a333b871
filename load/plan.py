"""What the crowd of `make load` works on, read from the load database after
`generate_conference`: the call (its full-paper deadline moved to an hour from
now), the submission form's fields, the reviewers with reviews left to write,
the chairs, and PDFs of 1 to 10 MB. Needs Django set up on that database."""

from __future__ import annotations

import hashlib
import math
from datetime import timedelta
from pathlib import Path

PDF_MEGABYTES = (1, 3, 5, 7, 9.5)
REVIEWS_PER_REVIEWER = 3


def write_pdfs(folder: Path) -> list[tuple[str, str]]:
    """Real PDFs of 1 to 10 MB (text pages and a photograph-like figure), with their SHA-256."""
    from bench.conference import two_megabyte_pdf

    pdfs = []
    for megabytes in PDF_MEGABYTES:
        data = two_megabyte_pdf(size=int(megabytes * 1_000_000))
        path = folder / f"paper-{megabytes}mb.pdf"
        path.write_bytes(data)
        pdfs.append((str(path), hashlib.sha256(data).hexdigest()))
    return pdfs


def build_plan(*, folder: Path, authors: int, reviewers: int, chairs: int, password: str) -> dict:
    from django.db.models import Count
    from django.urls import reverse
    from django.utils import timezone

    from bench.conference import submission_post
    from portal.models import Panel, PanelChair, User
    from reviews.models import Assignment, Review
    from submissions.models import Submission

    panel = Panel.objects.annotate(papers=Count("submissions")).order_by("-papers", "pk").first()
    if panel is None:
        raise SystemExit("no panel: generate_conference did not run")
    panel.submission_deadline = timezone.now() + timedelta(hours=1)  # the last hour before the deadline
    panel.save(update_fields=["submission_deadline"])
    call = {"conference_slug": panel.conference.slug, "panel_slug": panel.slug}
    model_author = User(email="model-author@load.example.org", full_name="Model Author")
    form, _files = submission_post(panel, model_author, b"")("")
    email_field = next(name for name, value in form.items() if value == model_author.email)
    done = set(Review.objects.filter(state=Review.State.SUBMITTED, submission__panel=panel)
               .values_list("reviewer_id", "submission_id"))
    papers_left: dict[int, list[str]] = {}
    assignments = Assignment.objects.filter(submission__panel=panel).order_by("pk")
    for reviewer_id, submission_id, code in assignments.values_list("reviewer_id", "submission_id",
                                                                    "submission__code"):
        if (reviewer_id, submission_id) not in done:
            papers_left.setdefault(reviewer_id, []).append(str(code))
    busiest = sorted(papers_left, key=lambda pk: (-len(papers_left[pk]), pk))[:reviewers]
    emails = dict(User.objects.filter(pk__in=busiest).values_list("pk", "email"))
    papers = Submission.objects.filter(panel=panel).exclude(state=Submission.State.DRAFT).count()
    return {
        "authors": authors,
        "password": "Load-" + hashlib.sha256(password.encode()).hexdigest()[:16],
        "reviewer_password": password,
        "submit_url": reverse("submissions:create", kwargs=call),
        "form": {name: value for name, value in form.items()},
        "author_email_field": email_field,
        "author_name_field": email_field.replace("email", "name"),
        "reviewers": [{"email": emails[pk], "papers": papers_left[pk][:REVIEWS_PER_REVIEWER]} for pk in busiest],
        "reviewer_count": len(busiest),
        "chairs": list(PanelChair.objects.filter(panel=panel).values_list("user__email", flat=True)[:chairs]),
        "chair_count": chairs,
        "dashboard_url": reverse("reviews:dashboard", kwargs={"conference": panel.conference.slug,
                                                              "panel": panel.slug}),
        "dashboard_pages": max(1, math.ceil(papers / 50)),
        "pdfs": write_pdfs(folder),
        "panel": panel.slug,
    }

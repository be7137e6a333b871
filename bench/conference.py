"""The key pages of a generated conference (`manage.py generate_conference`),
with the users who see them: the largest panel, one of its chairs, its
busiest reviewer, and an author of one of its papers. Needs Django set up on
the benchmark's database."""

from __future__ import annotations

import io

from bench.pages import TRIVIAL, Page

# Every benchmarked page, in the order of the table.
PAGE_NAMES = (
    TRIVIAL,
    "public call page",
    "author dashboard",
    "submission form (GET)",
    "submission form (POST, 2 MB PDF)",
    "reviewer's assignment list",
    "review form",
    "bid page (500 papers)",
    "chair dashboard",
    "chair assignment page",
    "CSV export",
)


def two_megabyte_pdf(pages: int = 12, size: int = 2 * 1024 * 1024) -> bytes:
    """A real PDF of about `size` bytes: text pages, the first with an uncompressed
    photograph-like image, as a paper with figures weighs."""
    import random

    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, StreamObject

    from tests.pdfs import make_pdf

    writer = PdfWriter(clone_from=io.BytesIO(make_pdf(
        ["Security practices on the move: peace operations and policing in the Global South"] * 40, pages=pages,
    )))
    width = 1024
    height = max(1, (size - 60_000) // (width * 3))
    image = StreamObject()
    image.set_data(random.Random(7).randbytes(width * height * 3))
    image.update({
        NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
        NameObject("/Width"): NumberObject(width), NameObject("/Height"): NumberObject(height),
        NameObject("/ColorSpace"): NameObject("/DeviceRGB"), NameObject("/BitsPerComponent"): NumberObject(8),
    })
    page = writer.pages[0]
    page[NameObject("/Resources")][NameObject("/XObject")] = DictionaryObject(
        {NameObject("/Fig1"): writer._add_object(image)},
    )
    drawing = StreamObject()
    drawing.set_data(b"q 468 0 0 300 72 300 cm /Fig1 Do Q")
    page[NameObject("/Contents")] = ArrayObject([page.raw_get("/Contents"), writer._add_object(drawing)])
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def submission_post(panel, author, pdf: bytes):
    """The form post of a new paper by `author`, within the panel's rules, built
    from the seed paper (as an author types it)."""
    from tests.seed_paper import form_data, seed_paper

    paper = seed_paper()
    words = paper["abstract"].split()
    while len(words) < panel.abstract_min_words:
        words += words
    paper["abstract"] = " ".join(words[:panel.abstract_max_words])
    wanted = min(max(len(paper["keywords"]), panel.keywords_min), panel.keywords_max)
    paper["keywords"] = [f"{keyword} {n // len(paper['keywords']) or ''}".strip()
                         for n, keyword in enumerate(paper["keywords"] * 3)][:wanted]
    paper["language"] = paper["language"] if paper["language"] in panel.languages else panel.languages[0]
    paper["authors"][0].update(email=author.email, name=author.full_name or paper["authors"][0]["name"])
    topics = list(panel.topics.all()[:2])

    def build(_form_html: str) -> tuple[dict, dict]:
        return form_data(paper, topics=topics), {"paper": ("paper.pdf", pdf, "application/pdf")}

    return build


def key_pages(password: str) -> tuple[list[Page], dict[str, tuple[str, str]], dict]:
    """The pages to measure, the logins of their roles, and what was chosen (for the report)."""
    from django.db.models import Count
    from django.urls import reverse

    from portal.models import Panel, PanelChair
    from reviews.models import Assignment, Review
    from submissions.models import Submission

    panel = (Panel.objects.annotate(papers=Count("submissions")).order_by("-papers", "pk")
             .select_related("conference").first())
    if panel is None:
        raise SystemExit("no panel with papers: run manage.py generate_conference first")
    chair = PanelChair.objects.filter(panel=panel).select_related("user").first().user
    busiest = (Assignment.objects.filter(submission__panel=panel).values("reviewer")
               .annotate(load=Count("pk")).order_by("-load", "reviewer").first())
    review = (Review.objects.filter(submission__panel=panel, reviewer_id=busiest["reviewer"])
              .select_related("reviewer", "submission").order_by("pk").first())
    reviewer = review.reviewer
    paper = (Submission.objects.filter(panel=panel, state=Submission.State.SUBMITTED)
             .exclude(created_by__in=[chair, reviewer]).select_related("created_by").order_by("pk").first())
    author_user = paper.created_by
    in_panel = {"conference": panel.conference.slug, "panel": panel.slug}
    call = {"conference_slug": panel.conference.slug, "panel_slug": panel.slug}
    pdf = two_megabyte_pdf()
    pages = [
        Page(TRIVIAL, "visitor", "/robots.txt"),
        Page("public call page", "visitor", reverse("call", kwargs=call)),
        Page("author dashboard", "author", reverse("submissions:dashboard")),
        Page("submission form (GET)", "author", reverse("submissions:create", kwargs=call)),
        Page("submission form (POST, 2 MB PDF)", "author", reverse("submissions:create", kwargs=call),
             post=submission_post(panel, author_user, pdf), expected_status=302),
        Page("reviewer's assignment list", "reviewer", reverse("reviews:my_reviews")),
        Page("review form", "reviewer", reverse("reviews:review", kwargs={"code": review.submission.code})),
        Page("bid page (500 papers)", "reviewer", reverse("reviews:bids", kwargs=in_panel)),
        Page("chair dashboard", "chair", reverse("reviews:dashboard", kwargs=in_panel)),
        Page("chair assignment page", "chair", reverse("reviews:assignment", kwargs=in_panel)),
        Page("CSV export", "chair", reverse("reviews:dashboard_export", kwargs={**in_panel, "fmt": "csv"})),
    ]
    logins = {role: (user.email, password) for role, user in
              (("author", author_user), ("reviewer", reviewer), ("chair", chair))}
    chosen = {
        "panel": panel.slug, "panel_papers": panel.papers, "chair": chair.email, "reviewer": reviewer.email,
        "reviewer_assignments": busiest["load"], "author": author_user.email, "pdf_bytes": len(pdf),
    }
    return pages, logins, chosen

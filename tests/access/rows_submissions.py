"""The author's side: the dashboard, the form, a submission's pages and files.

A submission is seen by its authors and by its panel's chairs (once it is
submitted); it is changed by its authors only. Everyone else, reviewers and
staff included, learns nothing of it here (reviewers get their copy through
the reviews part)."""

from tests.access.matrix import PANEL_CHAIR, PAPER_AUTHORS, SIGNED_IN, Row

# Who may know a submitted paper exists (403 when refused): its authors and
# its panel's chairs; a draft, only its authors. Everyone else gets 404.
KNOW_THE_PAPER = PAPER_AUTHORS | PANEL_CHAIR
from tests.factories import AuthorFactory, PaperFileFactory, SubmissionFactory
from tests.pdfs import make_pdf, upload
from tests.seed_paper import form_data, seed_paper


def call_slugs(cast) -> dict:
    return {"conference_slug": cast.panel.conference.slug, "panel_slug": cast.panel.slug}


def paper_code(cast) -> dict:
    return {"code": cast.paper.code}


def first_version(cast) -> dict:
    PaperFileFactory(submission=cast.paper)
    return {"code": cast.paper.code, "kind": "paper", "version": 1}


def draft_code(cast) -> dict:
    """A draft by the same two authors, with its PDF, ready to submit."""
    cast.draft = SubmissionFactory(panel=cast.panel, created_by=cast.author, state="draft", submitted_at=None,
                                   title="A draft on policing and peace operations")
    AuthorFactory(submission=cast.draft, position=2, name=cast.coauthor.full_name, email=cast.coauthor.email)
    PaperFileFactory(submission=cast.draft)
    return {"code": cast.draft.code}


def draft_secrets(cast) -> list[str]:
    return [cast.draft.title, cast.author.full_name, cast.coauthor.full_name]


def paper_as_typed(cast) -> dict:
    """The paper's own authors and a changed title, as its edit form posts them."""
    paper = seed_paper()
    paper["title"] = "Paradiplomacy and city networks, revised"
    paper["authors"] = [
        {"name": author.name, "email": author.email, "affiliation": author.affiliation or "ABC",
         "is_corresponding": author.is_corresponding}
        for author in cast.paper.authors.order_by("position")
    ]
    return form_data(paper, topics=cast.panel.topics.all()[:1], initial_authors=len(paper["authors"]))


def new_paper_as_typed(cast) -> dict:
    return form_data(seed_paper(), topics=cast.panel.topics.all()[:1])


ROWS = [
    Row("submissions:dashboard", allowed=SIGNED_IN, note="each user sees only their own submissions"),
    Row("submissions:create", allowed=SIGNED_IN, kwargs=call_slugs),
    Row("submissions:create", allowed=SIGNED_IN, kwargs=call_slugs, method="post", data=new_paper_as_typed),
    Row("submissions:detail", allowed=PAPER_AUTHORS | PANEL_CHAIR, knows=KNOW_THE_PAPER, kwargs=paper_code),
    Row("submissions:edit", allowed=PAPER_AUTHORS, knows=KNOW_THE_PAPER, kwargs=paper_code),
    Row("submissions:edit", allowed=PAPER_AUTHORS, knows=KNOW_THE_PAPER, kwargs=paper_code, method="post", data=paper_as_typed),
    Row("submissions:upload", allowed=PAPER_AUTHORS, knows=KNOW_THE_PAPER, kwargs=paper_code),
    Row("submissions:upload", allowed=PAPER_AUTHORS, knows=KNOW_THE_PAPER, kwargs=paper_code, method="post",
        data=lambda cast: {"paper": upload(make_pdf())}),
    Row("submissions:submit", allowed=PAPER_AUTHORS, knows=PAPER_AUTHORS, kwargs=draft_code, method="post", secrets=draft_secrets),
    Row("submissions:withdraw", allowed=PAPER_AUTHORS, knows=KNOW_THE_PAPER, kwargs=paper_code, method="post",
        data=lambda cast: {"confirm": "on"}),
    Row("submissions:download", allowed=PAPER_AUTHORS | PANEL_CHAIR, knows=KNOW_THE_PAPER, kwargs=first_version),
]

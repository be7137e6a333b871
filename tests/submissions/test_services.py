import datetime
import io

import pytest
from django.core import mail
from pypdf import PdfReader

from portal.models import AuditEvent, OutboundMail
from portal.refusals import Refused
from submissions import pdf, services
from submissions.models import Author, PaperFile, Submission
from tests.factories import PanelFactory, PaperFileFactory, TopicFactory
from tests.pdfs import make_pdf, seed_paper_bytes, upload
from tests.seed_paper import SEED_PAPER

pytestmark = pytest.mark.django_db
DETAILS = {
    "title": SEED_PAPER["title"], "abstract": SEED_PAPER["abstract"], "keywords": SEED_PAPER["keywords"],
    "addresses_other_question": False, "language": "en", "second_language": "pt",
    "second_title": SEED_PAPER["second_title"], "second_abstract": SEED_PAPER["second_abstract"],
    "second_keywords": SEED_PAPER["second_keywords"],
}


def checked(data: bytes) -> pdf.CheckedPdf:
    return pdf.inspect_pdf(upload(data), max_bytes=10 * 1024 * 1024, page_limit=40, read_text=True)


def author_data(name, email, *, corresponding=False, orcid=""):
    return {"name": name, "email": email, "affiliation": "Federal University of ABC", "country": "BR",
            "orcid": orcid, "is_corresponding": corresponding}


def seed_authors():
    return [author_data(a["name"], a["email"], corresponding=a["is_corresponding"], orcid=a["orcid"])
            for a in SEED_PAPER["authors"]]


def create(panel, by, **changes):
    arguments = {"panel": panel, "by": by, "details": DETAILS, "topics": list(panel.topics.all()[:1]),
                 "authors": seed_authors(), "conflicts": [], "paper": None} | changes
    return services.submission_create(**arguments)


@pytest.fixture
def gilberto(db):
    from tests.factories import UserFactory

    return UserFactory(email=SEED_PAPER["authors"][0]["email"], full_name=SEED_PAPER["authors"][0]["name"])


def test_submissions_are_numbered_from_one_within_each_panel(panel, gilberto):
    other_panel = PanelFactory(conference=panel.conference)
    TopicFactory(panel=other_panel)
    numbers = [create(panel, gilberto).number, create(panel, gilberto).number, create(other_panel, gilberto).number]
    assert numbers == [1, 2, 1]


def test_a_double_blind_upload_stores_the_file_its_findings_and_a_reviewers_copy(panel, gilberto):
    submission = create(panel, gilberto, paper=checked(seed_paper_bytes()))
    paper = submission.current_paper
    assert paper.version == 1 and paper.pages == 15 and paper.uploaded_by == gilberto
    assert paper.file.read() == seed_paper_bytes()
    assert {f["term"] for f in paper.anonymity_findings if f["in"] == "info"} == {
        "Gilberto Marcos Antonio Rodrigues", "Thiago Mattioli",
    }
    blind = PdfReader(io.BytesIO(paper.blind_copy.read()))
    assert len(blind.pages) == 15 and "Mattioli" not in str(blind.metadata or {})


def test_a_call_that_is_not_double_blind_makes_a_reviewers_copy_but_no_findings(panel, gilberto):
    panel.double_blind = False
    panel.save()
    paper = create(panel, gilberto, paper=checked(seed_paper_bytes())).current_paper
    assert paper.anonymity_findings == []
    assert len(PdfReader(io.BytesIO(paper.blind_copy.read())).pages) == 15


def test_a_write_that_fails_leaves_neither_rows_nor_files(panel, gilberto, stored_files, monkeypatch):
    def broken_audit(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "audit_record", broken_audit)
    with pytest.raises(RuntimeError):
        create(panel, gilberto, paper=checked(seed_paper_bytes()))
    assert not Submission.objects.exists() and not PaperFile.objects.exists()
    assert stored_files() == []


def test_a_new_version_keeps_the_earlier_ones(paper, author):
    first = PaperFileFactory(submission=paper)
    second = services.paper_upload(submission=paper, by=author, paper=checked(make_pdf(pages=2)))
    assert second.version == 2
    assert list(paper.files.order_by("version").values_list("version", "sha256")) == [
        (1, first.sha256), (2, second.sha256),
    ]
    assert Submission.objects.get(pk=paper.pk).current_paper == second


def test_submitting_records_the_time_audits_and_mails_every_author_only(
    panel, gilberto, chair, django_capture_on_commit_callbacks,
):
    submission = create(panel, gilberto, paper=checked(make_pdf()))
    moment = panel.opens_at + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_submit(submission=submission, by=gilberto, now=moment)
    submission.refresh_from_db()
    assert submission.state == Submission.State.SUBMITTED and submission.submitted_at == moment
    event = AuditEvent.objects.get(action="submission.submitted")
    assert (event.actor, event.from_state, event.to_state) == (gilberto, "draft", "submitted")
    assert sorted(message.to[0] for message in mail.outbox) == sorted(a["email"] for a in SEED_PAPER["authors"])
    assert chair.email not in {message.to[0] for message in mail.outbox}
    templates = dict(OutboundMail.objects.values_list("to_email", "template"))
    assert templates == {
        SEED_PAPER["authors"][0]["email"]: "submission_receipt",
        SEED_PAPER["authors"][1]["email"]: "submission_coauthor_added",
    }


def test_the_receipt_states_the_time_in_the_recipients_time_zone(paper, author, coauthor,
                                                                 django_capture_on_commit_callbacks):
    coauthor.time_zone = "America/Sao_Paulo"
    coauthor.save()
    PaperFileFactory(submission=paper)
    moment = datetime.datetime(2026, 12, 1, 15, 30, tzinfo=datetime.UTC)
    with django_capture_on_commit_callbacks(execute=True):
        services.paper_upload(submission=paper, by=author, paper=checked(make_pdf(pages=3)), now=moment)
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "Dec. 1, 2026, 12:30 p.m. (São Paulo time)" in bodies[coauthor.email]
    assert "Dec. 1, 2026, 3:30 a.m. (AoE)" in bodies[author.email]  # no zone chosen: the call's
    new_version = paper.files.get(version=2)
    assert all(new_version.sha256 in body and paper.title in body for body in bodies.values())
    html_body, mimetype = mail.outbox[0].alternatives[0]
    assert mimetype == "text/html" and new_version.sha256 in html_body


def test_a_change_mails_a_receipt_and_tells_a_newly_listed_author(paper, author, coauthor,
                                                                   django_capture_on_commit_callbacks):
    authors = [author_data(a.name, a.email, corresponding=a.is_corresponding) for a in paper.authors.all()]
    authors.append(author_data("Nova Autora", "nova@unifesp.example.br"))
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_update(submission=paper, by=author, details=DETAILS, topics=[], authors=authors,
                                   conflicts=[])
    templates = dict(OutboundMail.objects.values_list("to_email", "template"))
    assert templates == {
        author.email: "submission_receipt", coauthor.email: "submission_receipt",
        "nova@unifesp.example.br": "submission_coauthor_added",
    }
    assert list(paper.authors.order_by("position").values_list("email", flat=True))[-1] == "nova@unifesp.example.br"


def test_an_unchanged_save_sends_nothing(paper, author):
    details = {name: getattr(paper, name) for name in services.DETAIL_FIELDS}
    authors = [author_data(a.name, a.email, corresponding=a.is_corresponding) | {"affiliation": a.affiliation,
                                                                                   "country": ""}
               for a in paper.authors.all()]
    services.submission_update(submission=paper, by=author, details=details, topics=[], authors=authors, conflicts=[])
    assert not OutboundMail.objects.exists()
    assert not AuditEvent.objects.filter(action="submission.changed").exists()


def test_the_corresponding_author_can_move_to_another_author(paper, author, coauthor):
    authors = [author_data(a.name, a.email, corresponding=(a.email == coauthor.email)) for a in paper.authors.all()]
    services.submission_update(submission=paper, by=author, details=DETAILS, topics=[], authors=authors, conflicts=[])
    assert Author.objects.get(submission=paper, is_corresponding=True).email == coauthor.email


def test_changing_the_authors_looks_for_the_new_names_in_the_current_pdf(paper, author):
    services.paper_upload(submission=paper, by=author, paper=checked(make_pdf(["Thanks to Nova Autora"])))
    assert paper.files.get().anonymity_findings == []
    authors = [author_data(a.name, a.email, corresponding=a.is_corresponding) for a in paper.authors.all()]
    authors.append(author_data("Nova Autora", "nova@unifesp.example.br"))
    services.submission_update(submission=paper, by=author, details=DETAILS, topics=[], authors=authors, conflicts=[])
    assert paper.files.get().anonymity_findings == [{"term": "Nova Autora", "in": "text", "pages": [1]}]


def test_a_change_after_the_deadline_is_refused_and_changes_nothing(paper, author):
    late = paper.panel.submission_deadline + datetime.timedelta(seconds=1)
    with pytest.raises(Refused, match="full-paper deadline"):
        services.submission_update(submission=paper, by=author, details=DETAILS, topics=[], authors=[],
                                   conflicts=[], now=late)
    paper.refresh_from_db()
    assert paper.title == "Paradiplomacy and city networks"


def test_declared_conflicts_are_stored_and_replaced(paper, author):
    authors = [author_data(a.name, a.email, corresponding=a.is_corresponding) for a in paper.authors.all()]
    conflict = {"name": "Carla Colleague", "email": "colleague@ufabc.example.edu.br", "institution": "",
                "reason": "Supervisor"}
    services.submission_update(submission=paper, by=author, details=DETAILS, topics=[], authors=authors,
                               conflicts=[conflict])
    assert list(paper.declared_conflicts.values_list("name", "reason")) == [("Carla Colleague", "Supervisor")]
    services.submission_update(submission=paper, by=author, details=DETAILS, topics=[], authors=authors, conflicts=[])
    assert not paper.declared_conflicts.exists()


def test_withdrawing_a_submitted_paper_tells_every_author(paper, author, coauthor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_withdraw(submission=paper, by=coauthor)
    paper.refresh_from_db()
    assert paper.state == Submission.State.WITHDRAWN and paper.withdrawn_at
    assert sorted(message.to[0] for message in mail.outbox) == sorted([author.email, coauthor.email])
    assert AuditEvent.objects.get(action="submission.withdrawn").actor == coauthor


def test_a_withdrawn_paper_cannot_be_withdrawn_again(paper, author):
    services.submission_withdraw(submission=paper, by=author)
    with pytest.raises(Refused, match="already withdrawn"):
        services.submission_withdraw(submission=paper, by=author)

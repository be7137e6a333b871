import pytest
from django.core.exceptions import PermissionDenied

from portal.models import AuditEvent
from portal.refusals import Refused
from reviews.conflicts import detect_conflicts, institutional_domain, normalise
from reviews.models import Assignment, Bid, Conflict
from reviews.services.assignment import assignment_add
from reviews.services.bids import bids_save
from reviews.services.conflicts import conflict_add, conflict_lift, conflicts_detect, conflicts_refresh
from submissions.models import DeclaredConflict
from tests import factories
from tests.reviews.helpers import open_bidding, panel_url

pytestmark = pytest.mark.django_db


def pool_member(panel, **user_fields):
    user = factories.UserFactory(**user_fields)
    factories.PanelReviewerFactory(panel=panel, user=user)
    return user


def authors_declare(paper, **fields):
    DeclaredConflict.objects.create(submission=paper, **fields)


def author_of_the_paper(paper, panel, chair):
    return pool_member(panel, email=paper.created_by.email)


def same_domain(paper, panel, chair):
    return pool_member(panel, email="someone.else@ufabc.example.edu.br")


def same_affiliation(paper, panel, chair):
    return pool_member(panel, affiliation="  federal university of ABC. ")


def coauthor_elsewhere(paper, panel, chair):
    reviewer = pool_member(panel, email="old.friend@unirio.example.br")
    other_panel = factories.PanelFactory(conference=panel.conference)
    earlier = factories.SubmissionFactory(panel=other_panel, created_by=reviewer)
    factories.AuthorFactory(submission=earlier, email=paper.created_by.email)
    return reviewer


def declared_by_email(paper, panel, chair):
    authors_declare(paper, email="rival@puc.example.br", reason="ongoing dispute")
    return pool_member(panel, email="rival@puc.example.br")


def declared_by_name(paper, panel, chair):
    authors_declare(paper, name="José Álvares")
    return pool_member(panel, full_name="Jose Alvares", email="jalvares@gmail.com")


def declared_by_institution(paper, panel, chair):
    authors_declare(paper, institution="Universidade de São Paulo")
    return pool_member(panel, affiliation="Universidade de Sao Paulo", email="x@gmail.com")


def declared_by_reviewer(paper, panel, chair):
    reviewer = pool_member(panel)
    open_bidding(panel)
    bids_save(panel=panel, reviewer=reviewer, values={paper: Bid.Value.CONFLICT}, by=reviewer)
    return reviewer


def added_by_a_chair(paper, panel, chair):
    reviewer = pool_member(panel)
    conflict_add(submission=paper, reviewer=reviewer, by=chair, reason="thesis adviser")
    return reviewer


SOURCES = {
    Conflict.Source.IS_AUTHOR: author_of_the_paper,
    Conflict.Source.EMAIL_DOMAIN: same_domain,
    Conflict.Source.AFFILIATION: same_affiliation,
    Conflict.Source.COAUTHOR: coauthor_elsewhere,
    "author_declared_email": declared_by_email,
    "author_declared_name": declared_by_name,
    "author_declared_institution": declared_by_institution,
    Conflict.Source.REVIEWER_DECLARED: declared_by_reviewer,
    Conflict.Source.CHAIR: added_by_a_chair,
}


@pytest.mark.parametrize("source", SOURCES)
def test_each_conflict_source_blocks_assignment_and_hides_the_paper_from_bidding(
        client, panel, paper, chair, source):
    reviewer = SOURCES[source](paper, panel, chair)
    conflicts_refresh(panel=panel)
    expected = source.split("_declared")[0] + "_declared" if "_declared_" in source else source
    assert Conflict.objects.filter(submission=paper, reviewer=reviewer, source=expected,
                                   lifted_at__isnull=True).exists()

    with pytest.raises(PermissionDenied):
        assignment_add(submission=paper, reviewer=reviewer, by=chair)
    assert not Assignment.objects.filter(submission=paper, reviewer=reviewer).exists()

    open_bidding(panel)
    client.force_login(reviewer)
    page = client.get(panel_url("bids", panel)).content.decode()
    assert f'name="bid-{paper.code}"' not in page

    # Nor is the reviewer offered on the chair's assignment page.
    client.force_login(chair)
    response = client.get(panel_url("assignment", panel))
    rows = response.context["rows"]
    assert reviewer.pk not in {candidate.reviewer.user_id for candidate in rows[0].suggestions}


def test_no_conflict_from_a_public_mail_provider_or_an_unrelated_colleague(panel, paper, author):
    author.email = "gilberto@gmail.com"
    paper.authors.update(email="gilberto@gmail.com")
    stranger = pool_member(panel, email="someone@gmail.com", affiliation="Another University")
    yahoo = pool_member(panel, email="someone@yahoo.com.br")
    assert institutional_domain("a@yahoo.com.br") == "" and institutional_domain("a@uol.com.br") == ""
    conflicts_refresh(panel=panel)
    assert not Conflict.objects.filter(reviewer__in=[stranger, yahoo]).exists()


def test_affiliations_match_whatever_their_case_accents_and_punctuation():
    assert normalise("Universidade de São Paulo (USP)") == normalise("universidade de sao paulo, USP")


def test_lifting_a_conflict_is_recorded_and_detection_never_brings_it_back(client, panel, paper, chair):
    colleague = same_domain(paper, panel, chair)
    conflicts_refresh(panel=panel)
    member = colleague.reviewer_roles.get()
    client.force_login(chair)
    response = client.post(panel_url("conflict_lift", panel, paper=paper.code, reviewer=member.code))
    assert response.status_code == 302

    conflict = Conflict.objects.get(submission=paper, reviewer=colleague)
    assert conflict.lifted_by == chair and conflict.lifted_at is not None
    event = AuditEvent.objects.get(action="conflict.lifted")
    assert event.actor == chair and event.data["source"] == "email_domain"

    conflicts_refresh(panel=panel)
    conflicts_refresh(panel=panel, reviewer_ids=[colleague.pk])
    assert Conflict.objects.filter(submission=paper, reviewer=colleague, lifted_at__isnull=True).count() == 0
    page = client.get(panel_url("conflicts", panel) + "?show=lifted").content.decode()
    assert f"lifted by {chair.full_name}" in page
    # Lifted, the pair may be assigned.
    assignment_add(submission=paper, reviewer=colleague, by=chair)


def test_chair_sees_why_each_conflict_exists_and_adds_one(client, panel, paper, chair, conflicted_reviewer,
                                                            unassigned_reviewer):
    client.force_login(chair)
    page = client.get(panel_url("conflicts", panel)).content.decode()
    assert "same institutional email domain: ufabc.example.edu.br" in page

    response = client.post(panel_url("conflict_add", panel), {
        "submission": str(paper.code), "reviewer": str(unassigned_reviewer.reviewer_roles.get().code),
        "reason": "former doctoral student",
    })
    assert response.status_code == 302
    added = Conflict.objects.get(reviewer=unassigned_reviewer, source="chair")
    assert added.detail == "former doctoral student" and added.created_by == chair


def test_a_chair_cannot_record_a_conflict_for_an_assigned_reviewer(client, panel, paper, chair, reviewer):
    client.force_login(chair)
    response = client.post(panel_url("conflict_add", panel), {
        "submission": str(paper.code), "reviewer": str(reviewer.reviewer_roles.get().code),
    })
    assert response.status_code == 400
    assert "unassign them" in response.content.decode()


def test_conflicts_no_longer_shown_by_the_data_go_away_unless_lifted(panel, paper, chair):
    colleague = same_domain(paper, panel, chair)
    conflicts_refresh(panel=panel)
    paper.authors.update(email="gilberto@elsewhere.example.org")
    report = conflicts_refresh(panel=panel)
    assert report.removed == 1
    assert not Conflict.objects.filter(reviewer=colleague).exists()


def test_detection_reads_a_fixed_number_of_queries_however_large_the_panel(panel, django_assert_max_num_queries):
    def grow(n):
        for i in range(n):
            paper = factories.SubmissionFactory(panel=panel)
            factories.AuthorFactory(submission=paper, email=f"author{i}@inst{i % 3}.example.br")
            pool_member(panel, email=f"rev{paper.pk}@inst{i % 3}.example.br")

    grow(3)
    with django_assert_max_num_queries(8):
        small = detect_conflicts(panel)
    grow(30)
    with django_assert_max_num_queries(8):
        large = detect_conflicts(panel)
    assert len(large) > len(small) > 0


def test_only_the_panels_chairs_ask_for_conflicts_to_be_looked_up_again(panel, paper, chair, reviewer, other_chair):
    for outsider in (reviewer, other_chair):
        with pytest.raises(Refused, match="Only the chairs of this panel"):
            conflicts_detect(panel=panel, by=outsider)
    assert not AuditEvent.objects.filter(action="conflicts.detected").exists()
    conflicts_detect(panel=panel, by=chair)
    assert AuditEvent.objects.get(action="conflicts.detected").actor == chair

import pytest
from django.core import mail
from django.core.management import call_command

from portal.models import AuditEvent, OutboundMail
from reviews.models import Assignment, AssignmentProposal, Bid, Conflict
from tests import factories
from tests.reviews.helpers import panel_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def staffed_panel(panel, paper, chair, reviewer, conflicted_reviewer, unassigned_reviewer):
    """Four papers; four reviewers with topics; one manual assignment (reviewer on paper)."""
    topics = list(panel.topics.all())
    papers = [paper] + [factories.SubmissionFactory(panel=panel) for _ in range(3)]
    for index, each in enumerate(papers):
        each.topics.add(topics[index % 3])
    fourth = factories.UserFactory(full_name="Fabio Fourth")
    factories.PanelReviewerFactory(panel=panel, user=fourth)
    people = [reviewer, conflicted_reviewer, unassigned_reviewer, fourth]
    for index, person in enumerate(people):
        person.reviewer_roles.get().topics.add(topics[index % 3])
    Bid.objects.create(submission=papers[1], reviewer=unassigned_reviewer, value="eager")
    return papers, people


def run(client, chair, panel, capture, **settings):
    client.force_login(chair)
    data = {"reviewers_per_paper": "2", "min_load": "0", "max_load": "", **settings}
    with capture(execute=True):
        response = client.post(panel_url("proposals", panel), data)
    assert response.status_code == 302
    return AssignmentProposal.objects.get(code=response["Location"].rstrip("/").split("/")[-1])


def test_chair_runs_the_assigner_reviews_the_proposal_and_commits_it(
        client, panel, chair, staffed_panel, django_capture_on_commit_callbacks):
    papers, (reviewer, conflicted_reviewer, unassigned_reviewer, fourth) = staffed_panel
    proposal = run(client, chair, panel, django_capture_on_commit_callbacks)

    assert proposal.state == "ready", proposal.error
    pairs = {(pair.submission_id, pair.reviewer_id): pair for pair in proposal.pairs.all()}
    assert len(pairs) == 8 and not proposal.shortfalls
    assert (papers[0].pk, reviewer.pk) in pairs and pairs[(papers[0].pk, reviewer.pk)].is_existing
    assert (papers[0].pk, conflicted_reviewer.pk) not in pairs
    assert pairs[(papers[1].pk, unassigned_reviewer.pk)].explanation["bid"] == "eager"
    # Nothing is assigned, and nobody told, before the chair commits.
    assert Assignment.objects.count() == 1
    assert not OutboundMail.objects.filter(template="reviewer_assignment").exists()

    page = client.get(panel_url("proposal", panel, code=proposal.code)).content.decode()
    assert "bid: eager" in page and "topics" in page and "already assigned" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(panel_url("proposal_commit", panel, code=proposal.code))
    assert response.status_code == 302
    automatic = Assignment.objects.filter(origin="automatic")
    assert automatic.count() == 7
    assert Assignment.objects.get(submission=papers[0], reviewer=reviewer).origin == "manual"
    explained = automatic.get(submission=papers[1], reviewer=unassigned_reviewer).explanation
    assert explained["bid"] == "eager" and explained["proposal"] == str(proposal.code)
    told = sorted(message.to[0] for message in mail.outbox)
    assert told == sorted({pair.reviewer.email for pair in automatic.select_related("reviewer")})
    assert AuditEvent.objects.filter(action="proposal.assignments_made").exists()
    call_command("check_invariants")

    # The reasons stay on the assignment page, and a committed proposal cannot be committed again.
    assert "assigned by the assigner: " in client.get(panel_url("assignment", panel)).content.decode()
    assert client.post(panel_url("proposal_commit", panel, code=proposal.code)).status_code == 403


def test_shortfalls_are_reported_with_the_papers_and_why(client, panel, chair, staffed_panel,
                                                         django_capture_on_commit_callbacks):
    papers, people = staffed_panel
    for person in people:
        Conflict.objects.get_or_create(submission=papers[3], reviewer=person, source="chair")
    proposal = run(client, chair, panel, django_capture_on_commit_callbacks)
    assert proposal.state == "ready"
    missing = {item["number"]: item["missing"] for item in proposal.shortfalls if item["kind"] == "paper"}
    assert missing == {papers[3].number: 2}
    page = client.get(panel_url("proposal", panel, code=proposal.code)).content.decode()
    assert f"Paper #{papers[3].number} lacks 2 reviewers" in page


def test_an_empty_pool_fails_with_a_message_not_silently(client, panel, paper, chair,
                                                         django_capture_on_commit_callbacks):
    proposal = run(client, chair, panel, django_capture_on_commit_callbacks)
    assert proposal.state == "failed" and "no reviewer" in proposal.error
    assert proposal.error in client.get(panel_url("proposal", panel, code=proposal.code)).content.decode()


def test_a_running_proposal_shows_its_progress(client, panel, chair):
    proposal = AssignmentProposal.objects.create(panel=panel, state="running", progress=40)
    client.force_login(chair)
    page = client.get(panel_url("proposal", panel, code=proposal.code)).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page and 'value="40"' in page


def test_bad_settings_are_refused_next_to_their_field(client, panel, chair):
    client.force_login(chair)
    response = client.post(panel_url("proposals", panel), {"reviewers_per_paper": "0", "min_load": "5",
                                                            "max_load": "2"})
    assert response.status_code == 400
    assert not AssignmentProposal.objects.exists()
    page = response.content.decode()
    assert "The minimum cannot be above the maximum" in page and 'value="5"' in page


PROPOSAL_PAGE_QUERIES = 12


def test_the_proposal_page_takes_a_fixed_number_of_queries(client, panel, chair, staffed_panel,
                                                           django_capture_on_commit_callbacks,
                                                           django_assert_max_num_queries):
    proposal = run(client, chair, panel, django_capture_on_commit_callbacks)
    with django_assert_max_num_queries(PROPOSAL_PAGE_QUERIES):
        small = client.get(panel_url("proposal", panel, code=proposal.code))
    assert small.status_code == 200
    for _ in range(20):
        factories.SubmissionFactory(panel=panel)
        factories.PanelReviewerFactory(panel=panel)
    bigger = run(client, chair, panel, django_capture_on_commit_callbacks)
    with django_assert_max_num_queries(PROPOSAL_PAGE_QUERIES):
        big = client.get(panel_url("proposal", panel, code=bigger.code))
    assert big.status_code == 200

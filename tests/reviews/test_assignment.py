import pytest
from django.core import mail
from django.urls import reverse

from portal.models import AuditEvent
from reviews.models import Assignment, Conflict
from tests import factories
from tests.reviews.helpers import panel_url

pytestmark = pytest.mark.django_db


def member(user):
    return user.reviewer_roles.get()


def test_chair_assigns_with_one_click_and_the_reviewer_is_told(client, panel, paper, chair, unassigned_reviewer,
                                                               django_capture_on_commit_callbacks):
    member(unassigned_reviewer).topics.add(panel.topics.first())
    paper.topics.add(panel.topics.first())
    client.force_login(chair)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            panel_url("assign", panel, paper=paper.code, reviewer=member(unassigned_reviewer).code), {"page": "1"})
    assert response.status_code == 302 and response["Location"].endswith(f"#paper-{paper.number}")
    assignment = Assignment.objects.get(submission=paper, reviewer=unassigned_reviewer)
    assert assignment.origin == "manual" and assignment.assigned_by == chair
    assert assignment.explanation["topics"] == [1]
    assert mail.outbox[-1].to == [unassigned_reviewer.email] and paper.title in mail.outbox[-1].body
    # The reason shows on the page afterwards.
    page = client.get(panel_url("assignment", panel)).content.decode()
    assert "assigned by hand: topics 1" in page
    assert AuditEvent.objects.filter(action="assignment.added").exists()


def test_chair_unassigns_with_one_click(client, panel, paper, chair, reviewer):
    client.force_login(chair)
    response = client.post(panel_url("unassign", panel, paper=paper.code, reviewer=member(reviewer).code))
    assert response.status_code == 302
    assert not Assignment.objects.filter(submission=paper, reviewer=reviewer).exists()
    assert client.get(panel_url("unassign", panel, paper=paper.code, reviewer=member(reviewer).code)).status_code == 405


def test_the_service_refuses_a_conflict_even_through_a_crafted_request(client, panel, paper, chair,
                                                                       conflicted_reviewer):
    client.force_login(chair)
    response = client.post(panel_url("assign", panel, paper=paper.code, reviewer=member(conflicted_reviewer).code),
                           follow=True)
    assert "in conflict with the paper" in response.content.decode()
    assert not Assignment.objects.filter(reviewer=conflicted_reviewer).exists()


def test_the_page_shows_assigned_and_suggested_reviewers_by_affinity_and_every_load(
        client, panel, paper, chair, reviewer, unassigned_reviewer, conflicted_reviewer):
    topic = panel.topics.first()
    paper.topics.add(topic)
    expert = factories.UserFactory(full_name="Eva Expert")
    factories.PanelReviewerFactory(panel=panel, user=expert, max_load=2).topics.add(topic)
    client.force_login(chair)
    response = client.get(panel_url("assignment", panel))
    row = response.context["rows"][0]
    assert [a.reviewer for a in row.assignments] == [reviewer]
    suggested = [candidate.reviewer.user for candidate in row.suggestions]
    assert suggested[0] == expert and unassigned_reviewer in suggested
    assert conflicted_reviewer not in suggested and reviewer not in suggested
    page = response.content.decode()
    assert "Eva Expert" in page and "0 / 2" in page


def test_every_candidate_of_one_paper_is_listed_on_request(client, panel, paper, chair, unassigned_reviewer):
    for _ in range(7):
        factories.PanelReviewerFactory(panel=panel)
    client.force_login(chair)
    response = client.get(panel_url("assignment", panel) + f"?paper={paper.code}")
    assert len(response.context["rows"][0].suggestions) == 8


def test_an_assignment_made_before_a_conflict_came_to_light_is_flagged(client, panel, paper, chair, reviewer):
    Conflict.objects.create(submission=paper, reviewer=reviewer, source="chair")
    client.force_login(chair)
    page = client.get(panel_url("assignment", panel)).content.decode()
    assert "is assigned but in conflict with this paper" in page


def test_the_chairs_panel_menu_reaches_every_tool_of_the_panel(client, panel, chair):
    client.force_login(chair)
    menu = client.get(reverse("reviews:panel_home", kwargs={"conference": panel.conference.slug,
                                                          "panel": panel.slug})).content.decode()
    kwargs = {"conference_slug": panel.conference.slug, "panel_slug": panel.slug}
    assert reverse("mail:panel_wordings", kwargs=kwargs) in menu
    assert reverse("submissions:message_authors", kwargs=kwargs) in menu
    assert 'aria-current="page"' in menu

import datetime

import pytest
from django.utils import timezone

from portal.models import AuditEvent
from reviews.models import Bid, BiddingPhase, Conflict
from tests import factories
from tests.reviews.helpers import open_bidding, panel_url

pytestmark = pytest.mark.django_db


def test_reviewer_bids_on_every_paper_with_one_form_and_no_javascript(client, panel, paper, other_author,
                                                                      unassigned_reviewer):
    other_paper = panel.submissions.exclude(pk=paper.pk).get()
    open_bidding(panel)
    client.force_login(unassigned_reviewer)
    page = client.get(panel_url("bids", panel)).content.decode()
    assert f'type="radio" name="bid-{paper.code}"' in page
    assert '<script src="/static/reviews/bids.js" defer></script>' in page

    response = client.post(panel_url("bids", panel), {
        f"bid-{paper.code}": "eager", f"bid-{other_paper.code}": "not_willing",
    })
    assert response.status_code == 302
    assert dict(Bid.objects.filter(reviewer=unassigned_reviewer).values_list("submission", "value")) == {
        paper.pk: "eager", other_paper.pk: "not_willing",
    }
    # Changing one and clearing the other.
    client.post(panel_url("bids", panel), {f"bid-{paper.code}": "willing", f"bid-{other_paper.code}": ""})
    assert dict(Bid.objects.filter(reviewer=unassigned_reviewer).values_list("submission", "value")) == {
        paper.pk: "willing",
    }
    assert 'value="willing" checked' in client.get(panel_url("bids", panel)).content.decode()


def test_every_kind_of_bid_is_offered_for_each_paper(client, panel, paper, unassigned_reviewer):
    """The bid page writes its radios out by hand (500 papers to a page): a new
    kind of bid must appear there too."""
    open_bidding(panel)
    client.force_login(unassigned_reviewer)
    page = client.get(panel_url("bids", panel)).content.decode()
    for value in ["", *Bid.Value.values]:
        assert f'name="bid-{paper.code}" value="{value}"' in page


def test_the_script_saves_one_bid_at_a_time(client, panel, paper, unassigned_reviewer):
    open_bidding(panel)
    client.force_login(unassigned_reviewer)
    response = client.post(panel_url("bid", panel, paper=paper.code), {"value": "eager"},
                           headers={"X-Requested-With": "fetch"})
    assert response.status_code == 200 and response.content == b"Saved"
    assert Bid.objects.get(reviewer=unassigned_reviewer).value == "eager"
    assert client.post(panel_url("bid", panel, paper=paper.code), {"value": "maybe"}).status_code == 400


def test_a_bid_of_in_conflict_hides_the_paper_and_can_be_taken_back(client, panel, paper, unassigned_reviewer):
    open_bidding(panel)
    client.force_login(unassigned_reviewer)
    client.post(panel_url("bids", panel), {f"bid-{paper.code}": "conflict"})
    conflict = Conflict.objects.get(submission=paper, reviewer=unassigned_reviewer)
    assert conflict.source == "reviewer_declared" and conflict.is_active
    page = client.get(panel_url("bids", panel)).content.decode()
    assert f'name="bid-{paper.code}"' not in page
    assert "Papers you declared a conflict with" in page

    client.post(panel_url("own_conflict_withdraw", panel, paper=paper.code))
    assert not Conflict.objects.filter(reviewer=unassigned_reviewer).exists()
    assert f'name="bid-{paper.code}"' in client.get(panel_url("bids", panel)).content.decode()
    assert AuditEvent.objects.filter(action="conflict.withdrawn").exists()


def test_bids_are_refused_when_bidding_is_closed_or_past_its_deadline(client, panel, paper, unassigned_reviewer):
    client.force_login(unassigned_reviewer)
    page = client.get(panel_url("bids", panel)).content.decode()
    assert "Bidding is closed" in page and "disabled" in page
    assert client.post(panel_url("bids", panel), {f"bid-{paper.code}": "eager"}).status_code == 403

    BiddingPhase.objects.create(panel=panel, is_open=True, closes_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.post(panel_url("bid", panel, paper=paper.code), {"value": "eager"}).status_code == 403
    assert not Bid.objects.exists()


def test_the_bid_list_never_shows_authors_of_a_double_blind_call_nor_withdrawn_papers(
        client, panel, paper, coauthor, unassigned_reviewer):
    withdrawn = factories.SubmissionFactory(panel=panel, state="withdrawn", title="A withdrawn paper")
    open_bidding(panel)
    client.force_login(unassigned_reviewer)
    page = client.get(panel_url("bids", panel)).content.decode()
    assert paper.title in page
    assert paper.created_by.full_name not in page and coauthor.full_name not in page
    assert withdrawn.title not in page


def test_reviewers_filter_the_list_by_topic(client, panel, paper, other_author, unassigned_reviewer):
    first, second = panel.topics.all()[:2]
    paper.topics.add(first)
    other = panel.submissions.exclude(pk=paper.pk).get()
    other.topics.add(second)
    open_bidding(panel)
    client.force_login(unassigned_reviewer)
    page = client.get(panel_url("bids", panel) + f"?topic={second.number}").content.decode()
    assert other.title in page and paper.title not in page


def test_chair_opens_bidding_and_sees_bids_per_paper(client, panel, paper, chair, unassigned_reviewer):
    client.force_login(chair)
    response = client.post(panel_url("bidding", panel), {"is_open": "on", "closes_at": "2099-01-31T23:59"})
    assert response.status_code == 302
    phase = BiddingPhase.objects.get(panel=panel)
    assert phase.is_open and phase.closes_at.year == 2099 and phase.changed_by == chair
    Bid.objects.create(submission=paper, reviewer=unassigned_reviewer, value="eager")
    overview = client.get(panel_url("bids_overview", panel))
    assert overview.context["page"][0].eager == 1


def test_pressing_save_after_the_script_saved_each_bid_does_not_report_zero_bids(client, panel, paper,
                                                                                 unassigned_reviewer):
    open_bidding(panel)
    client.force_login(unassigned_reviewer)
    client.post(panel_url("bid", panel, paper=paper.code), {"value": "eager"}, headers={"X-Requested-With": "fetch"})
    response = client.post(panel_url("bids", panel), {f"bid-{paper.code}": "eager"}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your bids are all saved: each was saved when you chose it." in page
    assert "0 bids were saved" not in page

"""`manage.py load_demo`: the seed call word for word, idempotent, with demo logins."""

import datetime
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from portal.models import Conference, Panel, PanelChair, Topic, User
from reviews.models import PanelReviewer
from sampledata.demo import DEMO_PASSWORD, demo_call, demo_load
from tests.portal.test_call import page_text

pytestmark = pytest.mark.django_db
SEED_CALL = Path("/work/shared/seeds/000_98003f5cc9277431.txt")
needs_seed = pytest.mark.skipif(not SEED_CALL.exists(), reason="the shared seeds are not on this machine")
# The seed's last line before the references points to the portal itself; the call page's
# "Submit a paper" button stands in its place.
SEED_LINK_LINE = "Learn about the submission rules and send your work by creating an account here"


def seed_paragraphs() -> list[str]:
    return [part.strip("\n") for part in re.split(r"\n\s*\n", SEED_CALL.read_text(encoding="utf-8")) if part.strip()]


@needs_seed
def test_the_demo_call_is_the_seed_call_word_for_word():
    seed = seed_paragraphs()
    call = demo_call()["panel"]
    chairs = [f'{chair["name"]} ({chair["affiliation"]})' for chair in call["chairs"]]
    topics = [line.strip().removeprefix("•").strip() for line in seed[6].splitlines() if line.strip()]
    assert call["title"] == seed[0]
    assert chairs == seed[1:3]
    assert call["description"].split("\n\n") == seed[3:6]
    assert call["topics"] == topics and len(topics) == 6
    assert seed[7] == "Contributions that consider similar questions not listed above are welcome."
    assert call["other_questions_welcome"] is True
    assert " ".join(seed[8].split()) == SEED_LINK_LINE
    assert call["references"].split("\n\n") == seed[9:]


@needs_seed
def test_the_demo_call_page_shows_every_line_of_the_seed_call(client):
    panel, _logins = demo_load()
    text = page_text(client.get(panel.get_absolute_url()))
    for paragraph in seed_paragraphs():
        for line in paragraph.splitlines():
            line = " ".join(line.strip().removeprefix("•").split())
            if line and line != SEED_LINK_LINE:
                assert line in text, line


def test_the_demo_has_the_call_its_chairs_an_author_and_reviewers_with_the_demo_password():
    panel, logins = demo_load()
    assert Panel.objects.get() == panel and panel.double_blind
    assert panel.topics.count() == 6
    assert [(chair.user.full_name, chair.affiliation) for chair in PanelChair.objects.filter(panel=panel)] == [
        ("Samuel Alves Soares", "UNESP/Programa de Pós-Graduação San Tiago Dantas"),
        ("Danilo Marcondes de Souza Neto", "AMAZUL/Escola Superior de Guerra"),
    ]
    assert PanelReviewer.objects.filter(panel=panel).count() == 3
    assert {login.role for login in logins} == {"chair", "author", "reviewer"}
    for login in logins:
        user = User.objects.get(email=login.email)
        assert user.check_password(DEMO_PASSWORD) and user.emailaddress_set.get().verified


def test_the_demo_call_is_open_now_and_its_paper_deadline_weeks_ahead_anywhere_on_earth():
    now = timezone.now()
    panel, _logins = demo_load(now=now)
    assert panel.opens_at <= now
    assert panel.submission_deadline - now > datetime.timedelta(weeks=5)
    assert panel.conference.time_zone_label == "Anywhere on Earth (UTC-12)"
    local = timezone.localtime(panel.submission_deadline, panel.conference.zone)
    assert (local.hour, local.minute) == (23, 59)
    assert Panel.objects.open_for_submissions(now).filter(pk=panel.pk).exists()


def test_loading_the_demo_twice_changes_nothing():
    first, _logins = demo_load()
    counts = [model.objects.count() for model in (Conference, Panel, Topic, PanelChair, User, PanelReviewer)]
    second, _logins = demo_load(now=timezone.now() + datetime.timedelta(days=3))
    assert [model.objects.count() for model in (Conference, Panel, Topic, PanelChair, User, PanelReviewer)] == counts
    assert second.pk == first.pk and second.submission_deadline == first.submission_deadline


def test_loading_the_demo_after_its_call_closed_opens_it_again():
    panel, _logins = demo_load()
    later = panel.submission_deadline + datetime.timedelta(days=1)
    panel, _logins = demo_load(now=later)
    assert Panel.objects.open_for_submissions(later).filter(pk=panel.pk).exists()


def test_a_changed_demo_password_is_left_alone():
    demo_load()
    chair = User.objects.get(email="samuel.soares@unesp.example.org")
    chair.set_password("my own password")
    chair.save()
    demo_load()
    chair.refresh_from_db()
    assert chair.check_password("my own password")


def test_load_demo_prints_the_logins(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo")
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out and "ana.author@ufabc.example.org" in out and "samuel.soares@unesp.example.org" in out
    assert "/calls/demo/southern-responses/" in out


def test_load_demo_refuses_to_run_on_a_production_configuration(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="public password"):
        call_command("load_demo")
    call_command("load_demo", force=True)
    assert Panel.objects.exists()


def test_the_demos_first_automatic_assignment_covers_every_paper(django_capture_on_commit_callbacks):
    from reviews.models import AssignmentProposal
    from reviews.services.assignment import proposal_start
    from tests.factories import SubmissionFactory

    panel, _logins = demo_load()
    author = User.objects.get(email="ana.author@ufabc.example.org")
    papers = [SubmissionFactory(panel=panel, created_by=author) for _ in range(3)]
    chair = panel.chairs.first()
    domains = [member.user.email.split("@")[1] for member in PanelReviewer.objects.filter(panel=panel)]
    assert len(set(domains) | {"ufabc.example.org"}) == len(domains) + 1 == 4  # each reviewer on their own domain
    with django_capture_on_commit_callbacks(execute=True):
        proposal = proposal_start(panel=panel, by=chair, reviewers_per_paper=3, min_load=0, max_load=None)
    proposal = AssignmentProposal.objects.get(pk=proposal.pk)
    assert proposal.state == "ready" and proposal.shortfalls == []
    per_paper = {paper.pk: proposal.pairs.filter(submission=paper).count() for paper in papers}
    assert per_paper == {paper.pk: 3 for paper in papers}

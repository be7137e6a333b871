"""Issue 17's "Done when": a phone whose browser is in America/Sao_Paulo and
in Brazilian Portuguese reads every deadline on the call, the dashboard, the
submission and the decision pages in São Paulo time with the zone named, and
the call's zone (Anywhere on Earth) beside it."""

import datetime
import re
import zoneinfo

import pytest
from django.utils import timezone, translation

from portal.moments import deadline_text
from reviews.services.decisions import decision_set, decisions_release
from tests.e2e.test_review_journeys import reviewed_call  # noqa: F401 (a fixture)
from tests.factories import PASSWORD, SubmissionFactory

pytestmark = pytest.mark.django_db(transaction=True)

SAO_PAULO = "America/Sao_Paulo"


@pytest.fixture
def brazilian_phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 375, "height": 812}, device_scale_factor=2,
        is_mobile=True, has_touch=True, locale="pt-BR", timezone_id=SAO_PAULO,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def as_read_in_sao_paulo(moment, conference) -> str:
    with translation.override("pt-br"), timezone.override(zoneinfo.ZoneInfo(SAO_PAULO)):
        return deadline_text(moment, conference)


def main_text(page) -> str:
    return " ".join(page.locator("main").inner_text().split())


def test_a_phone_in_sao_paulo_reads_every_deadline_in_sao_paulo_time_beside_the_calls(
    brazilian_phone, reviewed_call, screenshots,  # noqa: F811
):
    phone = brazilian_phone
    panel, chair, author, decided = reviewed_call
    panel.camera_ready_deadline = panel.submission_deadline + datetime.timedelta(days=60)
    panel.save()
    conference = panel.conference
    author.language, author.time_zone = "pt-br", ""  # never chose a zone: the device's is used
    author.save()
    draft = SubmissionFactory(panel=panel, created_by=author, state="draft", submitted_at=None,
                              title="Cidades e segurança cidadã")
    decision_set(submission=decided, outcome="accept", note="", by=chair)
    decisions_release(panel=panel, by=chair)
    full_paper = as_read_in_sao_paulo(panel.submission_deadline, conference)
    camera_ready = as_read_in_sao_paulo(panel.camera_ready_deadline, conference)
    assert "(horário de São Paulo) · " in full_paper and full_paper.endswith("(AoE)")

    phone.goto(panel.get_absolute_url())  # a visitor: the script reports the zone, the page comes back in it
    phone.wait_for_selector("body[data-zone='America/Sao_Paulo']", state="attached")
    text = main_text(phone)
    assert full_paper in text and camera_ready in text
    assert "(UTC)" not in text
    screenshots(phone, "call")

    phone.goto("/accounts/login/")
    phone.locator("main [name=login]").fill(author.email)
    phone.locator("main [name=password]").fill(PASSWORD)
    phone.locator("main button[type=submit]").click()
    phone.wait_for_url(re.compile(r"/submissions/$"))  # signing in lands on the author's tasks
    text = main_text(phone)
    assert full_paper in text
    assert re.search(r"Faltam \d+ (mês|meses|semanas?|dias?)", text)  # the time left
    screenshots(phone, "dashboard")

    phone.goto(draft.get_absolute_url())
    assert full_paper in main_text(phone)
    screenshots(phone, "submission")

    phone.goto(f"/reviews/paper/{decided.code}/decision/")
    assert camera_ready in main_text(phone)
    screenshots(phone, "decision")

    offer = phone.locator("form.zone-offer")
    assert "horário de São Paulo" in offer.inner_text()
    offer.locator("button[value=save]").click()
    phone.wait_for_selector("form.zone-offer", state="detached")
    author.refresh_from_db()
    assert author.time_zone == SAO_PAULO

"""Issue 17's first-run fixes in a browser: the country list filters as one types."""

import pytest

from sampledata.demo import demo_load
from tests.e2e.helpers import log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_typing_part_of_a_country_picks_it(phone, live_server):
    panel, _logins = demo_load()
    author = UserFactory(email="ana.autora@ufabc.example.org", full_name="Ana Autora")
    log_in(phone, author.email)
    phone.goto(f"/calls/{panel.conference.slug}/{panel.slug}/submit/")
    country = phone.locator("select[name=authors-0-country]")
    phone.locator(".select-filter").first.fill("brazi")
    assert country.input_value() == "BR"
    hidden = phone.evaluate("Array.from(document.querySelector('select[name=authors-0-country]').options)"
                            ".filter(o => !o.hidden).map(o => o.value)")
    assert "BR" in hidden and "AR" not in hidden

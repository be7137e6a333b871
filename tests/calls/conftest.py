import pytest

from calls.services.conferences import conference_create, panel_create
from portal.models import Panel
from tests import factories


@pytest.fixture
def olga(db):
    """An organiser-to-be with a verified account."""
    return factories.UserFactory(email="olga@lass.example.org", full_name="Olga Organiser")


@pytest.fixture
def conference(olga):
    created = conference_create(by=None, organiser_emails=[olga.email], name="Latin American Security Studies",
                                short_name="LASS", slug="lass", time_zone="America/Sao_Paulo",
                                languages=["en", "pt", "es"], contact_email="lass@example.org")
    olga.__dict__.pop("_access_facts", None)
    return created


@pytest.fixture
def samuel(db):
    return factories.UserFactory(email="samuel@unesp.example.edu.br", full_name="Samuel Soares")


@pytest.fixture
def draft(conference, olga, samuel) -> Panel:
    return panel_create(conference=conference, by=olga, title="Southern responses", slug="southern",
                        chair_emails=[samuel.email])

"""The cast of every test: one panel, its paper, and the people around it.

`paper` is a submitted paper in `panel`, written by `author` (the submitter)
with `coauthor` as second author. `reviewer` is assigned to it,
`conflicted_reviewer` is in the pool but in conflict with it, `chair` chairs
the panel, `other_chair` chairs another one, `organiser` organises the
conference, `other_author` submitted a
different paper to the same panel, and `staff` runs the portal.
"""

from pathlib import Path

import pytest

from portal.models import ConferenceOrganiser
from reviews.models import Conflict
from tests import factories


@pytest.fixture(autouse=True)
def _celery_runs_eagerly(request, settings):
    """Unit tests run Celery tasks in-process; integration tests use a real worker."""
    from portal.celery import app

    if request.node.get_closest_marker("integration"):
        from tests.support.services import integration_services_missing

        missing = integration_services_missing()
        if missing:
            pytest.skip(missing)
        yield
        return
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    settings.CELERY_TASK_ALWAYS_EAGER = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing a password properly takes a third of a second; tests make many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and other cached values do not leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _storage_for_tests(settings, tmp_path):
    """Uploaded files of a test go to its own temporary folder, and static
    files need no collectstatic manifest."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    settings.STORAGES = {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private-media", "base_url": None},
        },
    }


@pytest.fixture
def stored_files(settings):
    """What is stored under the test's private media folder, as a callable."""
    def listing() -> list[Path]:
        root = Path(settings.PRIVATE_MEDIA_ROOT)
        return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []
    return listing


@pytest.fixture
def panel(db):
    panel = factories.PanelFactory()
    for number in (1, 2, 3):
        factories.TopicFactory(panel=panel, number=number)
    return panel


@pytest.fixture
def author(db):
    return factories.UserFactory(email="gilberto@ufabc.example.edu.br", full_name="Gilberto Rodrigues",
                                 affiliation="Federal University of ABC")


@pytest.fixture
def paper(panel, author):
    return factories.SubmissionFactory(panel=panel, created_by=author, title="Paradiplomacy and city networks")


@pytest.fixture
def coauthor(paper):
    user = factories.UserFactory(email="thiago@ufabc2.example.edu.br", full_name="Thiago Mattioli",
                                 affiliation="Federal University of ABC, graduate school")
    factories.AuthorFactory(submission=paper, position=2, name=user.full_name, email=user.email,
                            affiliation=user.affiliation)
    return user


@pytest.fixture
def other_author(panel):
    user = factories.UserFactory(email="someone.else@elsewhere.example.org", full_name="Ana Outsider")
    factories.SubmissionFactory(panel=panel, created_by=user, title="An unrelated paper on drug policy")
    return user


@pytest.fixture
def reviewer(paper):
    user = factories.UserFactory(email="reviewer@reviewing.example.org", full_name="Rita Reviewer")
    factories.PanelReviewerFactory(panel=paper.panel, user=user)
    factories.AssignmentFactory(submission=paper, reviewer=user)
    return user


@pytest.fixture
def unassigned_reviewer(paper):
    user = factories.UserFactory(email="idle.reviewer@reviewing.example.org", full_name="Ivo Idle")
    factories.PanelReviewerFactory(panel=paper.panel, user=user)
    return user


@pytest.fixture
def conflicted_reviewer(paper):
    user = factories.UserFactory(email="colleague@ufabc.example.edu.br", full_name="Carla Colleague")
    factories.PanelReviewerFactory(panel=paper.panel, user=user)
    factories.ConflictFactory(submission=paper, reviewer=user, source=Conflict.Source.EMAIL_DOMAIN,
                              detail="ufabc.example.edu.br")
    return user


@pytest.fixture
def chair(panel):
    user = factories.UserFactory(email="chair@unesp.example.edu.br", full_name="Samuel Chair")
    factories.PanelChairFactory(panel=panel, user=user)
    return user


@pytest.fixture
def other_chair(panel):
    other_panel = factories.PanelFactory(conference=panel.conference, title="Another panel entirely")
    user = factories.UserFactory(email="chair@elsewhere.example.org", full_name="Otto Otherchair")
    factories.PanelChairFactory(panel=other_panel, user=user)
    return user


@pytest.fixture
def organiser(panel):
    """An organiser of the panel's conference (chairing none of its panels)."""
    user = factories.UserFactory(email="organiser@conference.example.org", full_name="Olga Organiser")
    ConferenceOrganiser.objects.create(conference=panel.conference, user=user)
    return user


@pytest.fixture
def staff(db):
    return factories.UserFactory(email="staff@portal.example.org", full_name="Stella Staff", is_staff=True)

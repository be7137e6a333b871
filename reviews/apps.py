from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Reviews")
    # Its rows belong to a conference: portal.backup exports and imports them.
    conference_data = True

    def ready(self):
        from portal import landing
        from reviews import tasks  # noqa: F401 (registers the Celery tasks reviews.dispatch starts by name)
        from reviews.selectors.landing import chairs_page, reviewers_page

        landing.register(10, chairs_page)
        landing.register(20, reviewers_page)

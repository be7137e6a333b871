from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = _("Submissions")
    # Its rows belong to a conference: portal.backup exports and imports them.
    conference_data = True

    def ready(self):
        from portal import landing
        from submissions.selectors import authors_page

        landing.register(30, authors_page)

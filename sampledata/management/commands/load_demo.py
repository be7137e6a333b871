from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sampledata.demo import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = (
        "Creates (or brings up to date) the demo conference, whose call is the seed call, with demo "
        "accounts for its chairs, an author and reviewers. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true",
            help="Run although DEBUG is off. The demo accounts share a public password: never on a real portal.",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "The demo accounts share a public password, so load_demo runs only with DEBUG=1 "
                "(or with --force, never on a real portal)."
            )
        panel, logins = demo_load()
        self.stdout.write(self.style.SUCCESS(f"Demo call ready: {settings.SITE_URL}{panel.get_absolute_url()}"))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        width = max(len(login.email) for login in logins)
        for login in logins:
            self.stdout.write(f"  {login.email:<{width}}  {login.role:<8}  {login.name}")

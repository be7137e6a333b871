"""Creates a conference and names its first organisers: how a portal's
operator hands a conference over to the people who run it."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email, validate_slug

from calls.services.conferences import conference_create
from portal.models import ANYWHERE_ON_EARTH, TIME_ZONE_CHOICES, PaperLanguage
from portal.refusals import Refused


class Command(BaseCommand):
    help = "Create a conference and name its organisers (an invitation by mail to those without an account)."

    def add_arguments(self, parser):
        parser.add_argument("--organiser", action="append", required=True, metavar="EMAIL",
                            help="An organiser's address; repeat for several.")
        parser.add_argument("--name", required=True)
        parser.add_argument("--slug", required=True, help="The conference's part of its calls' addresses.")
        parser.add_argument("--short-name", default="")
        parser.add_argument("--time-zone", default=ANYWHERE_ON_EARTH, help="IANA name; Anywhere on Earth by default.")
        parser.add_argument("--languages", default="en,pt,es", help="Comma-separated codes among en, pt, es, fr.")
        parser.add_argument("--contact", default="", metavar="EMAIL", help="The conference's contact address.")

    def handle(self, *args, **options):
        try:
            for email in options["organiser"] + ([options["contact"]] if options["contact"] else []):
                validate_email(email)
            validate_slug(options["slug"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if options["time_zone"] not in dict(TIME_ZONE_CHOICES):
            raise CommandError(f"Unknown time zone: {options['time_zone']}")
        languages = [code.strip() for code in options["languages"].split(",") if code.strip()]
        if not languages or set(languages) - set(PaperLanguage.values):
            raise CommandError(f"Languages must be among {', '.join(PaperLanguage.values)}.")
        try:
            conference = conference_create(
                by=None, organiser_emails=options["organiser"], name=options["name"], slug=options["slug"],
                short_name=options["short_name"] or options["name"][:40], time_zone=options["time_zone"],
                languages=languages, contact_email=options["contact"] or options["organiser"][0],
            )
        except Refused as refusal:
            raise CommandError(refusal.message) from None
        self.stdout.write(f"Created {conference.name} ({conference.slug}); organisers: {', '.join(options['organiser'])}.")

"""allauth's strings whose translation in allauth's own catalogues is half in
English ("Então, por favor, sign in") or speaks to the reader as "tú". Marked
here, they are extracted into the portal's catalogues, which Django reads
before allauth's (LOCALE_PATHS), and translated there. tests/i18n checks the
pages and mails that show them."""

from django.utils.translation import gettext_noop

RETRANSLATED = (
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    gettext_noop("Your email has been changed from %(from_email)s to %(to_email)s."),
)

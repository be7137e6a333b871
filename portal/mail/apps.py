from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "portal.mail"
    label = "mail"
    verbose_name = _("Mail")

    def ready(self):
        # Each app declares the mails its chairs word in its own mails.py
        # (portal.mail.wording.register); the core imports none of them itself.
        autodiscover_modules("mails")

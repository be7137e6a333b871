"""What every part of the portal shares: people, the conference and its calls,
the audit trail, and the mail outbox. One module per subject; every model is
importable from here (`from portal.models import Panel`), which is also the
path the migrations name."""

from portal.models.audit import AuditEvent
from portal.models.conference import (
    ANYWHERE_ON_EARTH, CallText, Conference, Panel, PanelChair, PanelQuerySet, PaperLanguage, Topic,
    default_paper_languages,
)
from portal.models.mail import MailBatch, MailTemplateOverride, OutboundMail
from portal.models.roles import ConferenceOrganiser, RoleInvitation
from portal.models.people import TIME_ZONE_CHOICES, User, UserManager

__all__ = [
    "ANYWHERE_ON_EARTH", "TIME_ZONE_CHOICES", "AuditEvent", "CallText", "Conference", "ConferenceOrganiser", "MailBatch", "MailTemplateOverride",
    "OutboundMail", "Panel", "PanelChair", "PanelQuerySet", "PaperLanguage", "RoleInvitation", "Topic", "User", "UserManager",
    "default_paper_languages",
]

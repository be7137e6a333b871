from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from portal.models import AuditEvent, Conference, OutboundMail, Panel, PanelChair, Topic, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "affiliation", "country", "is_staff", "is_active"]
    search_fields = ["email", "full_name", "affiliation", "orcid"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["full_name", "affiliation", "country", "orcid", "language", "time_zone"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]


class PanelChairInline(admin.TabularInline):
    model = PanelChair
    autocomplete_fields = ["user"]
    extra = 0


class TopicInline(admin.TabularInline):
    model = Topic
    extra = 0


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "venue", "starts_on", "time_zone"]
    prepopulated_fields = {"slug": ["short_name"]}


@admin.register(Panel)
class PanelAdmin(admin.ModelAdmin):
    list_display = ["title", "conference", "opens_at", "submission_deadline", "blind_mode", "state"]
    list_filter = ["conference", "blind_mode", "state"]
    search_fields = ["title"]
    inlines = [PanelChairInline, TopicInline]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "actor", "from_state", "to_state", "panel"]
    list_filter = ["action"]
    list_select_related = ["actor", "panel"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OutboundMail)
class OutboundMailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "template", "to_email", "state", "attempts", "sent_at"]
    list_filter = ["state", "template"]
    search_fields = ["to_email", "subject"]
    readonly_fields = [field.name for field in OutboundMail._meta.fields]

    def has_add_permission(self, request):
        return False

from django.urls import include, path

from calls.views import call, conferences, public

app_name = "calls"

panel_patterns = [
    path("", call.panel_home, name="panel_home"),
    path("chairs/", conferences.chair_add, name="chair_add"),
    path("text/", call.call_edit, name="call_edit"),
    path("translations/", call.translation_edit, name="translation_edit"),
    path("topics/", call.topics, name="topics"),
    path("topics/<int:number>/", call.topic_change, name="topic_change"),
    path("deadlines/", call.deadlines, name="deadlines"),
    path("rules/", call.rules, name="rules"),
    path("state/", call.state, name="state"),
    path("accepted/", call.accepted_publish, name="accepted_publish"),
    path("audit/", call.panel_audit, name="panel_audit"),
]

urlpatterns = [
    path("organise/", conferences.organise, name="organise"),
    path("organise/new/", conferences.conference_create, name="conference_create"),
    path("organise/<slug:conference>/", conferences.conference, name="conference"),
    path("organise/<slug:conference>/settings/", conferences.conference_edit, name="conference_edit"),
    path("organise/<slug:conference>/panels/new/", conferences.panel_create, name="panel_create"),
    path("organise/<slug:conference>/organisers/", conferences.organiser_add, name="organiser_add"),
    path("organise/<slug:conference>/audit/", call.conference_audit, name="conference_audit"),
    path("invitations/<str:code>/", conferences.invitation, name="invitation"),
    path("chair/<slug:conference>/<slug:panel>/", include(panel_patterns)),
    path("calendar/", public.feed_settings, name="feed_settings"),
    path("calendar/<str:token>.ics", public.feed, name="feed"),
    path("calls/<slug:conference_slug>/<slug:panel_slug>/deadlines.ics", public.call_ics, name="call_ics"),
    path("calls/<slug:conference_slug>/<slug:panel_slug>/accepted/", public.accepted_papers, name="accepted_papers"),
]

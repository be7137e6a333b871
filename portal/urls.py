from django.contrib import admin
from django.urls import include, path

from portal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("calls/<slug:conference_slug>/<slug:panel_slug>/", views.call, name="call"),
    path("profile/", views.profile, name="profile"),
    path("language/", views.set_language, name="set_language"),
    path("time-zone/", views.set_time_zone, name="set_time_zone"),
    path("accounts/", include("allauth.urls")),
    path("mail/", include("portal.mail.urls")),
    path("admin/", admin.site.urls),
    path("", include("submissions.urls")),
    path("reviews/", include("reviews.urls")),
]

# 403 and 404 are Django's handlers with templates/403.html and 404.html; 500
# tells a service being away (503) from a fault (500): portal/errors.py.
handler500 = "portal.errors.server_error"

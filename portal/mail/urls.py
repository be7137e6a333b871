from django.urls import path

from portal.mail import views

app_name = "mail"

urlpatterns = [
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/<uuid:code>/", views.outbox_row, name="outbox_row"),
    path("batches/<uuid:code>/", views.batch, name="batch"),
    path("batches/<uuid:code>/resend-failed/", views.batch_resend, name="batch_resend"),
    path("calls/<slug:conference_slug>/<slug:panel_slug>/", views.panel_wordings, name="panel_wordings"),
    path("calls/<slug:conference_slug>/<slug:panel_slug>/<slug:template>/", views.panel_wording,
         name="panel_wording"),
    path("calls/<slug:conference_slug>/<slug:panel_slug>/<slug:template>/restore/",
         views.panel_wording_restore, name="panel_wording_restore"),
]

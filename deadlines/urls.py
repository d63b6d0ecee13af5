from django.urls import path

from deadlines import views

app_name = "deadlines"

urlpatterns = [
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/new-link/", views.calendar_link, name="link"),
    path("calendar/revoke/", views.calendar_revoke, name="revoke"),
    path("calendar/download.ics", views.calendar_download, name="download"),
]

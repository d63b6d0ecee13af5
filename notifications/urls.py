from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("account/e-mails/", views.preferences, name="preferences"),
]

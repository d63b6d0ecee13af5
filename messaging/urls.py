from django.urls import path

from messaging import views

app_name = "messaging"

urlpatterns = [
    path("messages/", views.my_thread, name="thread"),
]

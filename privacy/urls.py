from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("account/my-data/", views.my_data, name="my_data"),
    path("account/delete/", views.delete_account, name="delete_account"),
]

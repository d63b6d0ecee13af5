from django.urls import path

from guidance import views

app_name = "guidance"

urlpatterns = [
    path("guide/", views.guide_index, name="index"),
    path("guide/<slug:slug>/", views.guide_page, name="page"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
]

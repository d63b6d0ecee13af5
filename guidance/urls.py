from django.urls import path

from guidance import views

app_name = "guidance"

# These addresses are printed on posters and linked by the campus health service: keep them.
urlpatterns = [
    path("guide/", views.guide_index, name="index"),
    path("guide/links/", views.link_kit, name="links"),
    path("guide/<slug:slug>/", views.guide_page, name="page"),
    path("guide/<slug:slug>/poster/", views.page_poster, name="poster"),
    path("guide/<slug:slug>/qr.svg", views.page_qr, name="qr"),
    path("estimate/", views.estimate_view, name="estimate"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
]

from django.urls import path

from guidance import views

app_name = "guidance"

# These addresses are printed on posters and linked by the campus health service: keep them.
urlpatterns = [
    path("guide/", views.guide_index, name="index"),
    path("guide/links/", views.link_kit, name="links"),
    # The public tools (which-path checker, number helper) on posters, by their tool slug.
    path("guide/links/<slug:tool>/qr.svg", views.tool_qr, name="tool_qr"),
    path("guide/links/<slug:tool>/poster/", views.tool_poster, name="tool_poster"),
    path("guide/<slug:slug>/", views.guide_page, name="page"),
    path("guide/<slug:slug>/poster/", views.page_poster, name="poster"),
    path("guide/<slug:slug>/qr.svg", views.page_qr, name="qr"),
    path("estimate/", views.estimate_view, name="estimate"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
]

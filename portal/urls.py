"""Addresses. Those under /<lang>/ and /healthz are promises to partners: keep them stable."""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from deadlines import views as deadlines_views
from guidance import views as guidance_views
from guidance.sitemaps import SITEMAPS
from portal import views

# The admin login goes through allauth: same rate limits and MFA as everywhere else.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = settings.PORTAL_NAME
admin.site.site_title = settings.PORTAL_NAME

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("csp-report/", views.csp_report, name="csp_report"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # Links without a language (e.g. typed from a poster) go to the browser's language.
    path("guide/", guidance_views.guide_language_redirect, name="guide_language_redirect"),
    path(
        "guide/<slug:slug>/",
        guidance_views.guide_language_redirect,
        name="guide_page_language_redirect",
    ),
    # A student's private calendar feed (no language prefix: calendar apps keep the address).
    path("calendar/<str:token>.ics", deadlines_views.feed, name="deadlines_feed"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("", include("students.urls")),
    path("", include("documents.urls")),
    path("", include("guidance.urls")),
    path("", include("notifications.urls")),
    path("", include("messaging.urls")),
    path("", include("expenses.urls")),
    path("", include("deadlines.urls")),
    path("", include("privacy.urls")),
    prefix_default_language=True,
)

if settings.BENCH_FLOOR:
    urlpatterns += [
        path("bench/floor/", views.bench_floor, name="bench_floor"),
        path(
            "bench/floor/signed-in/",
            views.bench_floor_signed_in,
            name="bench_floor_signed_in",
        ),
    ]

handler400 = "portal.views.bad_request"
handler500 = "portal.views.server_error"

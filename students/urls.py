from django.urls import path

from students import views

app_name = "students"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/timeline/", views.timeline, name="timeline"),
    path("profile/", views.profile, name="profile"),
    path("number/", views.number_helper, name="number"),
    # Printed on posters and linked by partners with its query string (issue 20): keep it.
    path("which-path/", views.which_path, name="which_path"),
    path(
        "better-reimbursed/<slug:task>/",
        views.reimbursement_task,
        name="reimbursement_task",
    ),
    # One confirmation page per report, addressed by the registration's UUID.
    path(
        "registration/<uuid:registration_uuid>/submitted/",
        views.report_submitted,
        name="report_submitted",
    ),
    path(
        "registration/<uuid:registration_uuid>/provisional-number/",
        views.record_provisional_number,
        name="record_provisional_number",
    ),
    path(
        "registration/<uuid:registration_uuid>/missing-documents/",
        views.report_missing_documents,
        name="report_missing_documents",
    ),
    path(
        "registration/<uuid:registration_uuid>/documents-sent/",
        views.report_documents_sent,
        name="report_documents_sent",
    ),
    path(
        "registration/<uuid:registration_uuid>/validated/",
        views.report_validated,
        name="report_validated",
    ),
    path(
        "registration/<uuid:registration_uuid>/definitive-number/",
        views.record_definitive_number,
        name="record_definitive_number",
    ),
    path(
        "registration/<uuid:registration_uuid>/ameli-account/",
        views.report_ameli_account,
        name="report_ameli_account",
    ),
    path(
        "registration/<uuid:registration_uuid>/carte-vitale-ordered/",
        views.report_carte_vitale_ordered,
        name="report_carte_vitale_ordered",
    ),
    path(
        "registration/<uuid:registration_uuid>/carte-vitale-received/",
        views.report_carte_vitale_received,
        name="report_carte_vitale_received",
    ),
]

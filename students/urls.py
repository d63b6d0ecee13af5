from django.urls import path

from students import lifecycle, views

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
    path(
        "registration/<uuid:registration_uuid>/register-anyway/",
        views.register_anyway,
        name="register_anyway",
    ),
    path(
        "registration/<uuid:registration_uuid>/undo/<uuid:event_uuid>/",
        views.undo_report,
        name="undo_report",
    ),
    path(
        "registration/<uuid:registration_uuid>/correct-number/<slug:kind>/",
        views.correct_number,
        name="correct_number",
    ),
    # One confirmation page per report, addressed by the registration's UUID; the table
    # in students/lifecycle.py gives each its (stable) segment and name.
    *(
        path(
            f"registration/<uuid:registration_uuid>/{step.slug}/",
            views.REPORT_VIEWS[step.key],
            name=step.key,
        )
        for step in lifecycle.STEPS
    ),
]

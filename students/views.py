"""The student's pages: dashboard, profile, the reports of each step, the number helper."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.middleware import remember_language_for_response
from documents.selectors import document_tasks
from students import nir, services
from students import which_path as checker
from students.access import get_registration_for_user
from students.forms import (
    DefinitiveNumberForm,
    MissingDocumentsForm,
    NumberHelperForm,
    ProfileForm,
    ProvisionalNumberForm,
    ReimbursementTaskForm,
    ReportForm,
)
from students.models import AcademicYear, ReimbursementTaskKind, StudentProfile
from students.path_steps import PATH_GUIDANCE, path_steps_for_display
from students.paths import route
from students.selectors import (
    current_academic_year,
    current_registration,
    dashboard_for_student,
    number_checks,
    timeline_events,
    timeline_lines,
)
from students.tracker import ACTIONS, Action

TIMELINE_PAGE_SIZE = 50


@login_required
def dashboard(request):
    data = dashboard_for_student(request.user)
    document_list = []
    if data.decision is not None:
        status = data.registration.status if data.registration else None
        situation = (data.decision.path, data.decision.flags, status)
        document_list = [
            task for task in document_tasks(request.user, situation=situation) if task.required
        ]
    return render(
        request, "students/dashboard.html", {"dashboard": data, "document_tasks": document_list}
    )


def _warn_number_disagreements(request, registration) -> None:
    """Say, on save, each part of a recorded number that disagrees with the profile."""
    for check in number_checks(registration):
        parts = " ".join(mismatch.message for mismatch in check.mismatches)
        if check.is_provisional:
            text = _(
                "Your %(kind)s and your profile disagree. %(parts)s A provisional number can "
                "differ until your identity is confirmed; nothing is blocked."
            )
        else:
            text = _(
                "Your %(kind)s and your profile disagree. %(parts)s Check both; nothing is blocked."
            )
        messages.warning(request, text % {"kind": check.kind.label, "parts": parts})


@login_required
@require_GET
def timeline(request):
    """Every line of the student's timeline, newest first, a page at a time."""
    registration = current_registration(request.user)
    if registration is None:
        return redirect("students:dashboard")
    page = Paginator(timeline_events(registration), TIMELINE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "students/timeline.html", {"page": page, "lines": timeline_lines(list(page))}
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    instance = StudentProfile.objects.filter(user=request.user).first()
    initial = {}
    if instance is None:
        year = AcademicYear.objects.filter(is_current=True).first()
        if year is not None:
            initial = {"academic_year_start": year.starts_on, "academic_year_end": year.ends_on}
    form = ProfileForm(request.POST or None, instance=instance, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.user = request.user
        language = form.cleaned_data["preferred_language"]
        try:
            registration = services.profile_save(profile=saved, by=request.user, language=language)
        except services.RegistrationError as error:
            form.add_error(error.field, error.message)
        else:
            if language != translation.get_language():
                remember_language_for_response(request, language)
            with translation.override(language):
                messages.success(request, _("Your details are saved."))
                _warn_number_disagreements(request, registration)
                return redirect(reverse("students:dashboard"))
    return render(request, "students/profile.html", {"form": form, "is_new": instance is None})


@dataclass(frozen=True)
class Report:
    """How one student report looks and which service records it."""

    action: Action
    heading: str
    date_label: str
    form_class: type[ReportForm]
    record: Callable[..., object]
    fields_for_service: tuple[str, ...] = ()


REPORTS = {
    report.action.key: report
    for report in [
        Report(
            ACTIONS["report_submitted"],
            gettext_lazy("You registered on the foreign-student site"),
            gettext_lazy("When did you submit your registration?"),
            ReportForm,
            services.registration_report_submitted,
        ),
        Report(
            ACTIONS["record_provisional_number"],
            gettext_lazy("You received your provisional number"),
            gettext_lazy("When did you receive it?"),
            ProvisionalNumberForm,
            services.registration_record_provisional_number,
            ("number",),
        ),
        Report(
            ACTIONS["report_missing_documents"],
            gettext_lazy("The CPAM asked for missing documents"),
            gettext_lazy("When did the CPAM ask?"),
            MissingDocumentsForm,
            services.registration_report_missing_documents,
            ("documents",),
        ),
        Report(
            ACTIONS["report_documents_sent"],
            gettext_lazy("You sent the missing documents"),
            gettext_lazy("When did you send them?"),
            ReportForm,
            services.registration_report_documents_sent,
        ),
        Report(
            ACTIONS["report_validated"],
            gettext_lazy("Your registration was validated"),
            gettext_lazy("When was it validated?"),
            ReportForm,
            services.registration_report_validated,
        ),
        Report(
            ACTIONS["record_definitive_number"],
            gettext_lazy("You received your definitive number"),
            gettext_lazy("When did you receive it?"),
            DefinitiveNumberForm,
            services.registration_record_definitive_number,
            ("number",),
        ),
        Report(
            ACTIONS["report_ameli_account"],
            gettext_lazy("You created your ameli account"),
            gettext_lazy("When did you create it?"),
            ReportForm,
            services.registration_report_ameli_account,
        ),
        Report(
            ACTIONS["report_carte_vitale_ordered"],
            gettext_lazy("You ordered your Carte Vitale"),
            gettext_lazy("When did you order it?"),
            ReportForm,
            services.registration_report_carte_vitale_ordered,
        ),
        Report(
            ACTIONS["report_carte_vitale_received"],
            gettext_lazy("You received your Carte Vitale"),
            gettext_lazy("When did it arrive?"),
            ReportForm,
            services.registration_report_carte_vitale_received,
        ),
    ]
}


def _report_page(request, registration_uuid, key: str):
    """GET: the confirmation form. POST: record the report through its service."""
    registration = get_registration_for_user(request.user, registration_uuid)
    report = REPORTS[key]
    if not report.action.is_available(registration):
        messages.error(
            request,
            _("This cannot be recorded now: your registration is at the step “%(step)s”.")
            % {"step": registration.get_status_display()},
        )
        return redirect("students:dashboard")
    form = report.form_class(request.POST or None, date_label=report.date_label)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in report.fields_for_service}
        try:
            registration = report.record(
                registration=registration,
                by=request.user,
                on=form.cleaned_data["on"],
                note=form.cleaned_data["note"],
                **values,
            )
        except services.RegistrationError as error:
            if error.field in form.fields:
                form.add_error(error.field, error.message)
            else:
                messages.error(request, error.message)
                return redirect("students:dashboard")
        else:
            messages.success(request, _("Recorded: %(what)s.") % {"what": report.heading})
            if "number" in report.fields_for_service:
                _warn_number_disagreements(request, registration)
            return redirect("students:dashboard")
    return render(
        request,
        "students/report.html",
        {"form": form, "report": report, "registration": registration},
    )


def _report_view(key: str):
    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request, registration_uuid):
        return _report_page(request, registration_uuid, key)

    view.__name__ = key
    view.__doc__ = f"Confirm, then record: {key.replace('_', ' ')}."
    return view


report_submitted = _report_view("report_submitted")
record_provisional_number = _report_view("record_provisional_number")
report_missing_documents = _report_view("report_missing_documents")
report_documents_sent = _report_view("report_documents_sent")
report_validated = _report_view("report_validated")
record_definitive_number = _report_view("record_definitive_number")
report_ameli_account = _report_view("report_ameli_account")
report_carte_vitale_ordered = _report_view("report_carte_vitale_ordered")
report_carte_vitale_received = _report_view("report_carte_vitale_received")


@login_required
@require_POST
def reimbursement_task(request, task):
    """Tick or untick a "better reimbursed" task (a personal checklist, reversible)."""
    if task not in ReimbursementTaskKind.values:
        raise Http404
    form = ReimbursementTaskForm(request.POST)
    form.is_valid()
    try:
        services.reimbursement_task_toggle(
            student=request.user, task=task, done=form.cleaned_data["done"], by=request.user
        )
    except services.RegistrationError as error:
        messages.error(request, error.message)
    return redirect(reverse("students:dashboard") + "#better-reimbursed")


@never_cache
@require_http_methods(["GET", "POST"])
def number_helper(request):
    """Explain a number typed or linked (?number=); nothing is stored or logged."""
    raw = request.POST.get("number") if request.method == "POST" else request.GET.get("number")
    # Cut to the field's limit before anything else: what is longer is refused all the same,
    # and the page never echoes more than that back (it echoed up to 2.5 MB).
    raw = raw[: NumberHelperForm.MAX_INPUT] if raw else raw
    form = NumberHelperForm({"number": raw} if raw else None)
    reading = None
    if form.is_bound and form.is_valid():
        reading = nir.read(form.cleaned_data["number"])
    return render(
        request,
        "students/number.html",
        {
            "form": form,
            "reading": reading,
            "today": timezone.localdate(),
            # The language button comes back without ?number=: the page holds the number
            # in one place only, the form's field.
            "language_next": request.path,
        },
    )


@never_cache
@require_GET
def which_path(request):
    """Which path a visitor is on, from the form or a prefilled link; nothing is stored."""
    year = current_academic_year()
    refused = checker.refusal(request.GET, request.META.get("QUERY_STRING", ""))
    asked = any(name in request.GET for name in checker.FIELDS)
    form = checker.WhichPathForm(request.GET if asked and not refused else None)
    decision = steps = None
    if year is not None and form.is_bound and form.is_valid() and form.asks_for_answer:
        decision = route(form.facts(year=year))
        steps = path_steps_for_display(decision.path)
    return render(
        request,
        "students/which_path.html",
        {
            "form": form,
            "refused": refused,
            "year": year,
            "decision": decision,
            "steps": steps,
            "guidance": PATH_GUIDANCE[decision.path] if decision else None,
            "facts": {"quebec": checker.QUEBEC_FORM, "uk": checker.UK_STUDENT_EHIC},
            "nationality": form.cleaned_data.get("nationality") if decision else "",
        },
    )

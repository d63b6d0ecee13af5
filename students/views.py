"""The student's pages: dashboard, profile, the reports of each step, the number helper."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.middleware import remember_language_for_response
from documents.requirements import requestable_documents
from documents.selectors import TaskStatus as DocumentStatus
from documents.selectors import document_tasks, situation_of
from portal.personal_pages import cached_personal_page
from students import lifecycle, nir, services
from students import which_path as checker
from students.access import get_registration_for_user
from students.forms import (
    CorrectNumberForm,
    NumberHelperForm,
    ProfileForm,
    ReimbursementTaskForm,
    report_form,
)
from students.lifecycle import LifecycleStep
from students.models import AcademicYear, ReimbursementTaskKind, StudentProfile
from students.path_steps import PATH_GUIDANCE, path_steps_for_display
from students.paths import route
from students.selectors import (
    current_academic_year,
    current_registration,
    dashboard_for_student,
    dashboard_journey,
    number_checks,
    path_for_profile,
    timeline_events,
    timeline_lines,
)
from students.tracker import ACTIONS

TIMELINE_PAGE_SIZE = 50


@login_required
def dashboard(request):
    return cached_personal_page(request, "dashboard", lambda: _render_dashboard(request))


def _render_dashboard(request):
    data = dashboard_for_student(request.user)
    document_list = []
    if data.decision is not None:
        situation = situation_of(data.decision, data.registration)
        document_list = [
            task for task in document_tasks(request.user, situation=situation) if task.required
        ]
    dashboard_journey(
        data,
        documents_ready=all(task.status == DocumentStatus.ACCEPTED for task in document_list),
        documents_problem=any(task.status == DocumentStatus.PROBLEM for task in document_list),
    )
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
@require_POST
def register_anyway(request, registration_uuid):
    """The explicit choice to register before every document is checked."""
    registration = get_registration_for_user(request.user, registration_uuid)
    try:
        services.registration_choose_register_anyway(registration=registration, by=request.user)
    except services.RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.info(
            request,
            _(
                "Fine: you can register now. Keep uploading your documents here if you want "
                "the office to check them; the CPAM may ask for them again."
            ),
        )
    return redirect("students:dashboard")


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


def _record(step: LifecycleStep):
    return getattr(services, step.service)


def _report_page(request, registration_uuid, key: str):
    """GET: the confirmation form. POST: record the report through its service."""
    registration = get_registration_for_user(request.user, registration_uuid)
    report = lifecycle.BY_KEY[key]
    if not ACTIONS[key].is_available(registration):
        messages.error(
            request,
            _("This cannot be recorded now: your registration is at the step “%(step)s”.")
            % {"step": registration.get_status_display()},
        )
        return redirect("students:dashboard")
    documents = None
    if report.documents:
        # Only the path's documents: a Japanese student is never offered form S1.
        decision = path_for_profile(request.user.student_profile)
        documents = requestable_documents(path=decision.path, flags=decision.flags)
    form = report_form(report, request.POST or None, documents=documents)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in report.form_fields}
        try:
            _record(report)(
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
            if "number" in report.form_fields:
                registration.refresh_from_db()
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


# One confirmation view per step of the lifecycle table (students/lifecycle.py).
REPORT_VIEWS = {step.key: _report_view(step.key) for step in lifecycle.STEPS}


@login_required
@require_http_methods(["GET", "POST"])
def undo_report(request, registration_uuid, event_uuid):
    """Confirm, then take back one's own latest report (within 14 days, staff not involved)."""
    registration = get_registration_for_user(request.user, registration_uuid)
    event = services.undoable_report(registration, student=request.user)
    if request.method == "POST":
        try:
            services.registration_undo_report(
                registration=registration, event_uuid=str(event_uuid), by=request.user
            )
        except services.RegistrationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Undone. Your file is back where it was."))
        return redirect("students:dashboard")
    if event is None or event.uuid != event_uuid:
        messages.error(
            request,
            _(
                "This report can no longer be undone: it is more than 14 days old, a later "
                "step was recorded, or the international office has acted on your file since. "
                "Write to the office if something is wrong."
            ),
        )
        return redirect("students:dashboard")
    return render(request, "students/undo.html", {"event": event, "registration": registration})


@login_required
@require_http_methods(["GET", "POST"])
def correct_number(request, registration_uuid, kind):
    """Correct a mistyped number; it is checked as when it was first typed."""
    registration = get_registration_for_user(request.user, registration_uuid)
    try:
        number_kind = nir.NumberKind(kind)
    except ValueError:
        raise Http404 from None
    form = CorrectNumberForm(request.POST or None, kind=number_kind)
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_correct_number(
                registration=registration,
                kind=number_kind,
                number=form.cleaned_data["number"],
                by=request.user,
            )
        except services.RegistrationError as error:
            form.add_error("number" if error.field == "number" else None, error.message)
        else:
            messages.success(request, _("Your number is corrected."))
            return redirect("students:dashboard")
    return render(
        request,
        "students/correct_number.html",
        {"form": form, "kind": number_kind, "registration": registration},
    )


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

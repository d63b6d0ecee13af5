"""The student's care expenses: the list with totals, each claim's steps, the cover letter."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from expenses import services
from expenses.access import get_expense_for_user
from expenses.facts import CARTE_VITALE_FACT, CHECKED_ON, checklist_for
from expenses.forms import ClaimDateForm, ExpenseForm, ReimbursedForm
from expenses.letter import letter_content, letter_pdf
from expenses.models import CLAIM_TRANSITIONS, ClaimState
from expenses.selectors import expenses_page
from guidance.forms import EstimateForm
from students.models import StudentProfile


def _arrival(user):
    return StudentProfile.objects.filter(user=user).values_list("arrival_date", flat=True).first()


def _page(request, form):
    today = timezone.localdate()
    data = expenses_page(request.user, today=today)
    return render(
        request,
        "expenses/list.html",
        {
            "page": data,
            "form": form,
            "checklist": checklist_for(ehic=data.ehic),
            "carte_vitale_fact": CARTE_VITALE_FACT,
            "checked_on": CHECKED_ON,
            "follow_up_days": settings.CLAIM_FOLLOW_UP_DAYS,
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def expense_list(request):
    arrival = _arrival(request.user)
    if request.method == "POST":
        form = ExpenseForm(request.POST, arrival_date=arrival)
        if form.is_valid():
            try:
                services.expense_record(student=request.user, **form.record_arguments())
            except services.ExpenseError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Visit recorded. Its claim is “to send”."))
                return redirect("expenses:list")
    else:
        form = ExpenseForm(arrival_date=arrival, initial={"visit_date": timezone.localdate()})
    return _page(request, form)


@login_required
@require_POST
def expense_from_estimate(request):
    """The estimate's inputs, posted by its "add to my expenses" button, as a new visit."""
    data = {name: request.POST.get(name, "") for name in EstimateForm.FIELDS}
    # As on the estimator, an estimate without `insured` is one for French insurance.
    data["insured"] = data.get("insured") or "french"
    estimate_form = EstimateForm(data=data)
    if not estimate_form.is_valid():
        messages.error(request, _("The estimate could not be added: check its answers."))
        return redirect(reverse("guidance:estimate") + "?" + request.POST.urlencode())
    data = estimate_form.cleaned_data
    arrival = _arrival(request.user)
    if data["date"] > timezone.localdate():
        messages.error(request, _("The visit cannot be in the future."))
    elif arrival and data["date"] < arrival:
        messages.error(request, _("The visit cannot be before your arrival in France."))
    else:
        try:
            services.expense_record(
                student=request.user,
                visit_date=data["date"],
                kind=data["kind"],
                sector=data["sector"],
                fee=data["fee"],
                gp_declared=data["gp"] == "yes",
                complementary=data["complementary"],
            )
        except services.ExpenseError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Visit added to your care expenses."))
    return redirect("expenses:list")


# One view per claim step (sent, reimbursed, refused): a date form, then the service.
def _step_view(target: str):
    @login_required
    @never_cache
    @require_http_methods(["GET", "POST"])
    def view(request, expense_uuid):
        expense = get_expense_for_user(request.user, expense_uuid)
        labels = {
            ClaimState.SENT: (_("Date you posted the sheet"), _("Mark the claim as sent")),
            ClaimState.REIMBURSED: (_("Date of the reimbursement"), _("Record the reimbursement")),
            ClaimState.REFUSED: (_("Date of the refusal"), _("Mark the claim as refused")),
        }
        date_label, title = labels[target]
        form_class = ReimbursedForm if target == ClaimState.REIMBURSED else ClaimDateForm
        if target not in CLAIM_TRANSITIONS[expense.state]:
            messages.error(
                request,
                _("This claim is already marked “%(state)s”.")
                % {"state": expense.get_state_display()},
            )
            return redirect("expenses:list")
        if request.method == "POST":
            form = form_class(request.POST, date_label=date_label)
            if form.is_valid():
                try:
                    _apply(target, expense, form.cleaned_data)
                except services.ExpenseError as error:
                    form.add_error(None, error.message)
                else:
                    messages.success(request, _("Claim updated."))
                    return redirect("expenses:list")
        else:
            form = form_class(date_label=date_label, initial={"on": timezone.localdate()})
        return render(
            request,
            "expenses/claim_step.html",
            {"expense": expense, "form": form, "title": title},
        )

    return view


def _apply(target: str, expense, data) -> None:
    if target == ClaimState.SENT:
        services.claim_mark_sent(expense=expense, on=data["on"])
    elif target == ClaimState.REIMBURSED:
        services.claim_mark_reimbursed(expense=expense, amount=data["amount"], on=data["on"])
    else:
        services.claim_mark_refused(expense=expense, on=data["on"])


claim_sent = _step_view(ClaimState.SENT)
claim_reimbursed = _step_view(ClaimState.REIMBURSED)
claim_refused = _step_view(ClaimState.REFUSED)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def expense_delete(request, expense_uuid):
    expense = get_expense_for_user(request.user, expense_uuid)
    if request.method == "POST":
        services.expense_delete(expense=expense)
        messages.success(request, _("Visit deleted."))
        return redirect("expenses:list")
    return render(request, "expenses/delete.html", {"expense": expense})


@login_required
@never_cache
@require_GET
def cover_letter(request):
    """The French cover letter listing every sheet still to send, as a PDF to print."""
    data = expenses_page(request.user, today=timezone.localdate())
    profile = StudentProfile.objects.filter(user=request.user).first()
    if profile is None or not data.to_send:
        messages.info(request, _("There is no treatment sheet to send, so no letter to print."))
        return redirect("expenses:list")
    content = letter_content(
        profile=profile,
        number=data.number,
        sheets=data.to_send,
        today=timezone.localdate(),
        ehic=data.ehic,
    )
    response = HttpResponse(letter_pdf(content), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="lettre-feuilles-de-soins.pdf"'
    return response

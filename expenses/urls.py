from django.urls import path

from expenses import views

app_name = "expenses"

urlpatterns = [
    path("expenses/", views.expense_list, name="list"),
    path("expenses/from-estimate/", views.expense_from_estimate, name="from_estimate"),
    path("expenses/letter.pdf", views.cover_letter, name="letter"),
    path("expenses/<uuid:expense_uuid>/sent/", views.claim_sent, name="sent"),
    path("expenses/<uuid:expense_uuid>/reimbursed/", views.claim_reimbursed, name="reimbursed"),
    path("expenses/<uuid:expense_uuid>/refused/", views.claim_refused, name="refused"),
    path("expenses/<uuid:expense_uuid>/delete/", views.expense_delete, name="delete"),
]

"""The access-control matrix: every URL pattern × every role (SECURITY.md rows 15–19).

Every pattern of the resolver (portal/urls.py, allauth and the admin included) is requested
with GET by each role, its parameters filled with Alice's objects. EXPECTED below is the
whole answer sheet; a pattern without a row fails `test_every_url_pattern_has_a_row`, so a
new view cannot arrive unprotected. Outcomes: a status code, "login" (302 to the portal
login), "admin-login" (302 to the admin login), or "302 <where>". POST-only views answer 405
to GET. Only /en/ is walked: /fr/ resolves to the same views.
"""

import re
from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from deadlines.services import feed_regenerate
from documents.kinds import DocumentKind
from documents.models import DocumentAccessLog, RejectionReason
from documents.services import document_accept
from expenses.services import expense_record
from guidance.models import Fact, HealthService, Page, PageTranslation, SlugRedirect, Tariff
from messaging.services import OFFICE_GROUP
from notifications.models import Notice, NoticeKind
from office.models import NumberAccessLog
from students.models import AcademicYear, StepThreshold
from tests.conftest import log_in_with_mfa, make_verified_user
from tests.documents.conftest import private_storage, upload  # noqa: F401
from tests.matrix_urls import fill, patterns
from tests.staff.conftest import GUIDANCE_EDITOR
from tests.students.conftest import make_profile, year  # noqa: F401

ROLES = ["anon", "alice", "charlie", "eve", "office", "editor", "root"]


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


# Columns: anon, alice, charlie, eve, office, editor, root
# Shorthands: A admin login, L portal login, CH redirect to the object's change page,
# RE re-authentication first, DASH back to the dashboard.
A, L, CH = "admin-login", "login", "302 ./change/"
RE, DASH = "302 /en/accounts/reauthenticate/", "302 /en/dashboard/"
EXP, CAL = "302 /en/expenses/", "302 /en/calendar/"
MOVED_QUEUE = "301 /admin/office/pendingdocument/"
MOVED_SCREEN = "301 /admin/office/pendingdocument/<uuid>/review/"
EXPECTED = {
    "healthz": ("200", "200", "200", "200", "200", "200", "200"),
    "robots.txt": ("200", "200", "200", "200", "200", "200", "200"),
    # Browsers POST violation reports; a GET is refused.
    "csp-report/": ("405", "405", "405", "405", "405", "405", "405"),
    "i18n/setlang/": ("405", "405", "405", "405", "405", "405", "405"),
    "admin/": (A, A, A, "200", "200", "200", "200"),
    "admin/login/": (L, "403", "403", "302 /admin/", "302 /admin/", "302 /admin/", "302 /admin/"),
    "admin/logout/": ("302 /admin/", "302 /admin/", "302 /admin/", "405", "405", "405", "405"),
    "admin/password_change/": (A, A, A, "200", "200", "200", "200"),
    "admin/password_change/done/": (A, A, A, "200", "200", "200", "200"),
    "admin/autocomplete/": (A, A, A, "403", "403", "403", "403"),
    "admin/jsi18n/": (A, A, A, "200", "200", "200", "200"),
    "admin/r/<path:content_type_id>/<path:object_id>/": (A, A, A, "404", "404", "404", "404"),
    "admin/auth/group/": (A, A, A, "403", "403", "403", "200"),
    "admin/auth/group/add/": (A, A, A, "403", "403", "403", "200"),
    "admin/auth/group/<path:object_id>/history/": (A, A, A, "403", "403", "403", "200"),
    "admin/auth/group/<path:object_id>/delete/": (A, A, A, "403", "403", "403", "200"),
    "admin/auth/group/<path:object_id>/change/": (A, A, A, "403", "403", "403", "200"),
    "admin/auth/group/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    "admin/account/emailaddress/": (A, A, A, "403", "403", "403", "200"),
    "admin/account/emailaddress/add/": (A, A, A, "403", "403", "403", "200"),
    "admin/account/emailaddress/<path:object_id>/history/": (A, A, A, "403", "403", "403", "200"),
    "admin/account/emailaddress/<path:object_id>/delete/": (A, A, A, "403", "403", "403", "200"),
    "admin/account/emailaddress/<path:object_id>/change/": (A, A, A, "403", "403", "403", "200"),
    "admin/account/emailaddress/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    "admin/mfa/authenticator/": (A, A, A, "403", "403", "403", "200"),
    "admin/mfa/authenticator/add/": (A, A, A, "403", "403", "403", "200"),
    "admin/mfa/authenticator/<path:object_id>/history/": (A, A, A, "403", "403", "403", "200"),
    "admin/mfa/authenticator/<path:object_id>/delete/": (A, A, A, "403", "403", "403", "200"),
    "admin/mfa/authenticator/<path:object_id>/change/": (A, A, A, "403", "403", "403", "200"),
    "admin/mfa/authenticator/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    "admin/django_tasks_database/dbtaskresult/": (A, A, A, "403", "403", "403", "200"),
    "admin/django_tasks_database/dbtaskresult/add/": (A, A, A, "403", "403", "403", "403"),
    "admin/django_tasks_database/dbtaskresult/<path:object_id>/history/": (
        A,
        A,
        A,
        "302 /admin/",
        "302 /admin/",
        "302 /admin/",
        "302 /admin/",
    ),
    "admin/django_tasks_database/dbtaskresult/<path:object_id>/delete/": (
        A,
        A,
        A,
        "403",
        "403",
        "403",
        "403",
    ),
    "admin/django_tasks_database/dbtaskresult/<path:object_id>/change/": (
        A,
        A,
        A,
        "403",
        "403",
        "403",
        "302 /admin/",
    ),
    "admin/django_tasks_database/dbtaskresult/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    "admin/accounts/user/<id>/password/": (A, A, A, "403", "403", "403", "200"),
    "admin/accounts/user/": (A, A, A, "403", "403", "403", "200"),
    "admin/accounts/user/add/": (A, A, A, "403", "403", "403", "200"),
    "admin/accounts/user/<path:object_id>/history/": (A, A, A, "403", "403", "403", "200"),
    "admin/accounts/user/<path:object_id>/delete/": (A, A, A, "403", "403", "403", "200"),
    "admin/accounts/user/<path:object_id>/change/": (A, A, A, "403", "403", "403", "200"),
    "admin/accounts/user/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    "admin/students/academicyear/": (A, A, A, "403", "200", "403", "200"),
    "admin/students/academicyear/add/": (A, A, A, "403", "200", "403", "200"),
    "admin/students/academicyear/<path:object_id>/history/": (A, A, A, "403", "200", "403", "200"),
    "admin/students/academicyear/<path:object_id>/delete/": (A, A, A, "403", "403", "403", "200"),
    "admin/students/academicyear/<path:object_id>/change/": (A, A, A, "403", "200", "403", "200"),
    "admin/students/academicyear/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    "admin/students/studentprofile/^([^/]+)/history/([^/]+)/$": (
        A,
        A,
        A,
        "403",
        "200",
        "403",
        "200",
    ),
    "admin/students/studentprofile/": (A, A, A, "403", "200", "403", "200"),
    "admin/students/studentprofile/add/": (A, A, A, "403", "403", "403", "200"),
    "admin/students/studentprofile/<path:object_id>/history/": (
        A,
        A,
        A,
        "403",
        "200",
        "403",
        "200",
    ),
    "admin/students/studentprofile/<path:object_id>/delete/": (A, A, A, "403", "403", "403", "200"),
    "admin/students/studentprofile/<path:object_id>/change/": (A, A, A, "403", "200", "403", "200"),
    "admin/students/studentprofile/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    "admin/students/registration/^([^/]+)/history/([^/]+)/$": (A, A, A, "403", "200", "403", "200"),
    "admin/students/registration/": (A, A, A, "403", "200", "403", "200"),
    "admin/students/registration/add/": (A, A, A, "403", "403", "403", "403"),
    "admin/students/registration/<path:object_id>/history/": (A, A, A, "403", "200", "403", "200"),
    "admin/students/registration/<path:object_id>/delete/": (A, A, A, "403", "403", "403", "200"),
    "admin/students/registration/<path:object_id>/change/": (A, A, A, "403", "200", "403", "200"),
    "admin/students/registration/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    "admin/guidance/page/^([^/]+)/history/([^/]+)/$": (A, A, A, "404", "404", "404", "404"),
    "admin/guidance/page/": (A, A, A, "403", "403", "200", "200"),
    "admin/guidance/page/add/": (A, A, A, "403", "403", "200", "200"),
    "admin/guidance/page/<path:object_id>/history/": (A, A, A, "403", "403", "200", "200"),
    "admin/guidance/page/<path:object_id>/delete/": (A, A, A, "403", "403", "403", "200"),
    "admin/guidance/page/<path:object_id>/change/": (A, A, A, "403", "403", "200", "200"),
    "admin/guidance/page/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    "admin/guidance/pagetranslation/^([^/]+)/history/([^/]+)/$": (
        A,
        A,
        A,
        "404",
        "404",
        "404",
        "404",
    ),
    "admin/guidance/pagetranslation/": (A, A, A, "403", "403", "200", "200"),
    "admin/guidance/pagetranslation/add/": (A, A, A, "403", "403", "200", "200"),
    "admin/guidance/pagetranslation/<path:object_id>/history/": (
        A,
        A,
        A,
        "403",
        "403",
        "200",
        "200",
    ),
    "admin/guidance/pagetranslation/<path:object_id>/delete/": (
        A,
        A,
        A,
        "403",
        "403",
        "403",
        "200",
    ),
    "admin/guidance/pagetranslation/<path:object_id>/change/": (
        A,
        A,
        A,
        "403",
        "403",
        "200",
        "200",
    ),
    "admin/guidance/pagetranslation/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    "admin/guidance/slugredirect/": (A, A, A, "403", "403", "200", "200"),
    "admin/guidance/slugredirect/add/": (A, A, A, "403", "403", "200", "200"),
    "admin/guidance/slugredirect/<path:object_id>/history/": (A, A, A, "403", "403", "200", "200"),
    "admin/guidance/slugredirect/<path:object_id>/delete/": (A, A, A, "403", "403", "403", "200"),
    "admin/guidance/slugredirect/<path:object_id>/change/": (A, A, A, "403", "403", "200", "200"),
    "admin/guidance/slugredirect/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    "admin/guidance/fact/recheck/": (A, A, A, "403", "403", "200", "200"),
    "admin/guidance/fact/^([^/]+)/history/([^/]+)/$": (A, A, A, "404", "404", "404", "404"),
    "admin/guidance/fact/": (A, A, A, "403", "403", "200", "200"),
    "admin/guidance/fact/add/": (A, A, A, "403", "403", "200", "200"),
    "admin/guidance/fact/<path:object_id>/history/": (A, A, A, "403", "403", "200", "200"),
    "admin/guidance/fact/<path:object_id>/delete/": (A, A, A, "403", "403", "403", "200"),
    "admin/guidance/fact/<path:object_id>/change/": (A, A, A, "403", "403", "200", "200"),
    "admin/guidance/fact/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    # One row, filled in by the university: never added twice, never deleted.
    "admin/guidance/healthservice/^([^/]+)/history/([^/]+)/$": (
        A,
        A,
        A,
        "404",
        "404",
        "404",
        "404",
    ),
    "admin/guidance/healthservice/": (A, A, A, "403", "403", "200", "200"),
    "admin/guidance/healthservice/add/": (A, A, A, "403", "403", "403", "403"),
    "admin/guidance/healthservice/<path:object_id>/history/": (
        A,
        A,
        A,
        "403",
        "403",
        "200",
        "200",
    ),
    "admin/guidance/healthservice/<path:object_id>/delete/": (
        A,
        A,
        A,
        "403",
        "403",
        "403",
        "403",
    ),
    "admin/guidance/healthservice/<path:object_id>/change/": (
        A,
        A,
        A,
        "403",
        "403",
        "200",
        "200",
    ),
    "admin/guidance/healthservice/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    "admin/guidance/tariff/^([^/]+)/history/([^/]+)/$": (A, A, A, "404", "404", "404", "404"),
    "admin/guidance/tariff/": (A, A, A, "403", "403", "200", "200"),
    "admin/guidance/tariff/add/": (A, A, A, "403", "403", "200", "200"),
    "admin/guidance/tariff/<path:object_id>/history/": (A, A, A, "403", "403", "200", "200"),
    "admin/guidance/tariff/<path:object_id>/delete/": (A, A, A, "403", "403", "403", "200"),
    "admin/guidance/tariff/<path:object_id>/change/": (A, A, A, "403", "403", "200", "200"),
    "admin/guidance/tariff/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    "admin/notifications/notice/": (A, A, A, "403", "200", "403", "200"),
    "admin/notifications/notice/add/": (A, A, A, "403", "403", "403", "403"),
    "admin/notifications/notice/<path:object_id>/history/": (A, A, A, "403", "200", "403", "200"),
    "admin/notifications/notice/<path:object_id>/delete/": (A, A, A, "403", "403", "403", "403"),
    "admin/notifications/notice/<path:object_id>/change/": (A, A, A, "403", "200", "403", "200"),
    "admin/notifications/notice/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    "admin/documents/document/^([^/]+)/history/([^/]+)/$": (A, A, A, "403", "200", "403", "200"),
    "admin/documents/document/": (A, A, A, "403", "200", "403", "200"),
    "admin/documents/document/add/": (A, A, A, "403", "403", "403", "403"),
    "admin/documents/document/<path:object_id>/history/": (A, A, A, "403", "200", "403", "200"),
    "admin/documents/document/<path:object_id>/delete/": (A, A, A, "403", "403", "403", "403"),
    "admin/documents/document/<path:object_id>/change/": (A, A, A, "403", "200", "403", "200"),
    "admin/documents/document/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    "admin/documents/rejectionreason/": (A, A, A, "403", "200", "403", "200"),
    "admin/documents/rejectionreason/add/": (A, A, A, "403", "200", "403", "200"),
    "admin/documents/rejectionreason/<path:object_id>/history/": (
        A,
        A,
        A,
        "403",
        "200",
        "403",
        "200",
    ),
    "admin/documents/rejectionreason/<path:object_id>/delete/": (
        A,
        A,
        A,
        "403",
        "403",
        "403",
        "200",
    ),
    "admin/documents/rejectionreason/<path:object_id>/change/": (
        A,
        A,
        A,
        "403",
        "200",
        "403",
        "200",
    ),
    "admin/documents/rejectionreason/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    "admin/documents/reviewdecision/": (A, A, A, "403", "200", "403", "200"),
    "admin/documents/reviewdecision/add/": (A, A, A, "403", "403", "403", "403"),
    "admin/documents/reviewdecision/<path:object_id>/history/": (
        A,
        A,
        A,
        "403",
        "200",
        "403",
        "200",
    ),
    "admin/documents/reviewdecision/<path:object_id>/delete/": (
        A,
        A,
        A,
        "403",
        "403",
        "403",
        "403",
    ),
    "admin/documents/reviewdecision/<path:object_id>/change/": (
        A,
        A,
        A,
        "403",
        "200",
        "403",
        "200",
    ),
    "admin/documents/reviewdecision/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    "admin/documents/documentaccesslog/": (A, A, A, "403", "403", "403", "200"),
    "admin/documents/documentaccesslog/add/": (A, A, A, "403", "403", "403", "403"),
    "admin/documents/documentaccesslog/<path:object_id>/history/": (
        A,
        A,
        A,
        "302 /admin/",
        "302 /admin/",
        "302 /admin/",
        "302 /admin/",
    ),
    "admin/documents/documentaccesslog/<path:object_id>/delete/": (
        A,
        A,
        A,
        "403",
        "403",
        "403",
        "403",
    ),
    "admin/documents/documentaccesslog/<path:object_id>/change/": (
        A,
        A,
        A,
        "403",
        "403",
        "403",
        "302 /admin/",
    ),
    "admin/documents/documentaccesslog/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    "admin/documents/documentpage/": (A, A, A, "403", "200", "403", "200"),
    "admin/documents/documentpage/add/": (A, A, A, "403", "403", "403", "403"),
    "admin/documents/documentpage/<path:object_id>/history/": (A, A, A, "403", "200", "403", "200"),
    "admin/documents/documentpage/<path:object_id>/delete/": (A, A, A, "403", "403", "403", "403"),
    "admin/documents/documentpage/<path:object_id>/change/": (A, A, A, "403", "200", "403", "200"),
    "admin/documents/documentpage/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    "admin/office/student/<uuid:student_uuid>/record/": (A, A, A, "403", "200", "403", "200"),
    "admin/office/student/<uuid:student_uuid>/messages/": (A, A, A, "403", "200", "403", "200"),
    "admin/office/student/<uuid:student_uuid>/move-back/": (A, A, A, "403", "200", "403", "200"),
    "admin/office/student/<uuid:student_uuid>/correct-number/": (
        A,
        A,
        A,
        "403",
        "200",
        "403",
        "200",
    ),
    "admin/office/student/<uuid:student_uuid>/number/<slug:kind>/": (
        A,
        A,
        A,
        "403",
        "403",
        "403",
        "404",
    ),
    "admin/office/student/export/": (A, A, A, "403", "200", "403", "200"),
    "admin/office/student/charts/": (A, A, A, "403", "200", "403", "200"),
    "admin/office/student/": (A, A, A, "403", "200", "403", "200"),
    "admin/office/student/add/": (A, A, A, "403", "403", "403", "403"),
    "admin/office/student/<path:object_id>/history/": (A, A, A, "403", "200", "403", "200"),
    "admin/office/student/<path:object_id>/delete/": (A, A, A, "403", "403", "403", "200"),
    "admin/office/student/<path:object_id>/change/": (A, A, A, "403", "200", "403", "200"),
    "admin/office/student/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    "admin/students/stepthreshold/": (A, A, A, "403", "200", "403", "200"),
    "admin/students/stepthreshold/add/": (A, A, A, "403", "403", "403", "200"),
    "admin/students/stepthreshold/<path:object_id>/history/": (A, A, A, "403", "200", "403", "200"),
    "admin/students/stepthreshold/<path:object_id>/delete/": (A, A, A, "403", "403", "403", "200"),
    "admin/students/stepthreshold/<path:object_id>/change/": (A, A, A, "403", "200", "403", "200"),
    "admin/students/stepthreshold/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    "admin/office/numberaccesslog/": (A, A, A, "403", "403", "403", "200"),
    "admin/office/numberaccesslog/add/": (A, A, A, "403", "403", "403", "403"),
    "admin/office/numberaccesslog/<path:object_id>/history/": (A, A, A, "403", "403", "403", "200"),
    "admin/office/numberaccesslog/<path:object_id>/delete/": (A, A, A, "403", "403", "403", "403"),
    "admin/office/numberaccesslog/<path:object_id>/change/": (A, A, A, "403", "403", "403", "200"),
    "admin/office/numberaccesslog/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    "admin/office/pendingdocument/<uuid:document_uuid>/review/": (
        A,
        A,
        A,
        "403",
        "200",
        "403",
        "200",
    ),
    "admin/office/pendingdocument/<uuid:document_uuid>/files/<uuid:page_uuid>/": (
        A,
        A,
        A,
        "403",
        "200",
        "403",
        "200",
    ),
    "admin/office/pendingdocument/": (A, A, A, "403", "200", "403", "200"),
    "admin/office/pendingdocument/add/": (A, A, A, "403", "403", "403", "403"),
    "admin/office/pendingdocument/<path:object_id>/history/": (A, A, A, "403", "200", "403", "200"),
    "admin/office/pendingdocument/<path:object_id>/delete/": (A, A, A, "403", "403", "403", "403"),
    "admin/office/pendingdocument/<path:object_id>/change/": (A, A, A, "403", "200", "403", "200"),
    "admin/office/pendingdocument/<path:object_id>/": (A, A, A, CH, CH, CH, CH),
    "admin/^(?P<app_label>auth|account|mfa|django_tasks_database|accounts|students|guidance|notifications|documents|office)/$": (  # noqa: E501
        A,
        A,
        A,
        "404",
        "200",
        "404",
        "200",
    ),
    "admin/(?P<url>.*)$": (A, A, A, "404", "404", "404", "404"),
    "sitemap.xml": ("200", "200", "200", "200", "200", "200", "200"),
    "guide/": (
        "302 /en/guide/",
        "302 /en/guide/",
        "302 /en/guide/",
        "302 /en/guide/",
        "302 /en/guide/",
        "302 /en/guide/",
        "302 /en/guide/",
    ),
    "guide/<slug:slug>/": (
        "302 /en/guide/how-health-insurance-works/",
        "302 /en/guide/how-health-insurance-works/",
        "302 /en/guide/how-health-insurance-works/",
        "302 /en/guide/how-health-insurance-works/",
        "302 /en/guide/how-health-insurance-works/",
        "302 /en/guide/how-health-insurance-works/",
        "302 /en/guide/how-health-insurance-works/",
    ),
    "<lang>/": ("200", "200", "200", "200", "200", "200", "200"),
    "<lang>/accounts/login/": ("200", DASH, DASH, DASH, DASH, DASH, DASH),
    "<lang>/accounts/logout/": ("302 /en/", "200", "200", "200", "200", "200", "200"),
    "<lang>/accounts/inactive/": ("200", "200", "200", "200", "200", "200", "200"),
    "<lang>/accounts/signup/": ("200", DASH, DASH, DASH, DASH, DASH, DASH),
    "<lang>/accounts/reauthenticate/": (L, "200", "200", "200", "200", "200", "200"),
    "<lang>/accounts/reauthenticate/code/": (L, "200", "200", "200", "200", "200", RE),
    "<lang>/accounts/reauthenticate/code/confirm/": (
        L,
        "302 /en/accounts/reauthenticate/code/",
        "302 /en/accounts/reauthenticate/code/",
        "302 /en/accounts/reauthenticate/code/",
        "302 /en/accounts/reauthenticate/code/",
        "302 /en/accounts/reauthenticate/code/",
        "302 /en/accounts/reauthenticate/code/",
    ),
    "<lang>/accounts/email/": (L, "200", "200", "200", "200", "200", "200"),
    "<lang>/accounts/confirm-email/": ("200", "200", "200", "200", "200", "200", "200"),
    "<lang>/accounts/password/change/": (L, "200", "200", "200", "200", "200", "200"),
    "<lang>/accounts/password/set/": (
        L,
        "302 /en/accounts/password/change/",
        "302 /en/accounts/password/change/",
        "302 /en/accounts/password/change/",
        "302 /en/accounts/password/change/",
        "302 /en/accounts/password/change/",
        "302 /en/accounts/password/change/",
    ),
    "<lang>/accounts/password/reset/": ("200", "200", "200", "200", "200", "200", "200"),
    "<lang>/accounts/login/code/confirm/": (L, DASH, DASH, DASH, DASH, DASH, DASH),
    "<lang>/accounts/^confirm-email/(?P<key>[-:\\w]+)/$": (
        "200",
        "200",
        "200",
        "200",
        "200",
        "200",
        "200",
    ),
    "<lang>/accounts/password/reset/key/done/": ("200", "200", "200", "200", "200", "200", "200"),
    "<lang>/accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": (
        "200",
        "200",
        "200",
        "200",
        "200",
        "200",
        "200",
    ),
    "<lang>/accounts/password/reset/done/": ("200", "200", "200", "200", "200", "200", "200"),
    "<lang>/accounts/2fa/": (L, "200", "200", "200", "200", "200", "200"),
    "<lang>/accounts/2fa/authenticate/": (L, DASH, DASH, DASH, DASH, DASH, DASH),
    "<lang>/accounts/2fa/reauthenticate/": (L, RE, RE, "200", "200", "200", "200"),
    "<lang>/accounts/2fa/totp/activate/": (L, RE, RE, RE, RE, RE, "302 /en/accounts/2fa/"),
    "<lang>/accounts/2fa/totp/deactivate/": (L, "404", "404", RE, RE, RE, RE),
    "<lang>/accounts/2fa/recovery-codes/": (L, "404", "404", "404", "404", "404", "404"),
    "<lang>/accounts/2fa/recovery-codes/generate/": (L, RE, RE, RE, RE, RE, RE),
    "<lang>/accounts/2fa/recovery-codes/download/": (L, "404", "404", "404", "404", "404", "404"),
    "<lang>/dashboard/": (L, "200", "200", "200", "200", "200", "200"),
    # The whole timeline of one's own registration; without one, back to the dashboard.
    "<lang>/dashboard/timeline/": (L, "200", DASH, DASH, DASH, DASH, DASH),
    "<lang>/profile/": (L, "200", "200", "200", "200", "200", "200"),
    "<lang>/number/": ("200", "200", "200", "200", "200", "200", "200"),
    "<lang>/which-path/": ("200", "200", "200", "200", "200", "200", "200"),
    "<lang>/better-reimbursed/<slug:task>/": (L, "405", "405", "405", "405", "405", "405"),
    "<lang>/registration/<uuid:registration_uuid>/undo/<uuid:event_uuid>/": (
        L,
        DASH,
        "404",
        "404",
        "404",
        "404",
        "404",
    ),
    # The matrix fills <kind> with a document kind, which is no kind of number: 404.
    "<lang>/registration/<uuid:registration_uuid>/correct-number/<slug:kind>/": (
        L,
        "404",
        "404",
        "404",
        "404",
        "404",
        "404",
    ),
    # POST only (the explicit choice to register before every document is checked).
    "<lang>/registration/<uuid:registration_uuid>/register-anyway/": (
        L,
        "405",
        "405",
        "405",
        "405",
        "405",
        "405",
    ),
    "<lang>/registration/<uuid:registration_uuid>/submitted/": (
        L,
        "200",
        "404",
        "404",
        "404",
        "404",
        "404",
    ),
    "<lang>/registration/<uuid:registration_uuid>/provisional-number/": (
        L,
        DASH,
        "404",
        "404",
        "404",
        "404",
        "404",
    ),
    "<lang>/registration/<uuid:registration_uuid>/missing-documents/": (
        L,
        DASH,
        "404",
        "404",
        "404",
        "404",
        "404",
    ),
    "<lang>/registration/<uuid:registration_uuid>/documents-sent/": (
        L,
        DASH,
        "404",
        "404",
        "404",
        "404",
        "404",
    ),
    "<lang>/registration/<uuid:registration_uuid>/validated/": (
        L,
        DASH,
        "404",
        "404",
        "404",
        "404",
        "404",
    ),
    "<lang>/registration/<uuid:registration_uuid>/definitive-number/": (
        L,
        DASH,
        "404",
        "404",
        "404",
        "404",
        "404",
    ),
    "<lang>/registration/<uuid:registration_uuid>/ameli-account/": (
        L,
        DASH,
        "404",
        "404",
        "404",
        "404",
        "404",
    ),
    "<lang>/registration/<uuid:registration_uuid>/carte-vitale-ordered/": (
        L,
        DASH,
        "404",
        "404",
        "404",
        "404",
        "404",
    ),
    "<lang>/registration/<uuid:registration_uuid>/carte-vitale-received/": (
        L,
        DASH,
        "404",
        "404",
        "404",
        "404",
        "404",
    ),
    "<lang>/documents/": (L, "200", "200", "200", "200", "200", "200"),
    "<lang>/documents/upload/<slug:kind>/": (
        L,
        "302 /en/documents/<uuid>/replace/",
        "200",
        "200",
        "200",
        "200",
        "200",
    ),
    # The old review screen sends reviewers to the one review screen, the admin's, for good.
    "<lang>/documents/review/": (L, "404", "404", "403", MOVED_QUEUE, "403", MOVED_QUEUE),
    "<lang>/documents/review/<uuid:document_uuid>/": (
        L,
        "404",
        "404",
        "403",
        MOVED_SCREEN,
        "403",
        MOVED_SCREEN,
    ),
    "<lang>/documents/review/<uuid:document_uuid>/accept/": (
        L,
        "404",
        "404",
        "403",
        MOVED_SCREEN,
        "403",
        MOVED_SCREEN,
    ),
    "<lang>/documents/review/<uuid:document_uuid>/reject/": (
        L,
        "404",
        "404",
        "403",
        MOVED_SCREEN,
        "403",
        MOVED_SCREEN,
    ),
    "<lang>/documents/<uuid:document_uuid>/": (L, "200", "404", "404", "404", "404", "404"),
    "<lang>/documents/<uuid:document_uuid>/replace/": (L, "200", "404", "404", "404", "404", "404"),
    "<lang>/documents/<uuid:document_uuid>/delete/": (L, "200", "404", "404", "404", "404", "404"),
    "<lang>/documents/<uuid:document_uuid>/pdf/": (L, "200", "404", "404", "200", "404", "200"),
    "<lang>/documents/<uuid:document_uuid>/files/<uuid:page_uuid>/": (
        L,
        "200",
        "404",
        "404",
        "200",
        "404",
        "200",
    ),
    "<lang>/guide/": ("200", "200", "200", "200", "200", "200", "200"),
    "<lang>/guide/links/": ("200", "200", "200", "200", "200", "200", "200"),
    "<lang>/guide/links/<slug:tool>/qr.svg": ("200", "200", "200", "200", "200", "200", "200"),
    "<lang>/guide/links/<slug:tool>/poster/": ("200", "200", "200", "200", "200", "200", "200"),
    "<lang>/guide/<slug:slug>/": ("200", "200", "200", "200", "200", "200", "200"),
    "<lang>/guide/<slug:slug>/poster/": ("200", "200", "200", "200", "200", "200", "200"),
    "<lang>/guide/<slug:slug>/qr.svg": ("200", "200", "200", "200", "200", "200", "200"),
    "<lang>/estimate/": ("200", "200", "200", "200", "200", "200", "200"),
    "<lang>/privacy/": ("200", "200", "200", "200", "200", "200", "200"),
    "<lang>/accessibility/": ("200", "200", "200", "200", "200", "200", "200"),
    "<lang>/account/e-mails/": (L, "200", "200", "200", "200", "200", "200"),
    "<lang>/messages/": (L, "200", "200", "200", "200", "200", "200"),
    # Care expenses: a student's own; staff have none (an empty page), Alice's are 404 to all.
    "<lang>/expenses/": (L, "200", "200", "200", "200", "200", "200"),
    "<lang>/expenses/from-estimate/": (L, "405", "405", "405", "405", "405", "405"),
    "<lang>/expenses/letter.pdf": (L, "200", EXP, EXP, EXP, EXP, EXP),
    "<lang>/expenses/<uuid:expense_uuid>/sent/": (L, "200", "404", "404", "404", "404", "404"),
    "<lang>/expenses/<uuid:expense_uuid>/reimbursed/": (L, EXP, "404", "404", "404", "404", "404"),
    "<lang>/expenses/<uuid:expense_uuid>/refused/": (L, EXP, "404", "404", "404", "404", "404"),
    "<lang>/expenses/<uuid:expense_uuid>/delete/": (L, "200", "404", "404", "404", "404", "404"),
    # The calendar page of whoever is signed in; only Alice has a link to revoke.
    "<lang>/calendar/": (L, "200", "200", "200", "200", "200", "200"),
    "<lang>/calendar/new-link/": (L, "200", "200", "200", "200", "200", "200"),
    "<lang>/calendar/revoke/": (L, "200", CAL, CAL, CAL, CAL, CAL),
    "<lang>/calendar/download.ics": (L, "200", "200", "200", "200", "200", "200"),
    # The feed: its secret token is the key, whoever asks (a wrong one is 404: test_feed.py).
    "calendar/<str:token>.ics": ("200", "200", "200", "200", "200", "200", "200"),
    "<lang>/account/my-data/": (L, RE, RE, RE, RE, RE, RE),
    "<lang>/account/delete/": (L, RE, RE, "200", "200", "200", "200"),
}


def outcome(response, path: str) -> str:
    """A response in the matrix's words: the status, or where a redirect goes."""
    if response.status_code not in (301, 302):
        return str(response.status_code)
    location = urlsplit(response["Location"]).path
    if location == path + "change/":
        return "302 ./change/"
    if location.startswith("/en/accounts/login/"):
        return "login"
    if location.startswith("/admin/login/"):
        return "admin-login"
    return f"{response.status_code} {UUID.sub('<uuid>', location)}"


@pytest.fixture
def world(alice, charlie, eve, make_profile, upload, django_user_model):  # noqa: F811
    registration = make_profile(alice)
    passport = upload(alice).document
    page = passport.current_version.pages.first()
    bank = upload(alice, DocumentKind.RIB).document
    root = django_user_model.objects.create_superuser(
        email="root@example.org", password="root-password-for-tests"
    )
    office = make_verified_user(email="office@example.org", is_staff=True)
    office.groups.add(Group.objects.get(name=OFFICE_GROUP))
    editor = make_verified_user(email="editor@example.org", is_staff=True)
    editor.groups.add(Group.objects.get(name=GUIDANCE_EDITOR))
    decision = document_accept(version=bank.current_version, by=root)
    guide = Page.objects.get(slug="how-health-insurance-works")
    SlugRedirect.objects.create(old_slug="old-address", page=guide)
    notice = Notice.objects.create(
        recipient=alice, kind=NoticeKind.values[0], subject="s", body_text="t", body_html="h"
    )
    number_log = NumberAccessLog.objects.create(
        actor=root, action="view", student_uuid=alice.uuid, number_kind="provisional"
    )
    expense = expense_record(
        student=alice,
        visit_date=date(2026, 1, 15),
        kind="gp",
        sector="1",
        fee=Decimal("30"),
        gp_declared=True,
        complementary="none",
    )
    feed = feed_regenerate(student=alice)
    clients = {"anon": Client()}
    for name, user in [("alice", alice), ("charlie", charlie)]:
        clients[name] = Client()
        clients[name].force_login(user)
    for name, user in [("eve", eve), ("office", office), ("editor", editor), ("root", root)]:
        clients[name] = log_in_with_mfa(Client(), user)
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    objects = {
        "auth/group": Group.objects.get(name=OFFICE_GROUP),
        "account/emailaddress": EmailAddress.objects.get(user=alice),
        "mfa/authenticator": Authenticator.objects.filter(user=root).first(),
        "accounts/user": alice,
        "students/academicyear": AcademicYear.objects.first(),
        "students/studentprofile": registration.profile
        if hasattr(registration, "profile")
        else alice.student_profile,
        "students/registration": registration,
        "guidance/page": guide,
        "guidance/pagetranslation": PageTranslation.objects.filter(page=guide).first(),
        "guidance/slugredirect": SlugRedirect.objects.first(),
        "guidance/tariff": Tariff.objects.first(),
        "guidance/fact": Fact.objects.first(),
        "guidance/healthservice": HealthService.objects.first(),
        "notifications/notice": notice,
        "documents/document": passport,
        "documents/rejectionreason": RejectionReason.objects.first(),
        "documents/reviewdecision": decision,
        "documents/documentaccesslog": DocumentAccessLog.objects.first(),
        "documents/documentpage": page,
        "office/student": alice,
        "students/stepthreshold": StepThreshold.objects.first(),
        "office/numberaccesslog": number_log,
        "office/pendingdocument": passport,
    }
    return SimpleNamespace(
        expense=expense,
        feed=feed,
        alice=alice,
        registration=registration,
        passport=passport,
        page=page,
        clients=clients,
        objects=objects,
    )


def path_for(key, world):
    values = {
        "slug": "how-health-insurance-works",
        "tool": "which-path",
        "task": "declare-gp",
        "registration_uuid": world.registration.uuid,
        "document_uuid": world.passport.uuid,
        "expense_uuid": world.expense.uuid,
        "token": world.feed.token,
        "page_uuid": world.page.uuid,
        "event_uuid": "00000000-0000-4000-8000-000000000000",
        "kind": DocumentKind.PASSPORT_OR_ID.value,
        "student_uuid": world.alice.uuid,
        "key": "not-a-real-key",
        "uidb36": "1",
        "id": world.alice.pk,
        "content_type_id": ContentType.objects.get_for_model(world.alice).pk,
        "app_label": "documents",
        "url": "nowhere/",
    }
    positional = []
    if key.startswith("admin/"):
        parts = key.split("/")
        model = "/".join(parts[1:3])
        obj = world.objects.get(model)
        values["object_id"] = "00000000-0000-0000-0000-000000000000"
        if obj is not None:
            values["object_id"] = obj.pk
            history = getattr(type(obj), "history", None)
            if history is not None:
                record = history.filter(id=obj.pk).first()
                positional = [obj.pk, record.history_id if record else 0]
        if key == "admin/r/<path:content_type_id>/<path:object_id>/":
            values["object_id"] = world.alice.pk
        if key.startswith("admin/office/student/") and "number" in key:
            values["kind"] = "provisional"
    return fill(key, values, positional)


# Public addresses: anyone gets them without signing in (SECURITY.md row 16).
PUBLIC = {
    "healthz",
    "robots.txt",
    "csp-report/",  # POST only, for browsers, rate-limited
    "i18n/setlang/",  # POST only, for everyone
    "sitemap.xml",
    "guide/",
    "guide/<slug:slug>/",
    "<lang>/",
    "<lang>/guide/",
    "<lang>/guide/links/",
    "<lang>/guide/links/<slug:tool>/qr.svg",
    "<lang>/guide/links/<slug:tool>/poster/",
    "<lang>/guide/<slug:slug>/",
    "<lang>/guide/<slug:slug>/poster/",
    "<lang>/guide/<slug:slug>/qr.svg",
    "<lang>/estimate/",
    "<lang>/number/",
    "<lang>/which-path/",
    "<lang>/privacy/",
    "<lang>/accessibility/",
    # A calendar app reads the feed without a session; the token in the address is the key.
    "calendar/<str:token>.ics",
    # allauth's pages for people not signed in (login, sign-up, password reset, e-mail
    # confirmation, inactive account): allauth decides what they show.
    "<lang>/accounts/login/",
    "<lang>/accounts/logout/",
    "<lang>/accounts/inactive/",
    "<lang>/accounts/signup/",
    "<lang>/accounts/confirm-email/",
    "<lang>/accounts/^confirm-email/(?P<key>[-:\\w]+)/$",
    "<lang>/accounts/password/reset/",
    "<lang>/accounts/password/reset/done/",
    "<lang>/accounts/password/reset/key/done/",
    "<lang>/accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
    # The admin's own login and logout pages (the login sends to the portal's login).
    "admin/login/",
    "admin/logout/",
}

# Addresses naming Alice's objects: Charlie gets 404, never 403 or 200 (SECURITY.md row 15).
ALICES_OBJECTS = [
    key
    for key in EXPECTED
    if key.startswith("<lang>/")
    and (
        "<uuid:registration_uuid>" in key
        or "<uuid:document_uuid>" in key
        or "<uuid:expense_uuid>" in key
    )
    # POST only: GET is refused (405) to everyone before any object is looked up.
    and not key.endswith("/register-anyway/")
]


def test_every_url_pattern_has_a_row():
    missing = [key for key in patterns() if key not in EXPECTED]
    assert not missing, (
        "URL patterns without a row in tests/test_permissions.py EXPECTED (say who may "
        f"reach them): {missing}"
    )


def test_no_row_names_a_pattern_that_is_gone():
    assert set(EXPECTED) - set(patterns()) == set()


def test_addresses_carry_uuids_not_integer_ids():
    """Outside the admin (whose object ids Django builds), objects are named by UUID."""
    integer_parameters = [
        key for key in patterns() if not key.startswith("admin/") and "<int:" in key
    ]
    assert integer_parameters == []


def test_every_non_public_address_sends_anonymous_visitors_to_a_login():
    for key, row in EXPECTED.items():
        if key not in PUBLIC:
            assert row[0] in ("login", "admin-login"), key


def test_charlie_gets_404_on_every_one_of_alices_objects():
    assert len(ALICES_OBJECTS) >= 15
    for key in ALICES_OBJECTS:
        assert EXPECTED[key][ROLES.index("charlie")] == "404", key


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_answer_everywhere(world, role):
    column = ROLES.index(role)
    client = world.clients[role]
    wrong = []
    for key in patterns():
        path = path_for(key, world)
        got = outcome(client.get(path), path)
        if got != EXPECTED[key][column]:
            wrong.append(f"{key} ({path}): expected {EXPECTED[key][column]}, got {got}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)

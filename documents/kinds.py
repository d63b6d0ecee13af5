"""The kinds of document a student may upload, and what each one must show."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    PASSPORT_OR_ID = "passport-id", _("Passport or national ID card")
    RESIDENCE_PERMIT = "residence-permit", _("Residence permit")
    SCHOOL_CERTIFICATE = "school-certificate", _("Certificate of enrolment")
    RIB = "rib", _("Bank details (RIB)")
    BIRTH_DOCUMENT = "birth-document", _("Birth certificate or equivalent")
    SWORN_TRANSLATION = "sworn-translation", _("Sworn translation of the birth document")
    EHIC = "ehic", _("European Health Insurance Card (EHIC)")
    S1 = "s1", _("Form S1")
    STUDENT_CARD = "student-card", _("Student card")
    PARENTAL_AUTHORISATION = "parental-authorisation", _("Parental authorisation")
    PROVISIONAL_CERTIFICATE = "provisional-certificate", _("Provisional certificate of rights")
    AFFILIATION_CERTIFICATE = "affiliation-certificate", _("Affiliation certificate")
    QUEBEC_FORM = "quebec-form", _("Quebec form (SE 401-Q-106 or SE 401-Q-102 bis)")


# What staff check, shown to the student before they upload (PRODUCT.md "Documents",
# DOMAIN.md §5.2).
KIND_HINTS = {
    DocumentKind.PASSPORT_OR_ID: _(
        "The page of your passport with your photo, or both sides of your national ID card."
    ),
    DocumentKind.RESIDENCE_PERMIT: _(
        "Your long-stay student visa (VLS-TS) together with the confirmation that it was "
        "validated online, your residence card, or the receipt (récépissé) of your "
        "application."
    ),
    DocumentKind.SCHOOL_CERTIFICATE: _(
        "Your certificate of enrolment (attestation de scolarité) for the current academic "
        "year, with your name and the dates. An admission letter is not accepted."
    ),
    DocumentKind.RIB: _(
        "A bank details slip (RIB) for an account in your name, so the Assurance Maladie "
        "can refund you."
    ),
    DocumentKind.BIRTH_DOCUMENT: _(
        "A full copy of your birth certificate, or an extract that names your parents, a "
        "family record book or a marriage certificate."
    ),
    DocumentKind.SWORN_TRANSLATION: _(
        "The French translation of your birth document, made by a sworn translator "
        "(traducteur assermenté)."
    ),
    DocumentKind.EHIC: _(
        "Both sides of your European Health Insurance Card, valid until the end of the "
        "academic year."
    ),
    DocumentKind.S1: _("Form S1 issued by the health insurance of your home country."),
    DocumentKind.STUDENT_CARD: _(
        "Your student card for this academic year (sent with treatment sheets)."
    ),
    DocumentKind.PARENTAL_AUTHORISATION: _(
        "An authorisation signed by a parent or legal guardian, with a copy of their ID."
    ),
    DocumentKind.PROVISIONAL_CERTIFICATE: _(
        "The provisional certificate of rights (attestation de droits provisoire) you "
        "downloaded after registering on the official site."
    ),
    DocumentKind.AFFILIATION_CERTIFICATE: _(
        "The certificate of affiliation you downloaded once your file was validated."
    ),
    DocumentKind.QUEBEC_FORM: _(
        "Form SE 401-Q-106 or SE 401-Q-102 bis issued by the RAMQ in Quebec."
    ),
}

# File names of the ready-to-upload PDF, named after the official site's upload slots
# (etudiant-etranger.ameli.fr asks for one PDF per slot).
SLOT_FILE_NAMES = {
    DocumentKind.PASSPORT_OR_ID: "piece-identite.pdf",
    DocumentKind.RESIDENCE_PERMIT: "titre-de-sejour.pdf",
    DocumentKind.SCHOOL_CERTIFICATE: "attestation-de-scolarite.pdf",
    DocumentKind.RIB: "rib.pdf",
    DocumentKind.BIRTH_DOCUMENT: "acte-de-naissance.pdf",
    DocumentKind.SWORN_TRANSLATION: "traduction-acte-de-naissance.pdf",
    DocumentKind.EHIC: "carte-europeenne-assurance-maladie.pdf",
    DocumentKind.S1: "formulaire-s1.pdf",
    DocumentKind.STUDENT_CARD: "carte-etudiant.pdf",
    DocumentKind.PARENTAL_AUTHORISATION: "autorisation-parentale.pdf",
    DocumentKind.PROVISIONAL_CERTIFICATE: "attestation-droits-provisoire.pdf",
    DocumentKind.AFFILIATION_CERTIFICATE: "attestation-affiliation.pdf",
    DocumentKind.QUEBEC_FORM: "formulaire-quebec.pdf",
}


# The tracker names what the CPAM asked for (students.models.RequestedDocument); this is the
# document kind that answers each request. "Another document" has no kind.
KIND_FOR_REQUESTED = {
    "identity": DocumentKind.PASSPORT_OR_ID,
    "residence-permit": DocumentKind.RESIDENCE_PERMIT,
    "school-certificate": DocumentKind.SCHOOL_CERTIFICATE,
    "bank-details": DocumentKind.RIB,
    "birth-certificate": DocumentKind.BIRTH_DOCUMENT,
    "translation": DocumentKind.SWORN_TRANSLATION,
    "s1": DocumentKind.S1,
    "quebec-form": DocumentKind.QUEBEC_FORM,
    "parental-authorisation": DocumentKind.PARENTAL_AUTHORISATION,
}

"""The catalogue of rejection reasons staff pick from (editable afterwards in the admin)."""

from django.db import migrations

# code, label EN, label FR, how to fix EN, how to fix FR
REASONS = [
    (
        "unreadable",
        "The document is unreadable",
        "Le document est illisible",
        "Scan or photograph it again, flat and in good light, so that every word is sharp.",
        "Scannez-le ou photographiez-le à nouveau, à plat et avec un bon éclairage, pour que "
        "chaque mot soit net.",
    ),
    (
        "cut-off",
        "Part of the document is cut off",
        "Une partie du document est coupée",
        "Take the photo or the scan again so that the whole document, with its four corners, "
        "is visible.",
        "Reprenez la photo ou le scan pour que le document entier, avec ses quatre coins, soit "
        "visible.",
    ),
    (
        "page-missing",
        "A page or a side is missing",
        "Il manque une page ou un côté",
        "Upload every page of the document, and both sides of a card, in the same upload.",
        "Envoyez toutes les pages du document, et les deux côtés d'une carte, dans le même "
        "envoi.",
    ),
    (
        "expired",
        "The document has expired",
        "Le document n'est plus valable",
        "Upload a document that is valid today. For a residence permit being renewed, the "
        "receipt (récépissé) of your application is accepted.",
        "Envoyez un document valable aujourd'hui. Pour un titre de séjour en cours de "
        "renouvellement, le récépissé de votre demande est accepté.",
    ),
    (
        "wrong-document",
        "This is not the document requested",
        "Ce n'est pas le document demandé",
        "Check the description of this document on the upload page, then upload the right "
        "one.",
        "Relisez la description de ce document sur la page d'envoi, puis envoyez le bon "
        "document.",
    ),
    (
        "translation-missing",
        "A sworn French translation is missing",
        "La traduction assermentée en français manque",
        "Have the document translated into French by a sworn translator (traducteur "
        "assermenté), then upload the translation as “Sworn translation of the birth "
        "document”.",
        "Faites traduire le document en français par un traducteur assermenté, puis envoyez la "
        "traduction dans « Traduction assermentée de l'acte de naissance ».",
    ),
    (
        "name-mismatch",
        "The name does not match your other documents",
        "Le nom ne correspond pas à vos autres documents",
        "Upload a document in the same name as your passport. If your name is written "
        "differently (marriage, transliteration), add a document that links the two names.",
        "Envoyez un document au même nom que votre passeport. Si votre nom s'écrit "
        "différemment (mariage, translittération), ajoutez un document qui relie les deux "
        "noms.",
    ),
    (
        "not-current-year",
        "The certificate is not for the current academic year",
        "Le certificat ne porte pas sur l'année universitaire en cours",
        "Download or ask for the certificate of enrolment (attestation de scolarité) for this "
        "academic year, with your name and the dates, and upload it.",
        "Téléchargez ou demandez le certificat de scolarité de cette année universitaire, avec "
        "votre nom et les dates, puis envoyez-le.",
    ),
    (
        "admission-letter",
        "This is an admission letter, not a certificate of enrolment",
        "C'est une lettre d'admission, pas un certificat de scolarité",
        "Once your enrolment is complete, download your certificate of enrolment (attestation "
        "de scolarité) from your student account and upload it.",
        "Une fois votre inscription terminée, téléchargez votre certificat de scolarité depuis "
        "votre espace étudiant et envoyez-le.",
    ),
    (
        "visa-not-validated",
        "The visa has not been validated online",
        "Le visa n'a pas été validé en ligne",
        "Validate your long-stay student visa (VLS-TS) on the ANEF website, then upload the "
        "visa page together with the validation confirmation.",
        "Validez votre visa long séjour étudiant (VLS-TS) sur le site de l'ANEF, puis envoyez "
        "la page du visa avec la confirmation de validation.",
    ),
    (
        "birth-document-incomplete",
        "The birth document does not name your parents",
        "L'acte de naissance ne mentionne pas vos parents",
        "Upload a full copy of your birth certificate, an extract that names your parents, a "
        "family record book or a marriage certificate.",
        "Envoyez une copie intégrale de votre acte de naissance, un extrait avec filiation, un "
        "livret de famille ou un acte de mariage.",
    ),
    (
        "bank-details-not-yours",
        "The bank details are not in your name",
        "Le RIB n'est pas à votre nom",
        "Upload the bank details (RIB) of an account in your own name. Your bank's app or "
        "website usually lets you download them.",
        "Envoyez le RIB d'un compte à votre nom. L'application ou le site de votre banque "
        "permet en général de le télécharger.",
    ),
    (
        "other",
        "Another problem (see the comment)",
        "Autre problème (voir le commentaire)",
        "Read the office's comment. Contact the international office if anything is unclear.",
        "Lisez le commentaire du service. Contactez le service des relations internationales "
        "si quelque chose n'est pas clair.",
    ),
]


def load_reasons(apps, schema_editor):
    RejectionReason = apps.get_model("documents", "RejectionReason")
    for position, (code, label_en, label_fr, fix_en, fix_fr) in enumerate(REASONS, start=1):
        RejectionReason.objects.update_or_create(
            code=code,
            defaults={
                "label_en": label_en,
                "label_fr": label_fr,
                "how_to_fix_en": fix_en,
                "how_to_fix_fr": fix_fr,
                "position": position * 10,
            },
        )


def remove_reasons(apps, schema_editor):
    RejectionReason = apps.get_model("documents", "RejectionReason")
    RejectionReason.objects.filter(code__in=[reason[0] for reason in REASONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(load_reasons, remove_reasons)]

"""French: "attestation de scolarité", ameli's term, in the rejection reasons (not
"certificat de scolarité"). Only the French texts that carried the old term change; a text
an editor has reworded since is left alone.
"""

from django.db import migrations

WORDS = [
    ("le certificat de scolarité", "l'attestation de scolarité"),
    ("un certificat de scolarité", "une attestation de scolarité"),
    ("votre certificat de scolarité", "votre attestation de scolarité"),
    ("Le certificat ne porte pas", "L'attestation ne porte pas"),
    ("puis envoyez-le.", "puis envoyez-la."),
    ("depuis votre espace étudiant et envoyez-le.", "depuis votre espace étudiant et envoyez-la."),
]


def forwards(apps, schema_editor):
    RejectionReason = apps.get_model("documents", "RejectionReason")
    for reason in RejectionReason.objects.filter(code__in=["not-current-year", "admission-letter"]):
        for field in ("label_fr", "how_to_fix_fr"):
            text = getattr(reason, field)
            if "scolarité" not in text and "certificat ne porte" not in text:
                continue
            for old, new in WORDS:
                text = text.replace(old, new)
            setattr(reason, field, text)
        reason.save(update_fields=["label_fr", "how_to_fix_fr"])


class Migration(migrations.Migration):
    dependencies = [("documents", "0004_merge_access_log_and_queue_index")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

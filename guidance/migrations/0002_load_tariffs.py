"""The estimator's tariffs as DOMAIN.md §7 gives them (with the tarif d'autorité of §1.2/§3d
and the under-16 pathway rule of §2b). Editors change them in the admin afterwards.

Safe to run again: a row that exists (same parameter and start) is left as it is.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

CONFIRMED, LIKELY = "confirmed", "likely"

TARIFFS = [
    # parameter, from, to, value, unit, source, confidence, note
    ("consultation_fee_gp_sector1", date(2017, 5, 1), date(2023, 10, 31), "25.00", "EUR",
     "droit-pratique.fr; april.fr (DOMAIN.md §1.2)", LIKELY,
     "Value confirmed; the start date was not re-verified."),
    ("consultation_fee_gp_sector1", date(2023, 11, 1), date(2024, 12, 21), "26.50", "EUR",
     "previssima.fr; boursorama.com (DOMAIN.md §1.2)", CONFIRMED, ""),
    ("consultation_fee_gp_sector1", date(2024, 12, 22), None, "30.00", "EUR",
     "arrêté 20/06/2024 (JO 21/06/2024); defenseconso.fr; service-public F17042 "
     "(DOMAIN.md §1.2)", CONFIRMED,
     "No later change found up to January 2026; later dates carry this value forward."),
    ("consultation_base_gp_sector2_non_optam", None, None, "23.00", "EUR",
     "groupama.fr; synonyme-du-mot.com (DOMAIN.md §1.2)", LIKELY, "Valid at least 2023-2025."),
    ("consultation_fee_gp_child_under6", date(2024, 12, 22), None, "35.00", "EUR",
     "defenseconso.fr (DOMAIN.md §1.2)", CONFIRMED, ""),
    ("authority_tariff_gp", None, None, "0.61", "EUR",
     "chronomut.com (DOMAIN.md §1.2, §3d)", LIKELY, "About 0.61 €."),
    ("authority_tariff_specialist", None, None, "1.22", "EUR",
     "chronomut.com (DOMAIN.md §1.2, §3d)", LIKELY, "About 1.22 €."),
    ("reimbursement_rate_in_pathway", date(2005, 1, 1), None, "0.70", "ratio",
     "service-public F17042; camieg.fr; egora.fr, no TM rise 2025 (DOMAIN.md §1.1c, §1.1e)",
     CONFIRMED, "Start date approximate (2004 reform)."),
    ("reimbursement_rate_out_of_pathway", date(2009, 1, 31), None, "0.30", "ratio",
     "service-public F17042; camieg.fr; institutmolinari.org, date (DOMAIN.md §1.1d)",
     CONFIRMED, "Value confirmed; the start date is likely."),
    ("participation_forfaitaire_per_act", date(2005, 1, 1), date(2024, 5, 14), "1.00", "EUR",
     "bonne-assurance.com; ameli, 2016 page (DOMAIN.md §1.3b)", CONFIRMED,
     "Start date likely."),
    ("participation_forfaitaire_per_act", date(2024, 5, 15), None, "2.00", "EUR",
     "décret 2024-113 (16/02/2024); magnolia.fr; mutame-plus.fr (DOMAIN.md §1.3c)", CONFIRMED,
     "The rise to 4 € was abandoned in December 2025; 2 € throughout 2026 is likely."),
    ("participation_forfaitaire_annual_cap", date(2005, 1, 1), None, "50.00",
     "EUR/person/calendar-year", "ucr.fr; SNDS glossary (DOMAIN.md §1.3e)", CONFIRMED, ""),
    ("participation_forfaitaire_max_per_day_same_professional", date(2005, 1, 1), None, "4",
     "count", "SNDS glossary; ucr.fr (DOMAIN.md §1.3f)", LIKELY, ""),
    ("exemption_age_pf_and_franchises", None, None, "18", "years (exempt if under)",
     "magnolia.fr; bonne-assurance.com (DOMAIN.md §1.3g)", CONFIRMED, ""),
    ("pathway_min_age", None, None, "16", "years (pathway rules apply from)",
     "essentiel-sante-magazine.fr; previssima.fr; alan.com (DOMAIN.md §2b)", CONFIRMED, ""),
]


def load_tariffs(apps, schema_editor):
    Tariff = apps.get_model("guidance", "Tariff")
    for parameter, start, end, value, unit, source, confidence, note in TARIFFS:
        Tariff.objects.get_or_create(
            parameter=parameter,
            effective_from=start,
            defaults={
                "effective_to": end,
                "value": Decimal(value),
                "unit": unit,
                "source": source,
                "confidence": confidence,
                "note": note,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("guidance", "0001_pages_and_tariffs")]

    operations = [migrations.RunPython(load_tariffs, migrations.RunPython.noop)]

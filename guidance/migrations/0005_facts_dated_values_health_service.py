"""Facts with their sources and check dates, the CSS ceilings and the CVEC as dated values,
tariff sources without internal references, and the health service's default details.

Safe to run again: what exists is left as it is (editors' changes win).
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

CONFIRMED, LIKELY = "confirmed", "likely"
# The archived sources behind the first pages hold nothing later than January 2026.
SOURCES_READ = date(2026, 1, 31)

DATED_VALUES = [
    # parameter, from, to, value, unit, source, confidence, note
    ("css_ceiling_free_single_mainland", date(2024, 4, 1), date(2025, 3, 31), "10166",
     "EUR/year", "OpenFisca-France, cmu/plafond_base (arrêté of 26/03/2024)", CONFIRMED, ""),
    ("css_ceiling_free_single_mainland", date(2025, 4, 1), date(2026, 3, 31), "10339",
     "EUR/year", "efl.fr; econostrum.info (arrêté, JO of 29/03/2025)", CONFIRMED,
     "The ceiling from 1 April 2026 was not found."),
    ("css_ceiling_with_contribution_single_mainland", date(2024, 4, 1), date(2025, 3, 31),
     "13724", "EUR/year", "OpenFisca-France, cmu/plafond_base", CONFIRMED, ""),
    ("css_ceiling_with_contribution_single_mainland", date(2025, 4, 1), date(2026, 3, 31),
     "13957", "EUR/year", "efl.fr (econostrum.info and linked.fr give 13 958 €)", LIKELY,
     "The ceiling from 1 April 2026 was not found."),
    ("cvec_amount", date(2023, 9, 1), date(2024, 8, 31), "100", "EUR/academic-year",
     "letudiant.fr; mes-allocs.fr", CONFIRMED, ""),
    ("cvec_amount", date(2024, 9, 1), date(2025, 8, 31), "103", "EUR/academic-year",
     "mes-allocs.fr; crous-rennes.fr", CONFIRMED, ""),
    ("cvec_amount", date(2025, 9, 1), date(2026, 8, 31), "105", "EUR/academic-year",
     "infominute.fr; mes-allocs.fr; crous-rennes.fr", CONFIRMED,
     "The 2026-27 amount was not found."),
]

# The first sources named DOMAIN.md, an internal document: the public pages show sources.
CLEAN_SOURCES = {
    " (DOMAIN.md §1.2)": "",
    " (DOMAIN.md §1.2, §3d)": "",
    " (DOMAIN.md §1.1c, §1.1e)": "",
    " (DOMAIN.md §1.1d)": "",
    " (DOMAIN.md §1.3b)": "",
    " (DOMAIN.md §1.3c)": "",
    " (DOMAIN.md §1.3e)": "",
    " (DOMAIN.md §1.3f)": "",
    " (DOMAIN.md §1.3g)": "",
    " (DOMAIN.md §2b)": "",
}


def forwards(apps, schema_editor):
    from guidance import content

    Tariff = apps.get_model("guidance", "Tariff")
    for tariff in Tariff.objects.all():
        source = tariff.source
        for internal, public in CLEAN_SOURCES.items():
            source = source.replace(internal, public)
        tariff.source = source.strip()
        if tariff.checked_on is None:
            tariff.checked_on = SOURCES_READ
        tariff.save(update_fields=["source", "checked_on"])
    for parameter, start, end, value, unit, source, confidence, note in DATED_VALUES:
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
                "checked_on": SOURCES_READ,
            },
        )

    HealthService = apps.get_model("guidance", "HealthService")
    if not HealthService.objects.exists():
        # Université Paris Nanterre's details as its welcome desk FAQ gives them, quoted by
        # the fact-check of 4 December 2026 "to check": not confirmed, so no check date.
        HealthService.objects.create(
            name="Service de santé étudiante (SSE), Université Paris Nanterre",
            address="Bâtiment Ramnoux, campus de Nanterre",
            phone="01 40 97 75 33",
            source_title="Université Paris Nanterre, FAQ (quoted by a fact-check, 4 December "
            "2026, to be checked)",
        )

    content.load_facts(
        fact_model=apps.get_model("guidance", "Fact"),
        page_model=apps.get_model("guidance", "Page"),
    )


class Migration(migrations.Migration):
    dependencies = [("guidance", "0004_facts_health_service_checked_dates")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

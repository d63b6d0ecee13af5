"""Country groups that decide a student's path, as data (ISO 3166-1 alpha-2 codes).

Source: the EU's 27 member states, the EEA (EU + Iceland, Liechtenstein, Norway) and
Switzerland, whose students may use a European Health Insurance Card (EHIC) in France
(etudiant.gouv.fr, "Social security: your medical expenditure coverage", DOMAIN.md §5a).
The United Kingdom left the EU on 31 January 2020 and is not in this group.
"""

EU_MEMBER_STATES = frozenset(
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
        "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    }
)  # fmt: skip
EEA_NON_EU = frozenset({"IS", "LI", "NO"})
SWITZERLAND = frozenset({"CH"})

EU_EEA_SWISS = EU_MEMBER_STATES | EEA_NON_EU | SWITZERLAND

# Documents in most EU languages need no French translation; the CPAM's list leaves out at
# least Greek, Bulgarian, Estonian and Slovene (DOMAIN.md §9.10, correcting §5b).
EU_DOCUMENTS_NEEDING_TRANSLATION = frozenset({"GR", "BG", "EE", "SI"})

FRANCE = "FR"
CANADA = "CA"

# French citizens born in mainland France or in an overseas département or collectivity
# registered in the RNIPP (INSEE codes 97x) have a social-security number from birth.
FRENCH_TERRITORIES_WITH_NUMBER_AT_BIRTH = frozenset(
    {"FR", "GP", "MQ", "GF", "RE", "YT", "BL", "MF"}
)
# People from these territories have their own schemes and also use the foreign-student
# site (DOMAIN.md §5h).
FRENCH_TERRITORIES_USING_FOREIGN_STUDENT_SITE = frozenset({"NC", "WF", "PF", "PM"})


def is_eu_eea_swiss(country_code: str) -> bool:
    """True for a national of an EU or EEA country or of Switzerland."""
    return (country_code or "").upper() in EU_EEA_SWISS

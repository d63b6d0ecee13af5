"""The portal's languages, declared once: settings, the picker, the admin, guidance and search
read this table. Adding a language is one row here (then `make messages`, see README.md).

Digits: every language, Arabic included, shows Western digits (0-9). They are what Django's
`ar` formats produce, what the French documents a student copies from carry (the
social-security number, amounts in euros, dates on a certificate) and what the CPAM's forms
and the official site expect to be typed; showing Eastern Arabic digits would make a
student re-read a number in another script before typing it elsewhere.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Language:
    code: str  # the address prefix (/zh-hans/…) and the BCP 47 tag in <html lang>
    name: Promise  # in the reader's language, for lists in sentences
    native_name: str  # in itself, for the language picker
    locale: str  # the folder under locale/
    right_to_left: bool = False
    # PostgreSQL text-search configuration for guidance search (stemming and stop words);
    # empty: match the words as substrings, for a script written without spaces (Chinese),
    # which a text-search parser would read as one long word.
    search_config: str = ""
    # The staff admin is offered in English and French only (its labels, help texts and
    # staff e-mail wording are written and checked in those two); staff whose language is
    # another one see it in English.
    admin: bool = False
    # Guidance texts in this language are translations and must say from what and when
    # (front matter `translated_from` and `translated_on`); English and French are written.
    translated_guidance: bool = True


PORTAL_LANGUAGES = (
    Language("en", _("English"), "English", "en", search_config="english", admin=True,
             translated_guidance=False),
    Language("fr", _("French"), "Français", "fr", search_config="french", admin=True,
             translated_guidance=False),
    Language("es", _("Spanish"), "Español", "es", search_config="spanish"),
    Language("zh-hans", _("Simplified Chinese"), "简体中文", "zh_Hans"),
    Language("ar", _("Arabic"), "العربية", "ar", right_to_left=True, search_config="arabic"),
)  # fmt: skip

BY_CODE = {language.code: language for language in PORTAL_LANGUAGES}
# The admin's language for staff whose own language is not offered there.
ADMIN_FALLBACK = "en"
# A guidance page missing in the reader's language is shown in English (read by more of the
# portal's students than French), or in French for an English reader.
GUIDANCE_FALLBACK = ("en", "fr")


def get(code: str) -> Language | None:
    return BY_CODE.get(code)


def admin_codes() -> set[str]:
    return {language.code for language in PORTAL_LANGUAGES if language.admin}


def guidance_fallback_order(code: str) -> list[str]:
    """The languages a guidance page is looked for in, `code` first."""
    rest = [c for c in (*GUIDANCE_FALLBACK, *BY_CODE) if c != code]
    return list(dict.fromkeys([code, *rest]))

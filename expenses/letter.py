"""The cover letter sent with paper treatment sheets, as a printable PDF (reportlab).

The letter is always in French: the CPAM reads it, whatever the portal's language. It names
the student, their address and their number (full: it is their own letter), and lists the
enclosed sheets; the CPAM's address stays blank for the student to copy from their ameli
account or from 36 46, since the portal has no sourced address for every CPAM.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import KeepTogether

from expenses.models import CareExpense
from students import nir

NBSP = "\u00a0"
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
KINDS = {
    "gp": "Consultation de médecin généraliste",
    "specialist-direct": "Consultation de spécialiste",
}


@dataclass(frozen=True)
class LetterContent:
    """What the letter says, before layout: the tests read this, and the PDF's text."""

    sender: list[str]
    number: str
    recipient: list[str]
    place_and_date: str
    subject: str
    body: list[str]
    sheets: list[tuple[str, str, str]]  # (date of the visit, care, fee)
    enclosures: list[str]
    closing: str
    signature: str


def french_date(day: date) -> str:
    return (
        f"{day.day}{NBSP}{MONTHS[day.month - 1]} {day.year}"
        if day.day != 1
        else (f"1er{NBSP}{MONTHS[day.month - 1]} {day.year}")
    )


def french_euros(amount: Decimal) -> str:
    whole, cents = f"{amount:.2f}".split(".")
    return f"{int(whole):,}".replace(",", NBSP) + f",{cents}{NBSP}€"


def letter_content(
    *, profile, number: str, sheets: list[CareExpense], today: date, ehic: bool
) -> LetterContent:
    """The letter's words for this student and these sheets."""
    name = f"{profile.legal_given_names} {profile.legal_surname.upper()}"
    address = [profile.address_line_1]
    if profile.address_line_2:
        address.append(profile.address_line_2)
    address.append(f"{profile.postal_code} {profile.city}")
    count = len(sheets)
    plural = "s" if count > 1 else ""
    enclosures = [f"{count} feuille{plural} de soins signée{plural}"]
    if ehic:
        enclosures += [
            "Copie de ma carte européenne d'assurance maladie",
            "Mon relevé d'identité bancaire (IBAN)",
            "Copie de ma carte d'étudiant ou de mon attestation de scolarité",
        ]
    number_line = (
        f"N° de sécurité sociale{NBSP}: {nir.format_number(number)}"
        if number
        else f"N° de sécurité sociale{NBSP}: ______________________"
    )
    return LetterContent(
        sender=[name, *address],
        number=number_line,
        recipient=[
            "Caisse primaire d'assurance maladie",
            f"(adresse de votre CPAM{NBSP}: compte ameli ou 36{NBSP}46)",
            "______________________________",
            "______________________________",
        ],
        place_and_date=f"{profile.city}, le {french_date(today)}",
        subject=f"Objet{NBSP}: envoi de feuille{plural} de soins pour remboursement",
        body=[
            "Madame, Monsieur,",
            (
                "Étudiant(e) international(e), je n'ai pas encore de carte Vitale. Je vous "
                f"adresse ci-joint {count} feuille{plural} de soins pour les soins "
                "ci-dessous, que j'ai réglés, et vous remercie de bien vouloir procéder "
                "à leur remboursement."
            ),
        ],
        sheets=[
            (
                french_date(sheet.visit_date),
                KINDS.get(sheet.kind, sheet.kind),
                french_euros(sheet.fee),
            )
            for sheet in sheets
        ],
        enclosures=enclosures,
        closing=(
            "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées."
        ),
        signature=name,
    )


def letter_pdf(content: LetterContent) -> bytes:
    """Lay the letter out on A4 pages (the sheet list runs on as long as it needs)."""
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title="Envoi de feuilles de soins",
        lang="fr-FR",
    )
    styles = getSampleStyleSheet()
    normal = ParagraphStyle("letter", parent=styles["Normal"], fontSize=11, leading=15)
    right = ParagraphStyle("right", parent=normal, leftIndent=95 * mm)
    bold = ParagraphStyle("bold", parent=normal, fontName="Helvetica-Bold")

    def lines(items, style):
        return [Paragraph(_escape(item), style) for item in items]

    story = [*lines(content.sender, normal), Paragraph(_escape(content.number), bold)]
    story += [Spacer(1, 10 * mm), *lines(content.recipient, right), Spacer(1, 10 * mm)]
    story += [Paragraph(_escape(content.place_and_date), right), Spacer(1, 8 * mm)]
    story += [Paragraph(_escape(content.subject), bold), Spacer(1, 6 * mm)]
    for paragraph in content.body:
        story += [Paragraph(_escape(paragraph), normal), Spacer(1, 3 * mm)]
    rows = [["Date des soins", "Soins", "Montant réglé"], *content.sheets]
    table = Table(rows, colWidths=[45 * mm, 80 * mm, 35 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONTSIZE", (0, 0), (-1, -1), 10),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("ALIGN", (2, 0), (2, -1), "RIGHT"),
            ]
        )
    )
    story += [table, Spacer(1, 5 * mm), Paragraph(f"Pièces jointes{NBSP}:", bold)]
    story += lines([f"– {item}" for item in content.enclosures], normal)
    story += [Spacer(1, 6 * mm), Paragraph(_escape(content.closing), normal)]
    story += [KeepTogether([Spacer(1, 10 * mm), Paragraph(_escape(content.signature), right)])]
    document.build(story)
    return buffer.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

from django.core.management.base import BaseCommand

from guidance import content
from guidance.models import Fact, Page, PageTranslation


class Command(BaseCommand):
    help = (
        "Load the guidance pages and their facts from guidance/content/. Existing texts are "
        "kept unless --update is given (then the files win over edits made in the admin)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--update", action="store_true", help="Overwrite existing texts.")

    def handle(self, *args, update=False, **options):
        written = content.load(page_model=Page, translation_model=PageTranslation, update=update)
        self.stdout.write(f"{written} page texts written.")
        facts = content.load_facts(fact_model=Fact, page_model=Page, update=update)
        self.stdout.write(f"{facts} facts written.")

from django.core.management.base import BaseCommand

from guidance import content
from guidance.models import Page, PageTranslation


class Command(BaseCommand):
    help = (
        "Load the guidance pages from guidance/content/. Existing texts are kept unless "
        "--update is given (then the files win over edits made in the admin)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--update", action="store_true", help="Overwrite existing texts.")

    def handle(self, *args, update=False, **options):
        written = content.load(page_model=Page, translation_model=PageTranslation, update=update)
        self.stdout.write(f"{written} page texts written.")

from django.conf import settings
from django.core.management import BaseCommand, call_command

from groeipad.cli.setup import first_run_defaults
from groeipad.lib.translations import compile_catalogues


class Command(BaseCommand):
    help = "Create or upgrade the database, translations and static files. Safe to run again."

    def handle(self, *args, **options):
        settings.HOME.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        compile_catalogues(settings.PACKAGE_DIR / "locale", settings.HOME / "locale")
        call_command("collectstatic", interactive=False, verbosity=0)
        first_run_defaults()
        database = settings.DATABASES["default"]
        where = database["NAME"] if "sqlite" in database["ENGINE"] else database.get("HOST", "")
        self.stdout.write(self.style.SUCCESS(f"Groeipad is ready (database: {where})."))

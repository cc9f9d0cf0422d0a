from django.conf import settings
from django.core.management import BaseCommand, call_command

from groeipad.lib.translations import compile_catalogues
from groeipad.people.models import Organisation
from groeipad.plans.models import PlanTemplate
from groeipad.plans.services import templates_install_starter
from groeipad.skills.models import Framework
from groeipad.skills.services import framework_install_starter


class Command(BaseCommand):
    help = "Create or upgrade the database, translations and static files. Safe to run again."

    def handle(self, *args, **options):
        settings.HOME.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        compile_catalogues(settings.PACKAGE_DIR / "locale", settings.HOME / "locale")
        call_command("collectstatic", interactive=False, verbosity=0)
        if not Organisation.objects.exists():
            Organisation.objects.create()
        if not Framework.objects.exists():
            # An organisation can start assessing at once and adapt the framework later.
            framework_install_starter(actor=None)
        if not PlanTemplate.objects.exists():
            # Starter, experienced and senior templates; HR adapts them in the admin.
            templates_install_starter(actor=None)
        database = settings.DATABASES["default"]
        where = database["NAME"] if "sqlite" in database["ENGINE"] else database.get("HOST", "")
        self.stdout.write(self.style.SUCCESS(f"Groeipad is ready (database: {where})."))

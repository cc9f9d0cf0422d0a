from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "groeipad.people"
    label = "people"
    verbose_name = _("People and organisation")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        from groeipad.people import sessions

        user_logged_in.connect(sessions.on_logged_in, dispatch_uid="groeipad.people.logged_in")
        user_login_failed.connect(
            sessions.on_login_failed, dispatch_uid="groeipad.people.login_failed"
        )
        user_logged_out.connect(sessions.on_logged_out, dispatch_uid="groeipad.people.logged_out")

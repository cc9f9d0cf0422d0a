from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "groeipad.web"
    label = "web"
    verbose_name = _("Pages")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from groeipad.web.middleware import stamp_session

        user_logged_in.connect(stamp_session, dispatch_uid="groeipad.web.stamp_session")

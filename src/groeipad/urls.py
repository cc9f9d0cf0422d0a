from django.contrib import admin
from django.urls import include, path

from groeipad.api.api import api

admin.site.site_header = "Groeipad"
admin.site.site_title = "Groeipad"
# The admin's start page, with a link to the demo mailbox (notifications.views_mail).
admin.site.index_template = "notifications/admin/index.html"

urlpatterns = [
    # Before the admin's own URLs, whose catch-all would answer /admin/mail/ otherwise.
    path("admin/mail/", include("groeipad.notifications.urls_mail")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("inzichten/", include("groeipad.insights.urls")),
    path("competenties/", include("groeipad.skills.urls")),
    path("ontwikkeling/", include("groeipad.notifications.urls")),
    path("ontwikkeling/", include("groeipad.plans.urls_extra")),
    path("ontwikkeling/", include("groeipad.plans.urls")),
    path("feedback/", include("groeipad.feedback.urls")),
    path("leren/", include("groeipad.learning.urls")),
    path("mentoring/", include("groeipad.mentoring.urls")),
    path("mobiliteit/", include("groeipad.mobility.urls")),
    path("coaching/", include("groeipad.coaching.urls")),
    path("privacy/", include("groeipad.web.urls_privacy")),
    path("oidc/", include("groeipad.accounts.urls_oidc")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("groeipad.accounts.urls")),
    path("", include("groeipad.web.urls")),
]

# The product's own error pages (Dutch or English; JSON under /api/): groeipad.web.errors.
handler400 = "groeipad.web.errors.bad_request"
handler403 = "groeipad.web.errors.permission_denied"
handler404 = "groeipad.web.errors.page_not_found"
handler500 = "groeipad.web.errors.server_error"

"""Settings for the test suite: production settings with faster, self-contained parts."""

from groeipad.settings import *  # noqa: F403
from groeipad.settings import STORAGES

# Argon2 is deliberately slow; tests create hundreds of accounts. A test checks that
# the production settings use Argon2.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Static files straight from the apps: no collectstatic before a test run.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (WhiteNoise warns when it is missing)

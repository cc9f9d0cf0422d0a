from groeipad.accounts.tests.oidc_provider import oidc_server, sso  # noqa: F401

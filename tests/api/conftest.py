from tests.access.conftest import world  # noqa: F401  (the access matrix's organisation)

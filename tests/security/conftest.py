"""Security checks across the product: limits, headers, error pages, exports, memory."""

from __future__ import annotations

# The suite's personas, the access matrix's organisation and the real SMTP server.
from groeipad.conftest import _compiled_translations, login, personas  # noqa: F401
from groeipad.notifications.tests.conftest import smtp  # noqa: F401
from tests.access.conftest import world  # noqa: F401

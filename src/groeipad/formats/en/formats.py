# The short date the pages use: "21 Dec 2026". Everything else is Django's own en format.
DATE_FORMAT = "j M Y"

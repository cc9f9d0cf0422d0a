# Dutch writes abbreviated months in lower case: "21 dec 2026", not Django's "21 Dec 2026"
# (its "M" title-cases every language). Everything not set here is Django's own nl format.
DATE_FORMAT = "j b Y"

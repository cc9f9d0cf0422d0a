"""Importing employees and internal moves from an HR system export.

The formats are in docs/import-formats.md. Both imports read the database once into
dictionaries, check every row against the file and the database, and write in bulk:
no query per row, so 50,000 employees take seconds. Departments and job profiles named
in a file are created when new (``references``); the eNPS import uses the same rule.
"""

from groeipad.people.imports.employees import EmployeeImport, import_employees
from groeipad.people.imports.movements import MovementImport, import_movements
from groeipad.people.imports.references import (
    DepartmentResolver,
    JobProfileResolver,
    resolve_departments,
    resolve_job_profiles,
)

__all__ = [
    "DepartmentResolver",
    "EmployeeImport",
    "JobProfileResolver",
    "MovementImport",
    "import_employees",
    "import_movements",
    "resolve_departments",
    "resolve_job_profiles",
]

"""Importing competency frameworks: ESCO's skills download and an organisation's own CSV.

The formats are in docs/import-formats.md. Both read the database once into
dictionaries, check every row, and write in bulk, as the people imports do.
"""

from groeipad.skills.imports.competencies import CompetencyImport, import_competencies
from groeipad.skills.imports.esco import EscoFile, EscoImport, import_esco

__all__ = ["CompetencyImport", "EscoFile", "EscoImport", "import_competencies", "import_esco"]

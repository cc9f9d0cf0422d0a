"""Compile the .po catalogues to .mo with Babel, so no GNU gettext is needed.

Groeipad must install on a machine that has only Python; Django's
``compilemessages`` needs ``msgfmt``. The compiled files go to the data folder,
which settings.LOCALE_PATHS lists first.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def compile_catalogues(source: Path, target: Path) -> list[Path]:
    written = []
    for po_path in sorted(source.glob("*/LC_MESSAGES/*.po")):
        relative = po_path.relative_to(source).with_suffix(".mo")
        mo_path = target / relative
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as handle:
            catalogue = read_po(handle, locale=relative.parts[0])
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = mo_path.with_suffix(".mo.tmp")
        with tmp.open("wb") as handle:
            write_mo(handle, catalogue)
        tmp.replace(mo_path)
        written.append(mo_path)
    return written

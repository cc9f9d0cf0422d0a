"""Mentoring in the API: programmes, joining, pair rules and matching (HR), one's own pairs
(confirm, meetings, goal link, sharing, end feedback). Writes go through the same services as
the pages; a refusal answers 403 or 422 with the reason in words.

- ``programmes``: the programme list, joining, and HR's side.
- ``pairs``: one's own pairs (the mentor and the mentee only).
- ``schemas``: what goes in and comes out.
"""

from ninja import Router

from groeipad.mentoring.api import pairs, programmes

router = Router(tags=["mentoring"])
router.add_router("", programmes.router)
router.add_router("", pairs.router)

__all__ = ["router"]

"""The plans API router; its endpoints are registered by the modules of this package."""

from ninja import Router

router = Router(tags=["plans"])

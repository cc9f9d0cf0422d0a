"""Who may do what with accounts, as yes/no answers (the services ensure them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from groeipad.lib.actions import actor_user
from groeipad.people import scope
from groeipad.people.models import Role

if TYPE_CHECKING:
    from groeipad.lib.actions import Actor
    from groeipad.people.models import User


def may_manage_accounts(actor: Actor) -> bool:
    """HR advisers and administrators; None is the system (the command line, the import)."""
    return actor is None or scope.is_hr(actor)


def is_admin(actor: Actor) -> bool:
    user = actor_user(actor)
    return actor is None or (user is not None and user.role == Role.ADMIN)


def is_self(actor: Actor, user: User) -> bool:
    me = actor_user(actor)
    return me is not None and me.pk == user.pk


def may_change_account(actor: Actor, user: User) -> bool:
    """Change (deactivate, reactivate, role) someone else's account; an administrator's
    account only when the actor is an administrator too."""
    if not may_manage_accounts(actor) or is_self(actor, user):
        return False
    return user.role != Role.ADMIN or is_admin(actor)


def may_give_role(actor: Actor, role: str) -> bool:
    """Only an administrator makes someone an administrator."""
    return role != Role.ADMIN or is_admin(actor)

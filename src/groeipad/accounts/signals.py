"""An account switched off or on by saving the user (Django's admin) counts as HR's
decision, like the accounts page's: the re-import of a returning employee then leaves it
alone. The leaver process and the accounts services write with ``update()``, which sends
no signal, and keep their own record."""

from __future__ import annotations

from django.utils import timezone

from groeipad.accounts.models import AccountDeactivation


def user_active_changed(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """pre_save of the user model: note a change of ``is_active`` made by a save."""
    if raw or instance.pk is None:
        return
    if update_fields is not None and "is_active" not in update_fields:
        return  # a login's last_login, a password change: nothing to compare
    was = sender.objects.filter(pk=instance.pk).values_list("is_active", flat=True).first()
    if was is None or was == instance.is_active:
        return
    if instance.is_active:
        AccountDeactivation.objects.filter(user_id=instance.pk).delete()
    else:
        AccountDeactivation.objects.update_or_create(
            user_id=instance.pk, defaults={"at": timezone.now()}
        )

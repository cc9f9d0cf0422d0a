from groeipad.people.visibility import is_hr, is_manager


def navigation(request):
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    return {"nav_is_hr": is_hr(user), "nav_is_manager": is_manager(user)}

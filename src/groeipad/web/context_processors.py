from groeipad.people.visibility import is_hr, is_manager


def navigation(request):
    """What the top bar needs: which menu items the user gets, and their name."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    match = getattr(request, "resolver_match", None)
    employee = user.employee if user.employee_id else None
    return {
        "nav_is_hr": is_hr(user),
        "nav_is_manager": is_manager(user),
        "nav_active": match.view_name if match else "",
        "nav_user_name": employee.full_name if employee else user.email,
    }

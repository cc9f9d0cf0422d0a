"""The ``groeipad`` command: Groeipad's own subcommands, backed by Django commands.

``groeipad import employees FILE`` runs the Django command ``import_data``; the
names users type (with hyphens, or Python keywords) map onto command modules here.
"""

from __future__ import annotations

import os
import sys

# What a user types -> the Django management command that does it.
COMMANDS = {
    "init": ("init", "create or upgrade the database (safe to run again)"),
    "serve": ("serve", "run the web application with a production WSGI server"),
    "import": (
        "import_data",
        "import employees, movements, learning, eNPS answers, competencies, ESCO skills "
        "or mentoring participants",
    ),
    "user": ("user", "create accounts and link them to employees"),
    "token": ("token", "create, list and revoke API tokens"),
    "demo-data": ("demo_data", "generate a believable demo organisation"),
    "kpi": ("kpi", "the organisation's talent KPIs for a period"),
    "mentoring": ("mentoring", "match mentees with mentors in a mentoring programme"),
    "feedback": (
        "feedback",
        "360-degree feedback: start rounds for a group, list externals to approve, close past rounds",
    ),
    "rotations": ("rotations", "carry out transfers of rotations on their start date"),
    "privacy": (
        "privacy",
        "AVG rights: export a person's data, erase a leaver, apply the retention periods",
    ),
    "lines": ("lines", "check or rebuild who reports to whom (the reporting-line closure)"),
    "check": ("system_check", "check the configuration and the database (audit log protection)"),
    "audit": ("audit", "prune the audit log past its retention, or list a page of it"),
    "worker": (
        "worker",
        "run background tasks (reminders, e-mail, transfers) beside the web server",
    ),
    "mailcatcher": (
        "mailcatcher",
        "a local SMTP server for the demo: keeps each mail for the admin page Mail (demo)",
    ),
}


def usage() -> str:
    lines = ["usage: groeipad COMMAND [options]", "", "commands:"]
    for name, (_command, text) in COMMANDS.items():
        lines.append(f"  {name:<10} {text}")
    lines += [
        "",
        "Run 'groeipad COMMAND --help' for a command's options.",
        "Django's own commands are under 'groeipad django COMMAND'.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "groeipad.settings")
    from django.core.management import execute_from_command_line

    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(usage())
        return
    name, rest = argv[0], argv[1:]
    if name == "django":
        execute_from_command_line(["groeipad django", *rest])
        return
    if name not in COMMANDS:
        print(f"groeipad: unknown command {name!r}\n\n{usage()}", file=sys.stderr)
        sys.exit(2)
    import django
    from django.core.management import get_commands, load_command_class

    django.setup()
    command_name = COMMANDS[name][0]
    command = load_command_class(get_commands()[command_name], command_name)
    # run_from_argv names the program "groeipad NAME" in help and errors.
    command.run_from_argv(["groeipad", name, *rest])


if __name__ == "__main__":
    main()

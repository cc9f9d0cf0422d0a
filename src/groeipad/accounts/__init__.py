"""Accounts for a real organisation: invitations, the HR accounts page, single sign-on.

Above ``people`` (whose users and employees it works on) and ``notifications`` (whose
outbox carries the invitation mails); below the pages, the API and the commands.
"""

"""Reminders and e-mail for every app, with side effects only after commit.

The outbox: an app that wants to send an e-mail calls ``services.email_queue`` inside its
own transaction. That writes one ``OutgoingEmail`` row (a duplicate ``key`` is a no-op)
and asks ``lib.actions.after_commit`` to enqueue the ``deliver_email`` task. So a
rolled-back action leaves no mail behind, and no SMTP call ever runs inside a
transaction.

Delivery (``services.email_deliver``) claims the row with one compare-and-swap update
(pending and due, or still "sending" after its lease ran out -> sending, with a fresh
lease), talks to SMTP outside any transaction and marks the row sent. A failure keeps the
row pending with ``last_error`` and retries later with a doubling backoff (1 minute up to
an hour); after ``MAX_ATTEMPTS`` the row is marked failed. The worker's periodic scan
(``services.emails_deliver_due``) picks up whatever is due, so a killed worker or a lost
enqueue only delays a mail, never loses or doubles it (at most once per claim: a mail is
sent again only if a worker died after talking to SMTP and before marking it sent).
"""

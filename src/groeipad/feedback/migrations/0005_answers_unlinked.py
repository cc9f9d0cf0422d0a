"""Step 2 of 3: existing answers move to unlinked responses.

Per submitted rater one Response (round, group; a random id) takes their answers; the
rater keeps ``answered`` (True), or nothing once their round has closed. Work of raters
who never submitted becomes their draft (an open round) or is dropped (a closed round:
it was never part of a report). Each rater gets its normalised address and, where the
address is an employee's, that employee; addresses of no employee are external and
count as approved (they were invited under the old rules).
"""

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def _key(email, own):
    email = (email or "").strip().lower()
    local, at, domain = email.rpartition("@")
    if not at:
        return email
    if domain in own:
        local = local.split("+", 1)[0].replace(".", "")
    return f"{local}@{domain}"


def forward(apps, schema_editor):
    Rater = apps.get_model("feedback", "Rater")
    Answer = apps.get_model("feedback", "Answer")
    DraftAnswer = apps.get_model("feedback", "DraftAnswer")
    Response = apps.get_model("feedback", "Response")
    Employee = apps.get_model("people", "Employee")
    today = timezone.localdate()
    own = {d.strip().lower() for d in getattr(settings, "GROEIPAD_ORGANISATION_DOMAINS", [])}
    emails = list(Employee.objects.exclude(email="").values_list("pk", "email"))
    own |= {e.rsplit("@", 1)[-1].lower() for _pk, e in emails if "@" in e}
    employee_of = {}
    for pk, email in emails:
        employee_of.setdefault(_key(email, own), pk)
    taken = set()
    for rater in Rater.objects.select_related("round").order_by("pk").iterator():
        feedback_round = rater.round
        closed = feedback_round.status == "closed" or feedback_round.closes_on < today
        rater.email_key = _key(rater.email, own)
        employee_id = employee_of.get(rater.email_key)
        if employee_id is not None and (rater.round_id, employee_id) not in taken:
            taken.add((rater.round_id, employee_id))
            rater.employee_id = employee_id
        else:
            rater.is_external = employee_id is None
            rater.approval = "approved" if employee_id is None else "not_needed"
        submitted = rater.submitted_at is not None
        answers = Answer.objects.filter(rater_id=rater.pk)
        if submitted:
            response = Response.objects.create(round_id=rater.round_id, group=rater.group)
            answers.update(response=response)
        else:
            if not closed:
                DraftAnswer.objects.bulk_create(
                    DraftAnswer(
                        rater_id=rater.pk, question_id=a.question_id, rating=a.rating, text=a.text
                    )
                    for a in answers
                )
            answers.delete()
        rater.answered = None if closed else submitted
        rater.save(
            update_fields=[
                "email_key", "employee", "is_external", "approval", "answered"
            ]
        )


class Migration(migrations.Migration):
    dependencies = [("feedback", "0004_raters_responses_add")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]

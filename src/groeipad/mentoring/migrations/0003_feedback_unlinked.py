"""Mentoring end feedback becomes anonymous answers, linked to nobody.

Each answer keeps its programme, role, rating and text (and its id, so the stepped
figures read the same answers in the same order); its pair and date are dropped; the
pair keeps "answered: yes" per side. Not reversible: once unlinked, no one knows whose
answer it was.
"""

import django.db.models.deletion
from django.db import migrations, models



def _checks_now(schema_editor):
    """PostgreSQL: run the deferred foreign-key checks of the rows just written now, so
    the schema changes after them in this migration find no pending trigger events."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")

def unlink_feedback(apps, schema_editor):
    PairFeedback = apps.get_model("mentoring", "PairFeedback")
    Match = apps.get_model("mentoring", "Match")
    for feedback in PairFeedback.objects.select_related("match").iterator():
        PairFeedback.objects.filter(pk=feedback.pk).update(
            programme_id=feedback.match.programme_id
        )
        Match.objects.filter(pk=feedback.match_id).update(**{f"{feedback.role}_answered": True})
    _checks_now(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0002_pairs_in_use"),
    ]

    operations = [
        migrations.AddField(
            model_name="match",
            name="mentee_answered",
            field=models.BooleanField(default=False, verbose_name="mentee gave feedback"),
        ),
        migrations.AddField(
            model_name="match",
            name="mentor_answered",
            field=models.BooleanField(default=False, verbose_name="mentor gave feedback"),
        ),
        migrations.AddField(
            model_name="pairfeedback",
            name="programme",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="feedback",
                to="mentoring.programme",
                verbose_name="programme",
            ),
        ),
        migrations.RunPython(unlink_feedback, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="pairfeedback",
            options={
                "ordering": ["programme", "role", "id"],
                "verbose_name": "pair feedback",
                "verbose_name_plural": "pair feedback",
            },
        ),
        migrations.RemoveConstraint(
            model_name="pairfeedback",
            name="pair_feedback_once",
        ),
        migrations.RemoveField(
            model_name="pairfeedback",
            name="created_at",
        ),
        migrations.RemoveField(
            model_name="pairfeedback",
            name="match",
        ),
        migrations.AlterField(
            model_name="pairfeedback",
            name="programme",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="feedback",
                to="mentoring.programme",
                verbose_name="programme",
            ),
        ),
    ]

"""Training evaluations of the participant become anonymous answers, linked to nobody.

The reaction and learning evaluations move, in their arrival order (so the stepped
figures stay as they were), into ``EvaluationAnswer`` rows that keep the offer, level,
rating, before and comment only; their per-competency scores follow them; the request
keeps "answered: yes". The old rows, with their link to the request and the rater, are
deleted. Not reversible: once unlinked, no one knows whose answer it was.
"""

import django.db.models.deletion
from django.db import migrations, models


ANONYMOUS = ("reaction", "learning")



def _checks_now(schema_editor):
    """PostgreSQL: run the deferred foreign-key checks of the rows just written now, so
    the schema changes after them in this migration find no pending trigger events."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")

def unlink_answers(apps, schema_editor):
    Evaluation = apps.get_model("learning", "Evaluation")
    EvaluationAnswer = apps.get_model("learning", "EvaluationAnswer")
    LearningScore = apps.get_model("learning", "LearningScore")
    Enrolment = apps.get_model("learning", "Enrolment")
    old = Evaluation.objects.filter(level__in=ANONYMOUS).select_related("enrolment")
    for evaluation in old.order_by("id").iterator():
        answer = EvaluationAnswer.objects.create(
            offer_id=evaluation.enrolment.offer_id,
            level=evaluation.level,
            rating=evaluation.rating,
            before=evaluation.before,
            comment=evaluation.comment,
        )
        LearningScore.objects.filter(evaluation_id=evaluation.pk).update(answer=answer)
        Enrolment.objects.filter(pk=evaluation.enrolment_id).update(
            **{f"{evaluation.level}_answered": True}
        )
    _checks_now(schema_editor)


def delete_linked(apps, schema_editor):
    """The old rows go once their scores no longer point at them (no cascade)."""
    apps.get_model("learning", "Evaluation").objects.filter(level__in=ANONYMOUS).delete()
    _checks_now(schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('learning', '0007_budgets_move_to_the_budgets_app'),
        ('skills', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='EvaluationAnswer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('level', models.CharField(choices=[('reaction', 'reaction'), ('learning', 'learning')], max_length=20, verbose_name='level')),
                ('rating', models.PositiveSmallIntegerField(verbose_name='rating')),
                ('before', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='before')),
                ('comment', models.TextField(blank=True, verbose_name='comment')),
            ],
            options={
                'verbose_name': 'anonymous evaluation answer',
                'verbose_name_plural': 'anonymous evaluation answers',
                'ordering': ['offer', 'level', 'id'],
            },
        ),
        migrations.AddField(
            model_name='enrolment',
            name='learning_answered',
            field=models.BooleanField(default=False, verbose_name='learning answered'),
        ),
        migrations.AddField(
            model_name='enrolment',
            name='reaction_answered',
            field=models.BooleanField(default=False, verbose_name='reaction answered'),
        ),
        migrations.AddField(
            model_name='evaluationanswer',
            name='offer',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='learning.learningoffer', verbose_name='offer'),
        ),
        migrations.AddField(
            model_name='learningscore',
            name='answer',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='scores', to='learning.evaluationanswer', verbose_name='answer'),
        ),
        migrations.RunPython(unlink_answers, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name='learningscore',
            name='learning_score_key',
        ),
        migrations.RemoveConstraint(
            model_name='learningscore',
            name='learning_score_one_overall',
        ),
        migrations.RemoveField(
            model_name='learningscore',
            name='evaluation',
        ),
        migrations.RunPython(delete_linked, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='learningscore',
            name='answer',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scores', to='learning.evaluationanswer', verbose_name='answer'),
        ),
        migrations.AddConstraint(
            model_name='learningscore',
            constraint=models.UniqueConstraint(fields=('answer', 'competency'), name='learning_score_key'),
        ),
        migrations.AddConstraint(
            model_name='learningscore',
            constraint=models.UniqueConstraint(condition=models.Q(('competency__isnull', True)), fields=('answer',), name='learning_score_one_overall'),
        ),
        migrations.AddIndex(
            model_name='evaluationanswer',
            index=models.Index(fields=['offer', 'level', 'id'], name='evaluation_answer_idx'),
        ),
        migrations.AddConstraint(
            model_name='evaluationanswer',
            constraint=models.CheckConstraint(condition=models.Q(('level__in', ['reaction', 'learning'])), name='evaluation_answer_level'),
        ),
        migrations.AddConstraint(
            model_name='evaluationanswer',
            constraint=models.CheckConstraint(condition=models.Q(('rating__gte', 1), ('rating__lte', 5)), name='evaluation_answer_rating_1_5'),
        ),
        migrations.AddConstraint(
            model_name='evaluationanswer',
            constraint=models.CheckConstraint(condition=models.Q(('before__isnull', True), models.Q(('before__gte', 1), ('before__lte', 5)), _connector='OR'), name='evaluation_answer_before_1_5'),
        ),
    ]

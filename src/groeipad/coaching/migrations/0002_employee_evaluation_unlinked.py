"""The employee's end evaluation of coaching becomes an anonymous answer, linked to nobody.

Employee-perspective evaluations move, in their arrival order (so HR's stepped averages
read the same answers), into ``CoachingAnswer`` rows without trajectory, rater or date;
the trajectory keeps "answered: yes". The manager's evaluations stay as they are. Not
reversible: once unlinked, no one knows whose answer it was.
"""

from django.conf import settings
from django.db import migrations, models



def _checks_now(schema_editor):
    """PostgreSQL: run the deferred foreign-key checks of the rows just written now, so
    the schema changes after them in this migration find no pending trigger events."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")

def unlink_answers(apps, schema_editor):
    CoachingEvaluation = apps.get_model("coaching", "CoachingEvaluation")
    CoachingAnswer = apps.get_model("coaching", "CoachingAnswer")
    CoachingTrajectory = apps.get_model("coaching", "CoachingTrajectory")
    old = CoachingEvaluation.objects.filter(perspective="employee")
    for evaluation in old.order_by("id").iterator():
        CoachingAnswer.objects.create(
            goal_reached=evaluation.goal_reached,
            behaviour_change=evaluation.behaviour_change,
            comment=evaluation.comment,
        )
        CoachingTrajectory.objects.filter(pk=evaluation.trajectory_id).update(
            employee_answered=True
        )
    old.delete()
    _checks_now(schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('coaching', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CoachingAnswer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('goal_reached', models.PositiveSmallIntegerField(verbose_name='goal reached (1-5)')),
                ('behaviour_change', models.TextField(blank=True, verbose_name='what changed in behaviour')),
                ('comment', models.TextField(blank=True, verbose_name='comment')),
            ],
            options={
                'verbose_name': 'anonymous coaching evaluation',
                'verbose_name_plural': 'anonymous coaching evaluations',
                'ordering': ['id'],
            },
        ),
        migrations.AddField(
            model_name='coachingtrajectory',
            name='employee_answered',
            field=models.BooleanField(default=False, verbose_name='employee gave their evaluation'),
        ),
        migrations.RunPython(unlink_answers, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='coachingevaluation',
            constraint=models.CheckConstraint(condition=models.Q(('perspective', 'manager')), name='coaching_evaluation_manager'),
        ),
        migrations.AddConstraint(
            model_name='coachinganswer',
            constraint=models.CheckConstraint(condition=models.Q(('goal_reached__gte', 1), ('goal_reached__lte', 5)), name='coaching_answer_goal_reached_1_5'),
        ),
    ]

"""Step 3 of 3: the link goes. Answer.rater and Rater.submitted_at are dropped."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("feedback", "0005_answers_unlinked")]

    operations = [
        migrations.RemoveConstraint(model_name="answer", name="answer_once"),
        migrations.RemoveField(model_name="answer", name="rater"),
        migrations.AlterField(
            model_name="answer",
            name="response",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="answers",
                to="feedback.response",
                verbose_name="response",
            ),
        ),
        migrations.AddConstraint(
            model_name="answer",
            constraint=models.UniqueConstraint(
                fields=("response", "question"), name="answer_once_per_form"
            ),
        ),
        migrations.RemoveField(model_name="rater", name="submitted_at"),
        migrations.AddConstraint(
            model_name="rater",
            constraint=models.UniqueConstraint(
                condition=models.Q(employee__isnull=False),
                fields=("round", "employee"),
                name="rater_colleague_once_per_round",
            ),
        ),
    ]

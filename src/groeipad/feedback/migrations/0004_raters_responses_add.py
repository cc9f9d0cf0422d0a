"""Rater integrity and unlinked answers, step 1 of 3: N at least 3, the new fields and
tables (Response, DraftAnswer), Answer.response next to Answer.rater for the move."""

import uuid

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def n_at_least_3(apps, schema_editor):
    # Rounds keep their frozen N, but never below 3: fewer answers are never anonymous.
    for name in ("FeedbackSettings", "FeedbackRound"):
        apps.get_model("feedback", name).objects.filter(min_group_size__lt=3).update(
            min_group_size=3
        )


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0003_shared_with_manager_employee"),
        ("people", "0002_reporting_line"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(n_at_least_3, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="feedbacksettings", name="feedback_settings_n_at_least_2"),
        migrations.RemoveConstraint(model_name="feedbackround", name="round_n_at_least_2"),
        migrations.AlterField(
            model_name="feedbacksettings",
            name="min_group_size",
            field=models.PositiveSmallIntegerField(
                default=3,
                validators=[django.core.validators.MinValueValidator(3)],
                verbose_name="minimum raters per group",
            ),
        ),
        migrations.AlterField(
            model_name="feedbackround",
            name="min_group_size",
            field=models.PositiveSmallIntegerField(
                default=3,
                validators=[django.core.validators.MinValueValidator(3)],
                verbose_name="minimum raters per group",
            ),
        ),
        migrations.AddConstraint(
            model_name="feedbacksettings",
            constraint=models.CheckConstraint(
                condition=models.Q(min_group_size__gte=3), name="feedback_settings_n_at_least_3"
            ),
        ),
        migrations.AddConstraint(
            model_name="feedbackround",
            constraint=models.CheckConstraint(
                condition=models.Q(min_group_size__gte=3), name="round_n_at_least_3"
            ),
        ),
        # The manager's own rating is shown as theirs, named (specs/anonymity.md): the
        # choice to merge it into the others no longer exists.
        migrations.RemoveField(model_name="feedbacksettings", name="show_manager_separately"),
        migrations.RemoveField(model_name="feedbackround", name="show_manager_separately"),
        migrations.AddField(
            model_name="rater",
            name="email_key",
            field=models.CharField(blank=True, max_length=254, verbose_name="normalised e-mail"),
        ),
        migrations.AddField(
            model_name="rater",
            name="employee",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="people.employee",
                verbose_name="colleague",
            ),
        ),
        migrations.AddField(
            model_name="rater",
            name="is_external",
            field=models.BooleanField(default=False, verbose_name="external"),
        ),
        migrations.AddField(
            model_name="rater",
            name="approval",
            field=models.CharField(
                choices=[
                    ("not_needed", "not needed (a colleague)"),
                    ("pending", "waiting for approval"),
                    ("approved", "approved"),
                    ("refused", "refused"),
                ],
                default="not_needed",
                max_length=12,
                verbose_name="approval",
            ),
        ),
        migrations.AddField(
            model_name="rater",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="approved or refused by",
            ),
        ),
        migrations.AddField(
            model_name="rater",
            name="answered",
            field=models.BooleanField(default=False, null=True, verbose_name="answered"),
        ),
        migrations.CreateModel(
            name="Response",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "group",
                    models.CharField(
                        choices=[
                            ("self", "self"),
                            ("manager", "manager"),
                            ("peer", "peers"),
                            ("direct_report", "direct reports"),
                            ("other", "others"),
                        ],
                        max_length=20,
                        verbose_name="group",
                    ),
                ),
                (
                    "round",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="responses",
                        to="feedback.feedbackround",
                        verbose_name="round",
                    ),
                ),
            ],
            options={"verbose_name": "response", "verbose_name_plural": "responses"},
        ),
        migrations.CreateModel(
            name="DraftAnswer",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("rating", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="rating")),
                ("text", models.TextField(blank=True, verbose_name="text")),
                (
                    "question",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="feedback.question",
                        verbose_name="question",
                    ),
                ),
                (
                    "rater",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="drafts",
                        to="feedback.rater",
                        verbose_name="rater",
                    ),
                ),
            ],
            options={
                "verbose_name": "draft answer",
                "verbose_name_plural": "draft answers",
                "constraints": [
                    models.UniqueConstraint(fields=("rater", "question"), name="draft_answer_once")
                ],
            },
        ),
        migrations.AddField(
            model_name="answer",
            name="response",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="answers",
                to="feedback.response",
                verbose_name="response",
            ),
        ),
    ]

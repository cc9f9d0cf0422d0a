# The Reminder model moved to the notifications app (see notifications 0002); the table
# plans_reminder stays, so only Django's state forgets the model here.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0002_reminder_behaviour_rating'),
        ('notifications', '0002_reminder'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name='Reminder')],
        ),
    ]

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("signatures", "0003_invalidate_permission_and_record"),
    ]

    # Rows from before the field get the time of the migration: when their newest link went
    # out is not known, and a later time never cuts short a link that still works.
    operations = [
        migrations.AddField(
            model_name="signature",
            name="last_sent_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
    ]

"""``GET requests`` of one service in one council: newest first without walking the
council's other topics."""

from django.db import migrations

NAME = "open311_petition_council_topic_recent"


class Migration(migrations.Migration):
    dependencies = [("open311", "0002_petition_list_indexes")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON petitions_petition"
            " (council_id, topic_id, submitted_at, id)",
            f"DROP INDEX IF EXISTS {NAME}",
        )
    ]

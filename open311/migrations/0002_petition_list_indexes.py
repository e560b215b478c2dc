"""Indexes for ``GET requests``: newest first on a stable key (submitted_at, id), per
council and over every council. They live on the petitions table but serve only this
API, so this app owns them (no model state: petitions' models are unchanged)."""

from django.db import migrations

INDEXES = {
    "open311_petition_council_recent": "(council_id, submitted_at, id)",
    "open311_petition_recent": "(submitted_at, id)",
}


class Migration(migrations.Migration):
    dependencies = [
        ("open311", "0001_api_keys_and_tokens"),
        ("petitions", "0011_file_viewed_event"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON petitions_petition {columns}",
            f"DROP INDEX IF EXISTS {name}",
        )
        for name, columns in INDEXES.items()
    ]

"""The audit trail cannot be edited. On PostgreSQL a trigger refuses any change to a petition
event except clearing the actor of a deleted account; rows still go when their petition is
deleted (an unconfirmed one after a week). SQLite, the embedded default, relies on the code
never updating events."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION petitions_event_is_append_only() RETURNS trigger AS $$
BEGIN
    -- Deleting an account may clear the actor (SET NULL); nothing else may change.
    IF (NEW.petition_id, NEW.kind, NEW.from_status, NEW.to_status, NEW.note, NEW.is_public,
        NEW.data, NEW.created_at) IS DISTINCT FROM (OLD.petition_id, OLD.kind,
        OLD.from_status, OLD.to_status, OLD.note, OLD.is_public, OLD.data, OLD.created_at)
       OR (NEW.actor_id IS NOT NULL AND NEW.actor_id IS DISTINCT FROM OLD.actor_id) THEN
        RAISE EXCEPTION 'petition events are append-only (audit trail)';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER petitions_event_no_update
    BEFORE UPDATE ON petitions_petitionevent
    FOR EACH ROW EXECUTE FUNCTION petitions_event_is_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS petitions_event_no_update ON petitions_petitionevent;
DROP FUNCTION IF EXISTS petitions_event_is_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("petitions", "0008_triage_agencies_commitments_dossiers")]
    operations = [migrations.RunPython(forwards, backwards)]

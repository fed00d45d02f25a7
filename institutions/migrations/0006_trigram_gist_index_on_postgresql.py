from django.db import migrations

GIN = "institutions_searchword_word_trgm"
GIST = "institutions_searchword_word_trgm_gist"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The typo search asks for the nearest words (ORDER BY word <-> query): only a GiST
    # index answers that by reading a few pages; the GIN index went unused (a full scan).
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {GIST} ON institutions_searchword "
        "USING gist (word gist_trgm_ops)"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {GIN}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {GIN} ON institutions_searchword "
        "USING gin (word gin_trgm_ops)"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {GIST}")


class Migration(migrations.Migration):
    dependencies = [("institutions", "0005_trigram_index_on_postgresql")]

    operations = [migrations.RunPython(create, drop)]

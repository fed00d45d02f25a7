from django.db import migrations

INDEX = "institutions_searchword_word_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite finds similar words through the SearchWordTrigram table
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON institutions_searchword "
        "USING gin (word gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("institutions", "0004_directory_listing_and_typos")]

    operations = [migrations.RunPython(create, drop)]

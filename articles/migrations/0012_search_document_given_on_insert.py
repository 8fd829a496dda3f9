"""Let an insert bring its search document, computed on another connection.

The trigger of 0010 parsed each inserted article's text in the backend
inserting it: most of a large import's time on PostgreSQL, spent while the
importer waited. The document is now defined once, by the function
articles_search_document(), which a large import calls on a second
connection for the next batch while it writes the current one (see
articles/search_documents.py). The trigger computes the document when an
insert brings none (the ORM inserts NULL) and, as before, on every update of
the searched fields, whatever the update sets it to.
"""

from django.db import migrations

# Weights and text configuration match articles/search.py.
FORWARD = """
CREATE FUNCTION articles_search_document(
    headline text, label text, dek text, body text
) RETURNS tsvector AS $$
    SELECT setweight(to_tsvector('english', coalesce(headline, '')), 'A')
        || setweight(
            to_tsvector(
                'english', coalesce(label, '') || ' ' || coalesce(dek, '')
            ),
            'B'
        )
        || setweight(to_tsvector('english', coalesce(body, '')), 'C')
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION articles_article_search_document() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' OR NEW.search_document IS NULL THEN
        NEW.search_document := articles_search_document(
            NEW.headline, NEW.label, NEW.dek, NEW.body
        );
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
"""

# The trigger function of 0010.
BACKWARD = """
CREATE OR REPLACE FUNCTION articles_article_search_document() RETURNS trigger AS $$
BEGIN
    NEW.search_document :=
        setweight(to_tsvector('english', coalesce(NEW.headline, '')), 'A')
        || setweight(
            to_tsvector(
                'english', coalesce(NEW.label, '') || ' ' || coalesce(NEW.dek, '')
            ),
            'B'
        )
        || setweight(to_tsvector('english', coalesce(NEW.body, '')), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP FUNCTION articles_search_document(text, text, text, text);
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_refuse_control_characters"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(FORWARD), _on_postgresql(BACKWARD)),
    ]

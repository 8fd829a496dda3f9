"""Store each article's full-text search document, kept current by PostgreSQL.

Search used to parse every article's body for every query: about ten seconds
a search on 10,000 articles. The document is now a column that a trigger
fills on every insert and on every update of the searched fields, whoever
writes (admin, importer, a queryset update), with a GIN index over it.
SQLite has no full-text search of this kind: there the column stays empty
and the plain fallback search runs instead.
"""

import django.contrib.postgres.search
from django.db import migrations

# Weights and text configuration match articles/search.py.
CREATE = """
CREATE FUNCTION articles_article_search_document() RETURNS trigger AS $$
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

CREATE TRIGGER articles_article_search_document
    BEFORE INSERT OR UPDATE OF headline, label, dek, body ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_document();

UPDATE articles_article SET headline = headline;

CREATE INDEX articles_article_search_document_gin
    ON articles_article USING gin (search_document);
"""

DROP = """
DROP INDEX IF EXISTS articles_article_search_document_gin;
DROP TRIGGER IF EXISTS articles_article_search_document ON articles_article;
DROP FUNCTION IF EXISTS articles_article_search_document();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_tag_an_article_once"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True
            ),
        ),
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP)),
    ]

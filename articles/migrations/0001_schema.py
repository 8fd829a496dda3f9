"""The newsroom's schema, and on PostgreSQL the search document's trigger.

This squashes the twelve migrations written before the first release
(``replaces``): a database they made is at their last one and moves on
without running anything here; see docs/migrations.md.

On PostgreSQL each article's full-text search document is a column kept
current by a trigger, whoever writes (admin, importer, a queryset update),
with a GIN index over it. ``articles_search_document()`` defines the
document once: the trigger computes it when an insert brings none (the ORM
inserts NULL) and on every update of the searched fields, and a large import
calls it on a second connection for the next batch while it writes this one
(``articles/ingest/search_documents.py``). SQLite has no full-text search of
this kind: there the column stays empty and the plain fallback search runs.
"""

import articles.models.sections
import articles.validators
import django.contrib.postgres.search
import django.db.models.deletion
import simple_history.models
import taggit.managers
from django.conf import settings
from django.db import migrations, models


# Weights and text configuration match articles/search.py.
SEARCH_TRIGGER = """
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

CREATE FUNCTION articles_article_search_document() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' OR NEW.search_document IS NULL THEN
        NEW.search_document := articles_search_document(
            NEW.headline, NEW.label, NEW.dek, NEW.body
        );
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER articles_article_search_document
    BEFORE INSERT OR UPDATE OF headline, label, dek, body ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_document();

CREATE INDEX articles_article_search_document_gin
    ON articles_article USING gin (search_document);
"""

DROP_SEARCH_TRIGGER = """
DROP INDEX IF EXISTS articles_article_search_document_gin;
DROP TRIGGER IF EXISTS articles_article_search_document ON articles_article;
DROP FUNCTION IF EXISTS articles_article_search_document();
DROP FUNCTION IF EXISTS articles_search_document(text, text, text, text);
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ("articles", "0001_initial"),
        ("articles", "0002_create_desks"),
        ("articles", "0003_history_publish_permission_old_slugs"),
        ("articles", "0004_create_reporter_and_editor_groups"),
        ("articles", "0005_credit_aliases"),
        ("articles", "0006_editors_see_merged_credit_wordings"),
        ("articles", "0007_drop_redundant_indexes"),
        ("articles", "0008_unify_unicode_in_title_keys"),
        ("articles", "0009_tag_an_article_once"),
        ("articles", "0010_search_document"),
        ("articles", "0011_refuse_control_characters"),
        ("articles", "0012_search_document_given_on_insert"),
    ]

    dependencies = [
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Article',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('headline', models.CharField(max_length=255, validators=[articles.validators.refuse_control_characters_in_line], verbose_name='headline')),
                ('slug', models.SlugField(blank=True, help_text="The article's address within its section; made from the headline when left empty.", max_length=255, unique=True, verbose_name='slug')),
                ('label', models.CharField(blank=True, help_text='The kicker shown above the headline, such as REPORT or UPDATE.', max_length=40, validators=[articles.validators.refuse_control_characters_in_line], verbose_name='label')),
                ('dek', models.TextField(blank=True, help_text="Shown under the headline and in listings. Left empty, readers see the body's first paragraph there instead.", validators=[articles.validators.refuse_control_characters], verbose_name='summary (dek)')),
                ('body', models.TextField(blank=True, help_text='<div class="body-syntax"><p>Plain text; HTML is shown as text, never run.</p><dl><dt>A blank line</dt><dd>starts a new paragraph.</dd><dt><code>## What comes next</code></dt><dd>a line starting <code>## </code> is a subheading.</dd><dt><code>Read Also: Headline of another article</code></dt><dd>on its own line, places a related link there; it points at the article with that headline as soon as one exists.</dd><dt><code>\\## not a heading</code></dt><dd>a leading backslash keeps a paragraph that looks like a marker a paragraph.</dd></dl></div>', validators=[articles.validators.refuse_control_characters], verbose_name='body')),
                ('byline', models.CharField(blank=True, max_length=255, validators=[articles.validators.refuse_control_characters_in_line], verbose_name='byline')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('review', 'In review'), ('published', 'Published')], default='draft', max_length=20, verbose_name='status')),
                ('published_at', models.DateTimeField(blank=True, db_index=True, help_text='Readers see a published article from this time on; a time in the future schedules it. Left empty, publishing means now.', null=True, verbose_name='publication time')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='last changed')),
                ('headline_key', models.CharField(db_index=True, editable=False, max_length=255)),
                ('source_id', models.CharField(blank=True, editable=False, help_text="The wire's id for an imported article; re-imports update it.", max_length=255, verbose_name='source id')),
                ('source_file', models.CharField(blank=True, editable=False, max_length=500, verbose_name='source file')),
                ('source_hash', models.CharField(blank=True, editable=False, max_length=64, verbose_name='source content hash')),
                ('imported_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='imported')),
                ('search_document', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
            ],
            options={
                'verbose_name': 'article',
                'verbose_name_plural': 'articles',
                'ordering': [models.OrderBy(models.F('published_at'), descending=True, nulls_last=True), '-pk'],
                'permissions': [('publish_article', 'Can publish and schedule articles')],
            },
        ),
        migrations.CreateModel(
            name='Photo',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('image', models.ImageField(blank=True, height_field='height', help_text='May stay empty: an imported article knows its credit before anyone uploads the picture.', upload_to='photos/%Y/%m/', verbose_name='image', width_field='width')),
                ('caption', models.TextField(blank=True, validators=[articles.validators.refuse_control_characters], verbose_name='caption')),
                ('alt_text', models.CharField(blank=True, help_text='Describes the picture for readers who cannot see it. Required once an image is uploaded.', max_length=300, validators=[articles.validators.refuse_control_characters_in_line], verbose_name='alt text')),
                ('width', models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name='width')),
                ('height', models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name='height')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
            ],
            options={
                'verbose_name': 'photo',
                'verbose_name_plural': 'photos',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='PhotoCredit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.CharField(help_text='Kept exactly as the wire or photographer wrote it.', max_length=255, validators=[articles.validators.refuse_control_characters_in_line], verbose_name='credit line')),
                ('key', models.CharField(editable=False, max_length=255, unique=True)),
                ('creator', models.CharField(blank=True, max_length=200, validators=[articles.validators.refuse_control_characters_in_line], verbose_name='creator')),
                ('agency', models.CharField(blank=True, max_length=200, validators=[articles.validators.refuse_control_characters_in_line], verbose_name='agency')),
                ('distributor', models.CharField(blank=True, max_length=200, validators=[articles.validators.refuse_control_characters_in_line], verbose_name='distributor')),
            ],
            options={
                'verbose_name': 'photo credit',
                'verbose_name_plural': 'photo credits',
                'ordering': ['text'],
            },
        ),
        migrations.CreateModel(
            name='OldSlug',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(help_text='Readers who follow a link with this slug are sent to the article.', max_length=255, unique=True, verbose_name='old slug')),
                ('retired_at', models.DateTimeField(auto_now=True, verbose_name='changed')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='old_slugs', to='articles.article', verbose_name='article')),
            ],
            options={
                'verbose_name': 'old address',
                'verbose_name_plural': 'old addresses',
                'ordering': ['-retired_at'],
            },
        ),
        migrations.AddField(
            model_name='article',
            name='lead_photo',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='lead_articles', to='articles.photo', verbose_name='lead photo'),
        ),
        migrations.AddField(
            model_name='photo',
            name='credit',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='photos', to='articles.photocredit', verbose_name='credit'),
        ),
        migrations.CreateModel(
            name='CreditAlias',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=255, unique=True, verbose_name='credit line key')),
                ('credit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='aliases', to='articles.photocredit', verbose_name='merged into')),
            ],
            options={
                'verbose_name': 'merged credit wording',
                'verbose_name_plural': 'merged credit wordings',
            },
        ),
        migrations.CreateModel(
            name='RelatedLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('placement', models.CharField(choices=[('inline', 'Inline (Read Also)'), ('after', 'After the body')], default='after', max_length=10, verbose_name='placement')),
                ('position', models.PositiveSmallIntegerField(default=0, help_text="Order among the article's links of the same placement; an inline link belongs to the body's Read Also point of that number (0 is the first).", verbose_name='position')),
                ('title', models.CharField(help_text="Readers see this text; left empty in the desk, the target article's headline is used.", max_length=500, validators=[articles.validators.refuse_control_characters_in_line], verbose_name='title as written')),
                ('title_key', models.CharField(db_index=True, editable=False, max_length=500)),
                ('url', models.URLField(blank=True, help_text='Only for a link to another site.', verbose_name='external URL')),
                ('article', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='related_links', to='articles.article', verbose_name='article')),
                ('target', models.ForeignKey(blank=True, help_text='Found by title automatically; if the target is deleted the title is shown as text again.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='inbound_links', to='articles.article', verbose_name='target article')),
            ],
            options={
                'verbose_name': 'related link',
                'verbose_name_plural': 'related links',
                'ordering': ['article', 'placement', 'position'],
            },
        ),
        migrations.CreateModel(
            name='Section',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, validators=[articles.validators.refuse_control_characters_in_line], verbose_name='name')),
                ('slug', models.SlugField(help_text="The section's address: /world/. Words the site uses itself (admin, search, tags, feed, ...) are refused.", max_length=100, unique=True, validators=[articles.models.sections.validate_section_slug], verbose_name='slug')),
                ('description', models.TextField(blank=True, validators=[articles.validators.refuse_control_characters], verbose_name='description')),
                ('position', models.PositiveSmallIntegerField(default=0, help_text='Lower numbers come first in menus.', verbose_name='menu position')),
                ('show_in_navigation', models.BooleanField(default=True, verbose_name='show in navigation')),
                ('keywords', models.TextField(blank=True, help_text='Comma-separated words; the importer files a seed under the section whose keywords best match its headline and lede.', verbose_name='keywords')),
                ('parent', models.ForeignKey(blank=True, help_text='Nest this section under another, e.g. Europe under World.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='articles.section', verbose_name='parent section')),
            ],
            options={
                'verbose_name': 'section',
                'verbose_name_plural': 'sections',
                'ordering': ['position', 'name'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalArticle',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('headline', models.CharField(max_length=255, validators=[articles.validators.refuse_control_characters_in_line], verbose_name='headline')),
                ('slug', models.SlugField(blank=True, db_index=False, help_text="The article's address within its section; made from the headline when left empty.", max_length=255, verbose_name='slug')),
                ('label', models.CharField(blank=True, help_text='The kicker shown above the headline, such as REPORT or UPDATE.', max_length=40, validators=[articles.validators.refuse_control_characters_in_line], verbose_name='label')),
                ('dek', models.TextField(blank=True, help_text="Shown under the headline and in listings. Left empty, readers see the body's first paragraph there instead.", validators=[articles.validators.refuse_control_characters], verbose_name='summary (dek)')),
                ('body', models.TextField(blank=True, help_text='<div class="body-syntax"><p>Plain text; HTML is shown as text, never run.</p><dl><dt>A blank line</dt><dd>starts a new paragraph.</dd><dt><code>## What comes next</code></dt><dd>a line starting <code>## </code> is a subheading.</dd><dt><code>Read Also: Headline of another article</code></dt><dd>on its own line, places a related link there; it points at the article with that headline as soon as one exists.</dd><dt><code>\\## not a heading</code></dt><dd>a leading backslash keeps a paragraph that looks like a marker a paragraph.</dd></dl></div>', validators=[articles.validators.refuse_control_characters], verbose_name='body')),
                ('byline', models.CharField(blank=True, max_length=255, validators=[articles.validators.refuse_control_characters_in_line], verbose_name='byline')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('review', 'In review'), ('published', 'Published')], default='draft', max_length=20, verbose_name='status')),
                ('published_at', models.DateTimeField(blank=True, help_text='Readers see a published article from this time on; a time in the future schedules it. Left empty, publishing means now.', null=True, verbose_name='publication time')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('source_id', models.CharField(blank=True, editable=False, help_text="The wire's id for an imported article; re-imports update it.", max_length=255, verbose_name='source id')),
                ('source_file', models.CharField(blank=True, editable=False, max_length=500, verbose_name='source file')),
                ('source_hash', models.CharField(blank=True, editable=False, max_length=64, verbose_name='source content hash')),
                ('imported_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='imported')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('lead_photo', models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.photo', verbose_name='lead photo')),
                ('section', models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='articles.section', verbose_name='section')),
            ],
            options={
                'verbose_name': 'historical article',
                'verbose_name_plural': 'historical articles',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name='article',
            name='section',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='articles', to='articles.section', verbose_name='section'),
        ),
        migrations.CreateModel(
            name='TaggedArticle',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('content_object', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='tagged_items', to='articles.article')),
                ('tag', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='%(app_label)s_%(class)s_items', to='taggit.tag')),
            ],
            options={
                'verbose_name': 'article tag',
                'verbose_name_plural': 'article tags',
            },
        ),
        migrations.AddField(
            model_name='article',
            name='tags',
            field=taggit.managers.TaggableManager(blank=True, help_text='A comma-separated list of tags.', through='articles.TaggedArticle', to='taggit.Tag', verbose_name='tags'),
        ),
        migrations.AddConstraint(
            model_name='photo',
            constraint=models.CheckConstraint(condition=models.Q(('image', ''), models.Q(('alt_text', ''), _negated=True), _connector='OR'), name='photo_image_has_alt_text', violation_error_message='An uploaded image needs alt text.'),
        ),
        migrations.AddConstraint(
            model_name='relatedlink',
            constraint=models.UniqueConstraint(fields=('article', 'placement', 'position'), name='relatedlink_unique_position'),
        ),
        migrations.AddConstraint(
            model_name='relatedlink',
            constraint=models.CheckConstraint(condition=models.Q(('title', ''), _negated=True), name='relatedlink_has_title'),
        ),
        migrations.AddConstraint(
            model_name='relatedlink',
            constraint=models.CheckConstraint(condition=models.Q(('target', models.F('article')), _negated=True), name='relatedlink_not_to_itself'),
        ),
        migrations.AddConstraint(
            model_name='relatedlink',
            constraint=models.CheckConstraint(condition=models.Q(('url', ''), ('url__startswith', 'http://'), ('url__startswith', 'https://'), _connector='OR'), name='relatedlink_url_is_web_address'),
        ),
        migrations.AddConstraint(
            model_name='section',
            constraint=models.CheckConstraint(condition=models.Q(('parent', models.F('pk')), _negated=True), name='section_not_its_own_parent'),
        ),
        migrations.AddConstraint(
            model_name='taggedarticle',
            constraint=models.UniqueConstraint(fields=('content_object', 'tag'), name='article_tag_once'),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['status', 'published_at'], name='articles_ar_status_7759bd_idx'),
        ),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.UniqueConstraint(condition=models.Q(('source_id', ''), _negated=True), fields=('source_id',), name='article_unique_source_id'),
        ),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.CheckConstraint(condition=models.Q(('headline', ''), _negated=True), name='article_has_headline'),
        ),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'published'), _negated=True), ('published_at__isnull', False), _connector='OR'), name='article_published_has_time', violation_error_message='A published article needs a publication time.'),
        ),
        migrations.RunPython(
            _on_postgresql(SEARCH_TRIGGER), _on_postgresql(DROP_SEARCH_TRIGGER)
        ),
    ]

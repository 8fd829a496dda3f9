"""The body becomes Markdown: store the HTML readers get, and keep every body as it read.

A body of the plain format (paragraphs, ``## `` subheadings, ``Read Also:``
lines, a leading backslash keeping a paragraph a paragraph) may hold ``*``,
``_``, ``1.`` or ``[x](y)`` that Markdown would now read as syntax. Each body,
of the articles and of their history (so that a revert restores a body as it
read), is read by the old grammar, frozen here as it stood, and written
again by today's ``format_body``, which escapes that syntax; then its HTML
is rendered. An UPDATE, not save(): readers see no change, the articles
were not edited, and a re-import still knows an unedited article.
"""

import re

from django.db import migrations, models

import articles.validators
from articles.text.body import Block, BlockKind, format_body, join_lines, render_blocks

_BLANK_LINE_RE = re.compile(r"\n\s*\n")
_READ_ALSO_RE = re.compile(r"read\s+also\s*:", re.IGNORECASE)
BATCH = 500


def _plain_blocks(text: str) -> list[Block]:
    """Read a body of the plain format, as ``text.body.parse_body`` read it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = []
    for chunk in _BLANK_LINE_RE.split(text):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        first = lines[0].strip()
        if first.startswith("\\"):
            lines[0] = first[1:]
            block = Block(BlockKind.PARAGRAPH, join_lines(lines))
        elif first.startswith("##") and first.lstrip("#").strip():
            lines[0] = first.lstrip("#")
            block = Block(BlockKind.SUBHEADING, join_lines(lines))
        elif len(lines) == 1 and (match := _READ_ALSO_RE.match(first)):
            title = first[match.end() :].strip()
            block = Block(
                BlockKind.READ_ALSO if title else BlockKind.PARAGRAPH,
                title or join_lines(lines),
            )
        else:
            block = Block(BlockKind.PARAGRAPH, join_lines(lines))
        if block.text:
            blocks.append(block)
    return blocks


def _convert(model, render: bool) -> None:
    fields = ["body", "body_html"] if render else ["body"]
    rows = model.objects.order_by("pk").values_list("pk", "body")
    changed = []
    for pk, body in rows.iterator(chunk_size=BATCH):
        blocks = _plain_blocks(body)
        row = model(pk=pk, body=format_body(blocks))
        if render:
            row.body_html = render_blocks(blocks)
        if render or row.body != body:
            changed.append(row)
        if len(changed) >= BATCH:
            model.objects.bulk_update(changed, fields)
            changed = []
    model.objects.bulk_update(changed, fields)


def markdown_bodies(apps, schema_editor):
    _convert(apps.get_model("articles", "Article"), render=True)
    _convert(apps.get_model("articles", "HistoricalArticle"), render=False)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0003_dek_is_not_the_lede'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='body_html',
            field=models.TextField(blank=True, editable=False, help_text='Rendered from the body whenever it changes.', verbose_name='body as readers see it'),
        ),
        migrations.AlterField(
            model_name='article',
            name='body',
            field=models.TextField(blank=True, help_text='<div class="body-syntax"><p>Markdown, previewed beside the text as readers will see it. HTML is shown as text, never run.</p><dl><dt>A blank line</dt><dd>starts a new paragraph.</dd><dt><code>## What comes next</code></dt><dd>a line starting <code>## </code> is a subheading (<code>#</code> and <code>###</code> are text).</dd><dt><code>*emphasis*</code>, <code>**strong**</code></dt><dd>emphasis, strong emphasis.</dd><dt><code>[the report](https://example.org/report)</code></dt><dd>a link: http, https and mailto addresses, or a path on this site such as <code>/world/</code>; other links stay text.</dd><dt><code>- item</code>, <code>1. item</code></dt><dd>a line each: a bulleted or a numbered list.</dd><dt><code>&gt; quoted text</code></dt><dd>a block quote.</dd><dt><code>Pull Quote: Words to set large</code><br><code>— Who said them</code></dt><dd>a pull quote; the second line, starting with a dash, is optional.</dd><dt><code>Read Also: Headline of another article</code></dt><dd>on its own line, places a related link there; it points at the article with that headline as soon as one exists.</dd><dt><code>\\*</code>, <code>\\Read Also: x</code></dt><dd>a backslash keeps a character, or a paragraph starting with one, from being read as any of the above.</dd></dl><p>No images: the picture is the lead photo.</p></div>', validators=[articles.validators.refuse_control_characters, articles.validators.refuse_deep_nesting], verbose_name='body'),
        ),
        migrations.AlterField(
            model_name='historicalarticle',
            name='body',
            field=models.TextField(blank=True, help_text='<div class="body-syntax"><p>Markdown, previewed beside the text as readers will see it. HTML is shown as text, never run.</p><dl><dt>A blank line</dt><dd>starts a new paragraph.</dd><dt><code>## What comes next</code></dt><dd>a line starting <code>## </code> is a subheading (<code>#</code> and <code>###</code> are text).</dd><dt><code>*emphasis*</code>, <code>**strong**</code></dt><dd>emphasis, strong emphasis.</dd><dt><code>[the report](https://example.org/report)</code></dt><dd>a link: http, https and mailto addresses, or a path on this site such as <code>/world/</code>; other links stay text.</dd><dt><code>- item</code>, <code>1. item</code></dt><dd>a line each: a bulleted or a numbered list.</dd><dt><code>&gt; quoted text</code></dt><dd>a block quote.</dd><dt><code>Pull Quote: Words to set large</code><br><code>— Who said them</code></dt><dd>a pull quote; the second line, starting with a dash, is optional.</dd><dt><code>Read Also: Headline of another article</code></dt><dd>on its own line, places a related link there; it points at the article with that headline as soon as one exists.</dd><dt><code>\\*</code>, <code>\\Read Also: x</code></dt><dd>a backslash keeps a character, or a paragraph starting with one, from being read as any of the above.</dd></dl><p>No images: the picture is the lead photo.</p></div>', validators=[articles.validators.refuse_control_characters, articles.validators.refuse_deep_nesting], verbose_name='body'),
        ),
        migrations.RunPython(markdown_bodies, migrations.RunPython.noop),
    ]

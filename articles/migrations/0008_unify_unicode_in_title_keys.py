"""Recompute title keys now that they unify Unicode forms ("é" and "e" + accent).

Only text outside ASCII can change key, so only those rows are rewritten. The
rule is copied here, not imported, so this migration keeps doing what it did
when the live rule changes again. Links whose new key names an article are
pointed at it the next time that article is saved or imported.
"""

import re
import unicodedata

from django.db import migrations

_NOT_LETTER_OR_DIGIT_RE = re.compile(r"[\W_]+")
_LABEL_RE = re.compile(r"\s*\[((?:[^\W\d_])(?:[^\W_]|[ &/'’.-])*)\]\s*$")


def _key(title: str) -> str:
    match = _LABEL_RE.search(title)
    if match and match[1].isupper() and title[: match.start()].strip():
        title = title[: match.start()]
    folded = unicodedata.normalize("NFKC", title.strip()).casefold()
    return _NOT_LETTER_OR_DIGIT_RE.sub("", folded)


def _rekey(model, text_field: str, key_field: str) -> None:
    changed = []
    rows = model.objects.values_list("pk", text_field, key_field)
    for pk, text, key in rows.iterator(chunk_size=2000):
        if not text.isascii() and (new := _key(text)) != key:
            changed.append(model(pk=pk, **{key_field: new}))
    model.objects.bulk_update(changed, [key_field], batch_size=500)


def rekey(apps, schema_editor):
    _rekey(apps.get_model("articles", "Article"), "headline", "headline_key")
    _rekey(apps.get_model("articles", "RelatedLink"), "title", "title_key")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_drop_redundant_indexes"),
    ]

    operations = [
        migrations.RunPython(rekey, migrations.RunPython.noop, elidable=True),
    ]

"""Empty the deks that only repeat the lede: the summary is the lede by default.

Imports used to copy each seed's first paragraph into the dek, and pages hid
the copy again; now an empty dek means "use the lede", so the copies go.
A dek an editor wrote stays. The rule reading the lede is frozen here as it
stood, so later changes to the body format cannot change what this did.
"""

import re

from django.db import migrations

_BLANK_LINE_RE = re.compile(r"\n\s*\n")
_READ_ALSO_RE = re.compile(r"read\s+also\s*:", re.IGNORECASE)


def _lede(body: str) -> str:
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    for chunk in _BLANK_LINE_RE.split(body):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        first = lines[0].strip()
        if first.startswith("\\"):
            lines[0] = first[1:]
        elif first.startswith("#") and first.lstrip("#").strip():
            continue
        elif len(lines) == 1 and _READ_ALSO_RE.match(first):
            continue
        if text := " ".join(" ".join(lines).split()):
            return text
    return ""


def empty_copied_deks(apps, schema_editor):
    article_model = apps.get_model("articles", "Article")
    copies = [
        pk
        for pk, dek, body in article_model.objects.exclude(dek="")
        .values_list("pk", "dek", "body")
        .iterator(chunk_size=500)
        if " ".join(dek.split()) == _lede(body)
    ]
    for start in range(0, len(copies), 500):
        # An UPDATE, not save(): the articles did not change for readers.
        article_model.objects.filter(pk__in=copies[start : start + 500]).update(dek="")


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_roles")]

    operations = [
        migrations.RunPython(empty_copied_deks, migrations.RunPython.noop),
    ]

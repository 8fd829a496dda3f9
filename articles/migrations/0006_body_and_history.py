"""Join the two migrations written side by side from 0003.

0004 (the body as Markdown, and its HTML) and 0005 (history keeps tags and
links) touch different columns and run in either order.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_body_markdown"),
        ("articles", "0005_history_keeps_tags_and_links"),
    ]

    operations = []

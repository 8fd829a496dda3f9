"""Let each version in an article's History keep its tags and links after the body.

Versions written before this stay without them (NULL, not an empty list):
nobody knows what their tags were, and restoring one keeps the current ones.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_dek_is_not_the_lede")]

    operations = [
        migrations.AddField(
            model_name="historicalarticle",
            name="tag_names",
            field=models.JSONField(
                blank=True,
                editable=False,
                help_text="The tag names, in the desk's order.",
                null=True,
                verbose_name="tags",
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="links_after",
            field=models.JSONField(
                blank=True,
                editable=False,
                help_text="Each link's title, target article id and web address, "
                "in order.",
                null=True,
                verbose_name="links after the body",
            ),
        ),
    ]

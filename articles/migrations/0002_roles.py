"""Create the desks and the Reporter and Editor groups (``articles.roles``)."""

from django.db import migrations

from articles.roles import ensure_roles


def create_roles(apps, schema_editor):
    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_schema"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        (
            "taggit",
            "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx",
        ),
    ]

    # Unapplying keeps the desks and groups: articles and users may need them.
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]

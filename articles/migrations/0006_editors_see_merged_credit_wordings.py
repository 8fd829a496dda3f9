"""Let editors see, and undo, the credit wordings a merge folded together."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_creditalias", "delete_creditalias"]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations ran; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="articles", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name="Editor"):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Editor"):
        group.permissions.remove(
            *group.permissions.filter(codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_credit_aliases")]

    operations = [migrations.RunPython(grant, revoke)]

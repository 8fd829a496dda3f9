"""Create the desk's two roles as groups with the model permissions they need.

Reporters write and revise unpublished stories and send them for review;
editors publish, schedule and change everything. The admin enforces the rest
(a reporter cannot set a publication time or publish, even by a crafted POST).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORTER = {
    "articles": [
        "add_article",
        "change_article",
        "view_article",
        "view_section",
        "add_photo",
        "change_photo",
        "view_photo",
        "add_photocredit",
        "view_photocredit",
        "add_relatedlink",
        "change_relatedlink",
        "delete_relatedlink",
        "view_relatedlink",
    ],
}

EDITOR_MODELS = {
    "articles": [
        "article",
        "section",
        "photo",
        "photocredit",
        "relatedlink",
        "oldslug",
    ],
    "taggit": ["tag"],
}
EDITOR_EXTRA = {"articles": ["publish_article", "view_historicalarticle"]}


def editor_permissions() -> dict[str, list[str]]:
    codenames: dict[str, list[str]] = {}
    for app_label, models in EDITOR_MODELS.items():
        for model in models:
            for action in ("add", "change", "delete", "view"):
                codenames.setdefault(app_label, []).append(f"{action}_{model}")
    for app_label, extra in EDITOR_EXTRA.items():
        codenames.setdefault(app_label, []).extend(extra)
    return codenames


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations ran; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in [("Reporter", REPORTER), ("Editor", editor_permissions())]:
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, names in codenames.items():
            permissions = Permission.objects.filter(
                content_type__app_label=app_label, codename__in=names
            )
            missing = set(names) - set(permissions.values_list("codename", flat=True))
            if missing:
                raise RuntimeError(f"Permissions not found: {sorted(missing)}")
            group.permissions.add(*permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Reporter", "Editor"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_history_publish_permission_old_slugs"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]

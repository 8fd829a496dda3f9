"""The newsroom's desks and roles, created idempotently.

One data migration calls ``ensure_roles`` with the historical app registry,
and the test fixtures call it with the live one; running it again changes
nothing that is already there. A change to the roles ships as a new data
migration that calls it again.

Reporters write and revise unpublished stories and send them for review;
editors publish, schedule and change everything. ``articles.access`` and the
admin enforce the rest (a reporter cannot publish, even by a crafted POST).
"""

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.contrib.auth.management import create_permissions

DESKS = [
    ("News", "news", ""),
    (
        "World",
        "world",
        "world, international, foreign, war, invasion, troops, military, nato, "
        "united nations, embassy, refugees, russia, russian, moscow, kremlin, "
        "ukraine, ukrainian, kyiv, china, chinese, beijing, europe, european, "
        "africa, asia, middle east, israel, gaza, iran, iranian, india, syria",
    ),
    (
        "Politics",
        "politics",
        "politics, political, election, elections, vote, voters, campaign, "
        "parliament, congress, senate, senator, lawmakers, government, minister, "
        "prime minister, white house, democrats, republicans, party, legislation",
    ),
    (
        "Business",
        "business",
        "business, economy, economic, market, markets, stocks, shares, investors, "
        "inflation, interest rates, bank, banks, trade, tariffs, company, "
        "companies, earnings, profit, jobs, prices, oil",
    ),
    (
        "Technology",
        "technology",
        "technology, tech, software, artificial intelligence, ai, internet, "
        "online, cyber, hackers, smartphone, app, apps, google, apple, "
        "microsoft, chip, chips, startup, social media",
    ),
    (
        "Science",
        "science",
        "science, scientists, research, researchers, study, space, nasa, "
        "satellite, planet, climate, species, health, disease, vaccine, medical",
    ),
    (
        "Sport",
        "sport",
        "sport, sports, football, soccer, olympics, olympic, tennis, cricket, "
        "rugby, basketball, match, league, championship, tournament, cup, coach",
    ),
    (
        "Culture",
        "culture",
        "culture, film, movie, music, album, art, artist, museum, book, novel, "
        "festival, theatre, television, celebrity, fashion",
    ),
    (
        "Opinion",
        "opinion",
        "opinion, editorial, column, columnist, commentary, op-ed",
    ),
]

REPORTER = "Reporter"
EDITOR = "Editor"

_EVERYTHING = ("add", "change", "delete", "view")
# Permissions by (app label, model): the actions each role has on it.
ROLES: dict[str, dict[tuple[str, str], tuple[str, ...]]] = {
    REPORTER: {
        ("articles", "article"): ("add", "change", "view"),
        ("articles", "section"): ("view",),
        ("articles", "photo"): ("add", "change", "view"),
        ("articles", "photocredit"): ("add", "view"),
        ("articles", "relatedlink"): _EVERYTHING,
    },
    EDITOR: {
        ("articles", "article"): (*_EVERYTHING, "publish"),
        ("articles", "section"): _EVERYTHING,
        ("articles", "photo"): _EVERYTHING,
        ("articles", "photocredit"): _EVERYTHING,
        ("articles", "relatedlink"): _EVERYTHING,
        ("articles", "oldslug"): _EVERYTHING,
        ("articles", "historicalarticle"): ("view",),
        ("articles", "creditalias"): ("view", "delete"),
        ("taggit", "tag"): _EVERYTHING,
    },
}


def ensure_roles(apps: Apps = global_apps) -> None:
    """Create the desks and the Reporter and Editor groups, if missing."""
    ensure_desks(apps)
    ensure_groups(apps)


def ensure_desks(apps: Apps = global_apps) -> None:
    """Create the desks the importer files by; a desk that exists is left as is."""
    section_model = apps.get_model("articles", "Section")
    for position, (name, slug, keywords) in enumerate(DESKS):
        section_model.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "position": position, "keywords": keywords},
        )


def ensure_groups(apps: Apps = global_apps) -> None:
    """Give each role's group its permissions; permissions added by hand stay."""
    # Django makes permissions after all migrations ran; a migration needs
    # them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _created = group_model.objects.get_or_create(name=name)
        for (app_label, model), actions in grants.items():
            codenames = {f"{action}_{model}" for action in actions}
            found = permission_model.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
            missing = codenames - set(found.values_list("codename", flat=True))
            if missing:
                raise LookupError(
                    f"The {name} role needs permissions that do not exist: "
                    f"{', '.join(sorted(missing))}"
                )
            group.permissions.add(*found)

"""Create the newsroom's desks, with the keywords the importer files seeds by."""

from django.db import migrations

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


def create_desks(apps, schema_editor):
    Section = apps.get_model("articles", "Section")
    for position, (name, slug, keywords) in enumerate(DESKS):
        Section.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "position": position, "keywords": keywords},
        )


def remove_desks(apps, schema_editor):
    Section = apps.get_model("articles", "Section")
    Section.objects.filter(
        slug__in=[slug for _name, slug, _keywords in DESKS], articles__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(create_desks, remove_desks)]

import pytest

from articles.text.sections import SectionKeywords, SectionMatcher
from articles.text.tags import can_be_tag, choose_tags

DESKS = [
    SectionKeywords("news", ()),
    SectionKeywords("world", ("russia", "ukraine", "war", "middle east")),
    SectionKeywords("business", ("market", "shares", "oil")),
    SectionKeywords("sport", ("football", "cup")),
]


class ChooseSectionTests:
    def test_best_keyword_match_in_headline_and_lede_wins(self):
        assert (
            SectionMatcher(DESKS).choose(
                "Oil shares slide as markets open",
                "Shares in oil companies fell on the market.",
            )
            == "business"
        )

    def test_headline_matches_count_double(self):
        headline = "Cup final moved"
        lede = "The war of words over the market and oil prices went on."
        assert SectionMatcher(DESKS).choose(headline, lede) == "business"
        assert SectionMatcher(DESKS).choose("Cup final cup replay", lede) == "sport"

    def test_keywords_match_whole_words_only_ignoring_case(self):
        assert SectionMatcher(DESKS).choose("Warning issued", "Awareness week.") is None
        assert SectionMatcher(DESKS).choose("UKRAINE talks", "") == "world"
        assert SectionMatcher(DESKS).choose("Talks in the Middle  East", "") == "world"

    def test_a_tie_goes_to_the_section_first_in_the_menu(self):
        assert SectionMatcher(DESKS).choose("War and football", "") == "world"

    def test_no_match_means_no_section_so_the_default_applies(self):
        assert (
            SectionMatcher(DESKS).choose("Village fete returns", "Cakes sold.") is None
        )


class ChooseTagsTests:
    def test_names_in_the_headline_and_multi_word_names_become_tags(self):
        tags = choose_tags(
            "Russia Recruiting Prisoners To Fight in Ukraine War",
            [
                "Russia is recruiting prisoners to fight in Ukraine.",
                "That individual is Paul Whelan, as per CNN.",
                "Russian President Vladimir Putin has refrained from it.",
                "Later, prisoners vanish from Russia and Moscow.",
                "Moscow denies it.",
            ],
        )
        assert tags[:2] == ["Russia", "Ukraine"]
        assert {"Paul Whelan", "Vladimir Putin", "Moscow"} <= set(tags)
        assert "CNN" not in tags  # named once, one word, not in the headline
        assert "Later" not in tags and "Russian" not in tags
        assert "Russian President Vladimir Putin" not in tags

    def test_words_that_only_start_sentences_are_not_names(self):
        tags = choose_tags(
            "Harbour strike ends",
            ["Convicts were freed. Convicts went home.", "However, talks resumed."],
        )
        assert tags == []

    def test_at_most_eight_tags_in_a_fixed_order(self):
        paragraphs = [
            " ".join(f"Met Person{n} Name{n} today." for n in range(12)),
        ]
        first = choose_tags("Nothing here", paragraphs)
        assert len(first) == 8
        assert first == choose_tags("Nothing here", paragraphs)
        assert first[0] == "Person0 Name0"

    def test_months_weekdays_and_possessives_are_handled(self):
        tags = choose_tags(
            "Kyiv talks",
            ["On Monday, Kyiv's mayor met officials in July. Kyiv later agreed."],
        )
        assert tags == ["Kyiv"]

    def test_capitals_inside_words_are_not_names(self):
        tags = choose_tags(
            "Sellers leave online market",
            [
                "Sellers on eBay and users of iPhone Apps complained. Bashar "
                "al-Assad spoke. Sellers on eBay left.",
                "Meanwhile Apps stores grew.",
            ],
        )
        assert tags == ["Apps"]

    def test_a_name_that_also_starts_sentences_counts_every_time(self):
        tags = choose_tags(
            "Budget vote",
            ["“Moscow is calm,” he said. Later Moscow was not.", "Moscow waits."],
        )
        assert tags == ["Moscow"]

    @pytest.mark.parametrize("text", ["", "   ", "...", "a b c"])
    def test_text_without_names_gives_no_tags(self, text):
        assert choose_tags(text, [text]) == []

    def test_a_run_of_capitals_longer_than_a_tag_can_be_is_no_tag(self):
        # Taggit's name and slug hold 100 characters; PostgreSQL refused the
        # longer name and SQLite stored it.
        long_run = " ".join(["Harbour"] * 13)  # 103 characters
        tags = choose_tags("Dock strike", [f"{long_run} met Jane Doe."])
        assert tags == ["Jane Doe"]

    def test_a_name_whose_address_would_be_too_long_is_no_tag(self):
        # NFKC spells the ligature "ﬃ" as "ffi": the slug is longer than the name.
        name = "Su\ufb03x " * 14 + "Jane"  # 74 characters, a slug of 102
        assert choose_tags("Dock strike", [f"We met {name} today."]) == []

    @pytest.mark.parametrize(
        ("name", "allowed"),
        [
            ("Jane Doe", True),
            ("7", True),
            ("Ōsaka", True),
            ("!!!", False),
            ("-", False),
        ],
    )
    def test_only_a_name_with_a_letter_or_digit_can_be_a_tag(self, name, allowed):
        assert can_be_tag(name) is allowed

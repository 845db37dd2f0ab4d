"""Near-duplicate detection: syndicated copies link to the first copy, distinct reports don't."""

from __future__ import annotations

from polemos.ingest.neardup import NearDuplicateIndex, shingle
from polemos.models import Article

WIRE = (
    "Russian shelling of the city of Kharkiv in northeast Ukraine killed five people and wounded "
    "22 on Monday, including five children, the regional governor said. There was no immediate "
    "comment from Russia, which denies targeting civilians. All of them were civilians who were "
    "walking on the streets and on playgrounds, the governor said on the Telegram messaging app, "
    "adding that rescue teams were still working at two sites in the city centre. Kharkiv, "
    "Ukraine's second largest city, has been shelled regularly since the invasion began."
)
OTHER = (
    "Sudan's paramilitary Rapid Support Forces looted villages across Gezira state over the past "
    "month, residents said, forcing thousands to flee towards Sennar as the army launched air "
    "strikes on positions near Wad Madani. Aid groups warned of famine in the region, where "
    "markets have closed and farmers could not plant their fields this season."
)
SAME_EVENT_OWN_WORDS = (
    "Five civilians died and twenty-two were hurt when Russian artillery struck Kharkiv on "
    "Monday, according to Oleh Synehubov, head of the regional administration. Children were "
    "among the wounded. Moscow has not commented on the attack."
)


def article(doc_id: str, text: str) -> Article:
    return Article(doc_id=doc_id, text=text)


def test_syndicated_copy_with_edits_links_to_first_seen() -> None:
    index = NearDuplicateIndex()
    assert index.add(article("reuters", WIRE)) is None
    copy = "KYIV (Reuters) - " + WIRE.replace("the regional governor said", "the governor said")
    trimmed = WIRE.rsplit(" Kharkiv, Ukraine's", 1)[0] + "\nRead more on our site."
    assert index.add(article("outlet-a", copy)) == "reuters"
    assert index.add(article("outlet-b", trimmed)) == "reuters"
    assert len(index) == 3


def test_distinct_articles_and_own_words_reports_are_not_copies() -> None:
    index = NearDuplicateIndex()
    index.add(article("reuters", WIRE))
    assert index.add(article("sudan", OTHER)) is None
    assert index.add(article("local", SAME_EVENT_OWN_WORDS)) is None


def test_rerun_of_same_id_does_not_match_itself_or_index_twice() -> None:
    index = NearDuplicateIndex()
    assert index.add(article("a", WIRE)) is None
    assert index.add(article("a", WIRE)) is None
    assert len(index) == 1
    assert index.add(article("b", WIRE)) == "a"
    assert index.find(article("a", WIRE)) == "b"


def test_signatures_agree_across_instances() -> None:
    first, second = NearDuplicateIndex(), NearDuplicateIndex()
    assert (first.signature(WIRE).hashvalues == second.signature(WIRE).hashvalues).all()
    assert first.similarity(article("x", WIRE), article("y", OTHER)) < 0.1


def test_short_and_empty_texts() -> None:
    index = NearDuplicateIndex()
    assert index.add(article("empty", "")) is None
    assert index.add(article("empty-2", "  ")) is None
    assert index.add(article("short", "Kharkiv shelled.")) is None
    assert index.add(article("short-2", "Kharkiv shelled!")) == "short"
    assert shingle("one two", 5) == {"one two"}


def test_long_feature_quoting_a_short_brief_is_not_its_copy() -> None:
    index = NearDuplicateIndex()
    brief = WIRE.split(" All of them")[0]
    index.add(article("brief", brief))
    feature = " ".join([OTHER, brief, SAME_EVENT_OWN_WORDS, OTHER.replace("Sudan", "Chad")])
    assert index.add(article("feature", feature)) is None

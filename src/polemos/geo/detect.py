"""Gazetteer-aware toponym detection.

The statistical NER mislabels many towns of conflict zones (Kramatorsk as PERSON, Lysychansk as
ORG), so detection is driven by the gazetteer: every run of capitalised words is looked up, the
longest known name wins, and common-word and person-name false hits are filtered.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from polemos.geo.names import NAME_ABBREVIATIONS, fold

# Given names that are also places somewhere: never a place, and they start a person's name.
GIVEN_NAMES = frozenset({"alexander", "vladimir", "elizabeth", "george", "charles",
                         "william", "john", "paul", "david", "michael"})
# Titles before a person's name ('President', 'Gen.', 'Sheriff'): no place alone either.
TITLE_WORDS = frozenset({"mr", "mrs", "ms", "dr", "president", "minister", "gen", "general",
                         "col", "colonel", "sen", "sens", "senator", "rep", "reps", "gov",
                         "governor", "judge",
                         "sgt", "capt", "lt", "saint", "st", "prof", "sir", "lord", "lady",
                         "pope", "king", "queen", "prince", "princess", "rev", "father",
                         "secretary", "ambassador", "chancellor", "mayor", "chairman", "speaker",
                         "admiral", "adm", "marshal", "commander", "maj", "sheriff", "coach"})
# Storms are named like people ('Hurricane Harvey', 'Typhoon Haiyan', 'Cyclone Idai'): after one
# of these words a capitalised word is the storm's name, and neither is a place (Hurricane, Utah;
# Harvey, Illinois; Haiyan, Qinghai), unless the two make a place's name ('Storm Lake').
STORM_WORDS = frozenset({"hurricane", "typhoon", "cyclone", "storm", "superstorm"})
# Words of institutions' names that are towns somewhere ('Superior Court', 'Chamber of Commerce',
# 'Webb Center'): no place alone, and beside a place name they make it part of a longer name.
INSTITUTION_WORDS = frozenset({"superior", "supreme", "commerce", "college", "center", "centre",
                               "act", "area", "hall"})
# Capitalised words that name places somewhere but in English prose are almost always something
# else (calendar words, titles, directions, generic nouns, common given names; 'English', the
# language, which is no demonym here: English, Indiana drew 'Ireland' beside it to Indiana).
COMMON_WORDS = frozenset(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday
    jan feb apr jun jul aug sep sept oct nov dec christmas easter thanksgiving
    mr mrs ms dr president minister governor general colonel major captain sergeant king queen
    prime chief deputy secretary spokesman spokeswoman official officials army navy police
    north south east west northern southern eastern western central upper lower new old great
    media reuters press news agency times post herald guardian telegraph ministry defence defense
    the a an and of in on at for to by with from as is was were are be been it its this that
    these those he she they we you i his her their our my
    but or if so not no yes all any some many more most other such only own same than too very
    can will just should now also after before during while since until under over about
    god lord saint church mosque school university hospital airport station bridge street road
    city town village district region province state republic kingdom union federation
    creek hill hills heights ridge woods park lake river valley estates meadows gardens plaza
    mall apartments club stadium arena farm farms
    forces troops military government people civilians rebels militants group
    council parliament congress senate court justice liberty victory freedom
    hall
    unity independence democracy peace hope alliance front movement party
    liberal conservative republican democrat democratic labour labor progressive
    english
    day week month year time morning evening night
    """.split()  # noqa: SIM905 (a word list reads best as prose)
) | GIVEN_NAMES | INSTITUTION_WORDS | TITLE_WORDS
# English closed-class words (determiners, pronouns, numerals, conjunctions, prepositions,
# adverbs of time and degree) that open a sentence capitalised ('When Alexandria police found',
# 'Two Northeast Georgia counties', 'While Clarke and Oconee'): never the start of a name, so
# the capitalised words after them are looked up on their own.
FUNCTION_WORDS = frozenset(
    """
    about above across after afterwards again against almost along already also although always
    among amid another any anyone anything around because before behind below beneath beside
    besides between beyond both despite down during each either else even ever every everyone
    except few for former formerly further hence here how however if inside instead into just
    last later latter least less meanwhile moreover most much neither never nevertheless next
    nobody none nor nothing often once one onto other others otherwise over perhaps rather
    several since some someone something sometimes soon still such than then thence there
    therefore these they those though through throughout thus together toward towards unless
    unlike until upon what whatever when whenever where whereas wherever whether which while
    who whoever whom whose why within without yet
    two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred thousand million first second third fourth fifth
    """.split()  # noqa: SIM905 (a word list reads best as prose)
)
# Names of towns somewhere that English news uses for something else: an institution, weather.
# The whole phrase is skipped (no 'White' or 'House' found in it instead).
NON_PLACE_PHRASES = frozenset({"white house", "el nino", "la nina"})  # two words, folded
_PHRASE_STARTS = frozenset(phrase.split()[0] for phrase in NON_PLACE_PHRASES)
REGION_WORDS = frozenset({"region", "oblast", "province", "state", "governorate", "district",
                          "county", "prefecture", "department", "territory", "raion", "parish",
                          "regions", "oblasts", "provinces"})
# The word of an administrative unit that may stand between a name and its qualifier ('Pale
# Township, Sagaing Region', 'Kherson region, Ukraine'), besides the region words.
UNIT_WORDS = REGION_WORDS | {"township", "municipality", "commune"}
# Capitalised direction and part words before a place name ('North London', 'Western Kenya',
# 'Greater Manchester'): when the whole span is no gazetteer name, the mention covers it and
# means the place after it. Real names starting with them ('North Darfur') are found whole.
DIRECTION_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                             "western", "northeast", "northwest", "southeast", "southwest",
                             "northeastern", "northwestern", "southeastern", "southwestern",
                             "central", "greater", "upper", "lower"})
MAX_DIRECTION_WORDS = 2  # 'North-East Nigeria', 'South West England'

# A word ([^\W\d_][\w’'.]*) or a number. Most words hold no dot or apostrophe and are final as
# the regex finds them; the others (group 1: 'U.S.', "Sudan's", 'city.Sudan') are split and
# trimmed in Python. The possessive \w*+ keeps a plain word from stopping short of a mark.
_TOKEN = re.compile(r"[^\W\d_]\w*+(?![’'.])|\d+|([^\W\d_][\w’'.]*)", re.UNICODE)
# Lower-case words inside a place's name: 'Bosnia and Herzegovina', 'Rostov-on-Don', and the
# Arabic article in its assimilated spellings ('Deir ez-Zor', 'Dar es Salaam', 'Jisr ash-Shughur',
# 'Ras at-Tin'); a run only matches where the gazetteer has the whole name.
_CONNECTORS = frozenset({"of", "on", "and", "de", "del", "la", "le", "el", "al", "upon", "du",
                         "des", "da", "do", "dos", "van", "von", "am", "an", "der", "sur", "en",
                         "y", "the", "au", "aux", "les", "di", "bin", "ibn",
                         "ez", "es", "ash", "esh", "ad", "ar", "as", "at", "az", "ed", "er", "et"})
MAX_TOKENS = 5
PARTY_TAG_MAX = 3  # 'D', 'R', 'DFL' (Minnesota's Democrats) before a legislator's town
DATELINE_ACRONYM_MAX = 5  # as the geoparser's ACRONYM_MAX: a longer upper-case word is no acronym
_LOWER_WORD = re.compile(r"\b[a-z][a-z]+\b")
_HEADLINE_INITIAL = re.compile(r"([^\W\d_])[^\W\d_]{3,}")  # a word's first letter
# Folded spans, shared by the texts a process reads (names recur from article to article); at
# most ≈8 MB (measured: 50,000 spans of up to 30 characters take 12 MB).
_fold = lru_cache(maxsize=32_768)(fold)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span whose folded text is a gazetteer name.

    `region_hint`: followed by 'region', 'oblast', 'county'...; `title_before`: preceded by a
    personal title ('President', 'Gen.'); `name_after`: followed by a capitalised word that is
    not part of the name (a surname, an organisation word); `dotted`: written with a dot ('Ga.',
    'D.C.'); `after_comma`: right after 'Word, ' (a qualifier: 'Macon, GA'); `lead`: length of
    a direction prefix ('Northern ' Gaza) the span covers but `key` leaves out."""

    start: int
    end: int
    text: str
    key: str
    region_hint: bool
    title_before: bool = False
    name_after: bool = False
    dotted: bool = False
    after_comma: bool = False
    lead: int = 0  # characters of a direction prefix before the name proper ('North ' London)
    given: bool = False  # a span given from outside (gold mention), not found by the detector
    dateline: bool = False  # opens a sentence and ends at a dateline mark: 'KYIV, May 3', 'GAZA —'
    saints: bool = False  # a saint's possessive before a capitalised word: 'St. Paul's Hospital'
    # joined by '&' to a capitalised word (1) that is no name of the text ('Hartman & Tyner'),
    # (2) that is one too ('Stevens & Wilkinson', 'Trinidad & Tobago')
    firm: int = 0
    dated: bool = False  # after an article and a year: 'a 2000 Ford Taurus', 'the 2007 Spring'
    # before a body's word or a direction: 'Columbia University', 'Landmark Bank', 'Scott West'
    body_after: bool = False
    governor_after: bool = False  # before a governor's title: 'New York Gov.' (the state)
    # characters of a unit word right after the span (' Township' of 'Pale Township'), which a
    # qualifier may follow: 'Pale Township, Sagaing Region'
    unit_after: int = 0

    @property
    def name_text(self) -> str:
        """The span without its direction prefix: the words the gazetteer knows."""
        return self.text[self.lead :]


Token = tuple[int, int, str]


_GLUED = re.compile(r"(?<=[a-z]{2})\.(?=[A-Z])")  # 'city.Sudan': two sentences without a space
# a possessive, or a contraction ("I’ve" is no 'IVe', Paris' 4th arrondissement)
_SUFFIXES = ("’s", "'s", "’ve", "'ve", "’ll", "'ll", "’re", "'re", "’m", "'m", "’d", "'d", "’",
             "'")


def _tokens(text: str) -> list[Token]:
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN.finditer(text):
        if match.lastindex is None:
            append((match.start(), match.end(), match.group()))
        else:
            tokens += _marked_tokens(match.start(), match.group())
    return tokens


def _marked_tokens(start: int, word: str) -> list[Token]:
    """A word holding a dot or an apostrophe: split where two sentences are glued, each piece
    without its possessive and its final dot (an initialism keeps it)."""
    tokens = []
    for piece in _GLUED.split(word):
        tokens.append(_trimmed(start, start + len(piece), piece))
        start += len(piece) + 1
    return tokens


def _trimmed(start: int, end: int, word: str) -> Token:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            word = word[: -len(suffix)]
            end -= len(suffix)
            break
    if word.endswith(".") and not _is_initialism(word):
        word, end = word[:-1], end - 1
    return start, end, word


def _is_initialism(word: str) -> bool:
    """'U.S.', 'U.K.': letters separated by dots keep their final dot."""
    return len(word) >= 4 and word.count(".") >= 2 and word.replace(".", "").isupper()


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def lowercase_words(text: str) -> set[str]:
    """The words the text writes in lower case ('shelling', 'drone')."""
    return set(_LOWER_WORD.findall(text))


def detect_candidates(
    text: str, has_name: Callable[[str], bool], lowercase: set[str] | None = None
) -> list[Candidate]:
    """Longest gazetteer names over runs of capitalised tokens, left to right, non-overlapping.
    `lowercase`: the text's `lowercase_words`, when the caller has them already."""
    tokens = _tokens(text)
    scan = _Scan(text, tokens, lowercase_words(text) if lowercase is None else lowercase)
    candidates: list[Candidate] = []
    listed = _area_lists(text, tokens)
    index = 0
    count = len(tokens)
    while index < count:
        if not tokens[index][2][0].isupper():  # tokens are never empty: _is_capitalised inline
            index += 1
            continue
        if index in listed:  # 'Walton and Oconee counties': 'Walton County', 'Oconee County'
            last, area_word = listed[index]
            key = f"{_fold(text[tokens[index][0] : tokens[last][1]])} {area_word}"
            if has_name(key):
                candidates.append(replace(_candidate(text, tokens, index, last, key),
                                          region_hint=True))
                index = last + 1
                continue
        phrase_end = _non_place_phrase(text, tokens, index)
        if phrase_end is None:
            phrase_end = _storm_name(text, tokens, index, has_name)
        if phrase_end is not None:
            index = phrase_end + 1
            continue
        match = _match(text, tokens, index, has_name)
        if match is None:
            if index > 0 and _party_tag(scan, index - 1) and has_name(
                    county := f"{_fold(tokens[index][2])} county"):
                # 'D-Braxton': a West Virginia delegate's county, whose bare name is hidden
                candidates.append(replace(_candidate(text, tokens, index, index, county),
                                          region_hint=True))
                index += 1
            else:
                index = _skip_run(scan, index)
            continue
        last, key, name_first = match
        if _street_quadrant(text, tokens, index, last):  # 'Northwest 34th Street'
            index = last + 1
            continue
        candidate = _candidate(text, tokens, index, last, key, tokens[name_first][0])
        if _unit_before(text, tokens, index) is not None:  # 'the province of Idlib'
            candidate = replace(candidate, region_hint=True)
        candidates.append(candidate)
        index = last + 1
        if candidate.title_before:  # 'President Ivan Duque': the rest is the person's name
            index = _skip_followers(text, tokens, index)
    return _firms(text, candidates)


# Names listed before a plural area word: 'Clarke, Madison, Oconee and Oglethorpe counties'
_LISTED_NAME = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?"
_AREA_LIST = re.compile(
    rf"(?:{_LISTED_NAME}(?:, and |, or |, | and | or ))+{_LISTED_NAME} (counties|parishes)\b")
_AREA_SINGULAR = {"counties": "county", "parishes": "parish"}


def _area_lists(text: str, tokens: list[Token]) -> dict[int, tuple[int, str]]:
    """Each listed name's first token -> (its last token, the area word): a bare county's name
    ('Oconee', which the gazetteer hides alone since most are surnames or words) is that
    county when a list of them ends in 'counties'."""
    if "counties" not in text and "parishes" not in text:
        return {}
    listed: dict[int, tuple[int, str]] = {}
    first_at = {start: i for i, (start, _, _) in enumerate(tokens)}
    for match in _AREA_LIST.finditer(text):
        area_word = _AREA_SINGULAR[match.group(1)]
        body_end = match.start(1) - 1
        for name in re.finditer(_LISTED_NAME, text[match.start() : body_end]):
            start = match.start() + name.start()
            end = match.start() + name.end()
            first = first_at.get(start)
            if first is None:
                continue
            last = first
            while last + 1 < len(tokens) and tokens[last + 1][1] <= end:
                last += 1
            listed[first] = (last, area_word)
    return listed


_AMPERSAND_AFTER = re.compile(r" ?& ([A-Z])")
_AMPERSAND_BEFORE = re.compile(r"[A-Z][\w.]* ?& $")


def _firms(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Mark the names joined by '&' to a capitalised word: a firm's or a body's name ('Hartman
    & Tyner Inc.', 'Texas Parks & Wildlife Department'), or two names ('Stevens & Wilkinson',
    'Trinidad & Tobago', 'TIJUANA & SAN DIEGO'; `firm` 2, for the geoparser to judge)."""
    if "&" not in text:
        return candidates
    starts = {c.start for c in candidates}
    ends = {c.end for c in candidates}
    marked = []
    for c in candidates:
        after = _AMPERSAND_AFTER.match(text, c.end)
        before = _AMPERSAND_BEFORE.search(text, max(0, c.start - 30), c.start)
        named = (after is not None and after.start(1) in starts) or (
            before is not None and any(before.start() < end <= before.end() for end in ends))
        if after is not None or before is not None:
            c = replace(c, firm=2 if named else 1)
        marked.append(c)
    return marked


@dataclass(slots=True)
class _Scan:
    """One text's tokens, the words it writes in lower case, and which lines are headlines
    (asked once per line, however many unknown names the line holds)."""

    text: str
    tokens: list[Token]
    lowercase: set[str]
    headlines: dict[int, bool] = field(default_factory=dict)

    def in_headline(self, position: int) -> bool:
        start = self.text.rfind("\n", 0, position) + 1
        known = self.headlines.get(start)
        if known is None:
            known = self.headlines[start] = _is_headline(self.text, start)
        return known


_ORDINAL_AFTER = re.compile(
    r" (?:\d+(?:st|nd|rd|th)?|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|"
    r"Tenth|Eleventh|Twelfth)\b")


def _street_quadrant(text: str, tokens: list[Token], first: int, last: int) -> bool:
    """Direction words before a number or an ordinal ('Northwest 34th Street', 'Northwest
    Eighth Avenue'): a town's quadrant of numbered streets, not the village named Northwest."""
    return (_only_directions(tokens, first, last)
            and _ORDINAL_AFTER.match(text, tokens[last][1]) is not None)


# Words after a name that make it a body's: a university, a firm, a bank ('Columbia
# University', 'Chartwell Group', 'Landmark Bank', 'Time Warner Company')
BODY_WORDS = frozenset({"university", "college", "group", "bank", "inc", "corp", "corporation",
                        "company", "ltd", "llc", "plc", "theatre", "theater", "hotel", "motel",
                        "airlines", "airways", "energy", "regiment", "foundation", "club",
                        "elementary", "academy", "center", "centre", "funeral", "nursing",
                        "construction"})
# a name before a capitalised direction that is no part of it: a school's, a district's, a
# hospital's ('Scott West Panthers', 'Valley West Community Hospital')
CARDINAL_DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest",
                                 "southeast", "southwest"})
_DATED = re.compile(r"\b(?:[Aa]n?|[Tt]he) (?:1[89]|20)\d\d $")
SAINT_WORDS = frozenset({"st", "saint", "ste", "sainte"})
_POSSESSIVE_NAMED = re.compile(r"[’']s [A-Z]")
# A region's own office after its name: 'New York Gov. Andrew Cuomo', 'Luhansk governor',
# 'the Ohio gubernatorial race' (a governor governs the region, not its namesake city)
_GOVERNOR_AFTER = re.compile(
    r"\s+(?:Lt\.\s+|[Ll]ieutenant\s+)?(?:Gov\.|(?:[Gg]overnor|gubernatorial)\b)")


def _skip_run(scan: _Scan, index: int) -> int:
    """After an unknown capitalised word, skip the rest of its name ('Oleh Synehubov', 'Andriy
    Yermak'): a place name inside a longer unknown name ('Vladimir Putin') is not a toponym. Not
    after a common word ('In', 'The', a word the text also writes in lower case: 'Shelling') nor
    in a title-case headline, where every word is capitalised."""
    word = scan.tokens[index][2]
    index += 1
    key = _fold(word)
    if ((key in COMMON_WORDS and key not in GIVEN_NAMES) or key in FUNCTION_WORDS
            or word.lower() in scan.lowercase):
        return index
    if (scan.in_headline(scan.tokens[index - 1][0]) or _party_tag(scan, index - 1)
            or _VERBAL.search(word) is not None):
        return index
    return _skip_followers(scan.text, scan.tokens, index)


# a participle or an adverb ('Connecting California', 'Serving Middletown', 'Distinctly
# Dublin'): an English word, not the start of a person's name
_VERBAL = re.compile(r"[a-z]{3}(?:ing|ly)$")


def _party_tag(scan: _Scan, index: int) -> bool:
    """A short upper-case tag hyphened to the next word after a comma or a bracket: a
    legislator's party before his home town ('Rep. Wendell Gilliard, D-Charleston', '(DFL-
    Chisholm)'), no part of a name (unlike 'K-Mart')."""
    word = scan.tokens[index][2]
    start = scan.tokens[index][0]
    return (len(word) <= PARTY_TAG_MAX and word.isupper() and index + 1 < len(scan.tokens)
            and scan.text[scan.tokens[index][1] : scan.tokens[index + 1][0]] == "-"
            and scan.text[max(0, start - 2) : start] in (", ", " (", "\n("))


def _skip_followers(text: str, tokens: list[Token], index: int) -> int:
    while index < len(tokens) and _is_capitalised(tokens[index][2]) and _adjacent(
        text, tokens, index
    ):
        index += 1
    return index


def _is_headline(text: str, start: int) -> bool:
    """The line from `start` capitalises most of its words (a title-case headline): of its
    first 300 characters, the words of four letters or more."""
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    initials = _HEADLINE_INITIAL.findall(text, start, min(end, start + 300))
    return len(initials) >= 3 and sum(map(str.isupper, initials)) >= 0.85 * len(initials)


def _adjacent(text: str, tokens: list[Token], index: int) -> bool:
    gap = text[tokens[index - 1][1] : tokens[index][0]]
    return gap in (" ", "-")


# After a dateline's place: a comma, a colon, a bracket, a slash, a line end, a dash ('GAZA —';
# an attached hyphen joins words: 'EU-Russia').
_DATELINE_END = re.compile(r"[ \t]*[,:(/\n]|[ \t]*[—–]|[ \t]+-|[ \t]*\.?[ \t]*\Z")


def _candidate(
    text: str, tokens: list[Token], first: int, last: int, key: str, name_start: int = -1
) -> Candidate:
    """The mention of tokens first..last; `name_start`: where the name proper begins (after a
    direction prefix), the span's start by default."""
    start, end = tokens[first][0], tokens[last][1]
    after = tokens[last + 1][2] if last + 1 < len(tokens) else ""
    before = tokens[first - 1][2] if first > 0 else ""
    adjacent_after = last + 1 < len(tokens) and _adjacent(text, tokens, last + 1)
    adjacent_before = first > 0 and text[tokens[first - 1][1] : start] in (" ", ". ")
    gap_before = text[tokens[first - 1][1] : start] if first > 0 else "\n"
    sentence_start = first == 0 or any(ch in gap_before for ch in ".!?\n\"“") or (
        gap_before == "/" and before.isupper())  # a dateline's second city: 'CAIRO/DUBAI'
    return Candidate(
        start, end, text[start:end], key,
        region_hint=after.lower() in REGION_WORDS,
        title_before=adjacent_before and before.lower().rstrip(".") in TITLE_WORDS,
        name_after=adjacent_after and _is_capitalised(after) and after.lower() not in REGION_WORDS,
        dotted="." in text[start:end] or text[end : end + 1] == ".",
        after_comma=gap_before == ", " and _is_capitalised(before),
        lead=max(0, name_start - start),
        dateline=sentence_start and (_DATELINE_END.match(text, end) is not None or (
            first == 0 and _opens_with_upper_case_name(text[start:end], after))),
        saints=(tokens[first][2].lower().rstrip(".") in SAINT_WORDS and last > first
                and _POSSESSIVE_NAMED.match(text, end) is not None),
        dated=_DATED.search(text, max(0, start - 12), start) is not None,
        body_after=adjacent_after and (after.lower().rstrip(".") in BODY_WORDS or (
            after.lower() in CARDINAL_DIRECTIONS and _is_capitalised(after))),
        governor_after=_GOVERNOR_AFTER.match(text, end) is not None,
        unit_after=tokens[last + 1][1] - end if adjacent_after and after.lower() in UNIT_WORDS
        else 0,
    )


def _opens_with_upper_case_name(span: str, after: str) -> bool:
    """The text opens with an upper-case name longer than an acronym, then a capitalised word:
    a dateline whose mark the text lost ('WASHINGTON Barack Obama pardoned...')."""
    letters = [ch for ch in span if ch.isalpha()]
    return len(letters) > DATELINE_ACRONYM_MAX and span.isupper() and _is_capitalised(after)


def _non_place_phrase(text: str, tokens: list[Token], first: int) -> int | None:
    """The last token of a `NON_PLACE_PHRASES` phrase starting at `first`, if one does (asked
    for every capitalised word: only a phrase's first word goes on to the two-word key)."""
    last = first + 1
    if (last >= len(tokens) or _fold(tokens[first][2]) not in _PHRASE_STARTS
            or not _joins(text, tokens[first], tokens[last][0])):
        return None
    return last if _fold(text[tokens[first][0] : tokens[last][1]]) in NON_PLACE_PHRASES else None


def _storm_name(text: str, tokens: list[Token], first: int, has_name: Callable[[str], bool]
                ) -> int | None:
    """The token of a storm's name ('Harvey' of 'Hurricane Harvey') if a `STORM_WORDS` word at
    `first` opens one, and the two are no place's name ('Storm Lake')."""
    name = first + 1
    if (name >= len(tokens) or _fold(tokens[first][2]) not in STORM_WORDS
            or not _is_capitalised(tokens[name][2])
            or not _joins(text, tokens[first], tokens[name][0])):
        return None
    found = _longest_match(text, tokens, first, has_name)
    return name if found is None or found[0] == first else None


def _match(
    text: str, tokens: list[Token], first: int, has_name: Callable[[str], bool]
) -> tuple[int, str, int] | None:
    """The gazetteer name of the run at token `first`: (last token, the name's key, its first
    token). The longest name starting there; the name after direction words
    (`_prefixed_match`) where none starts there, or where it is longer and the one starting
    there is only direction words (`_only_directions`: 'North East' of 'North East Texas')."""
    unit = _unit_before(text, tokens, first)
    if unit is not None:  # 'the province of Davao del Sur': the gazetteer's 'Province of ...'
        named = _longest_match(text, tokens, first, lambda key: has_name(f"{unit} of {key}"))
        if named is not None:
            return named[0], f"{unit} of {named[1]}", first
    found = _longest_match(text, tokens, first, has_name)
    prefixed = _prefixed_match(text, tokens, first, has_name)
    if prefixed is not None and (found is None or (
        prefixed[0] > found[0] and _only_directions(tokens, first, found[0])
    )):
        return prefixed
    if found is not None:
        return (*found, first)
    return None


def _longest_match(
    text: str, tokens: list[Token], first: int, has_name: Callable[[str], bool]
) -> tuple[int, str] | None:
    best: tuple[int, str] | None = None
    for last in range(first, min(first + MAX_TOKENS, len(tokens))):
        word = tokens[last][2]
        capitalised = _is_capitalised(word)
        if last > first:
            if not _joins(text, tokens[last - 1], tokens[last][0]):
                break
            if not capitalised and word.lower() not in _CONNECTORS:
                break
        if not capitalised:
            continue
        key = _fold(text[tokens[first][0] : tokens[last][1]])
        if last == first and (key in COMMON_WORDS or key in FUNCTION_WORDS
                              or _abbreviated(text, tokens[first])):
            continue
        if has_name(key):
            best = (last, key)
    return best


_POSSESSIVE_MARKS = ("'s", "’s")


def _joins(text: str, previous: Token, start: int) -> bool:
    """May the token starting at `start` continue a name after `previous`? Only across spaces
    and hyphens on one line, after an abbreviation's dot ('St. Petersburg'), or after a
    possessive that the name holds ('Martha's Vineyard', 'Donetsk People's Republic')."""
    gap = text[previous[1] : start]
    if "\n" in gap:
        return False
    rest = gap.strip(" -")
    return rest == "" or rest in _POSSESSIVE_MARKS or (
        rest == "." and gap.startswith(".") and _abbreviated(text, previous))


def _abbreviated(text: str, token: Token) -> bool:
    """A name abbreviation ('St', 'Mt', `names.NAME_ABBREVIATIONS`) written with its dot: the
    dot does not end the name, and the abbreviation alone is no place ('St' is an alternate name
    of Sète, 'Mt' Montana's postal code)."""
    return text.startswith(".", token[1]) and token[2].lower() in NAME_ABBREVIATIONS


# Lower-case unit words of 'the province of X', which GeoNames names 'Province of X'
_UNIT_OF_WORDS = frozenset({"province", "state", "county", "department", "region", "district",
                            "governorate", "prefecture", "municipality", "canton", "parish"})


def _unit_before(text: str, tokens: list[Token], first: int) -> str | None:
    """The lower-case unit word of 'province of ' right before token `first`, if any."""
    if first < 2 or tokens[first - 1][2] != "of" or tokens[first - 2][2] not in _UNIT_OF_WORDS:
        return None
    if text[tokens[first - 2][1] : tokens[first][0]] != " of ":
        return None
    return tokens[first - 2][2]


def _prefixed_match(
    text: str, tokens: list[Token], first: int, has_name: Callable[[str], bool]
) -> tuple[int, str, int] | None:
    """One or two capitalised direction words, then a gazetteer name: (last token, the name's
    key, its first token), the longest such name; on a tie the shorter prefix (the name 'West
    Africa' of 'South West Africa')."""
    best: tuple[int, str, int] | None = None
    for width in range(1, MAX_DIRECTION_WORDS + 1):
        name_first = first + width
        if name_first >= len(tokens) or not _is_direction(text, tokens, first, name_first):
            break
        if not _is_capitalised(tokens[name_first][2]):
            break
        found = _longest_match(text, tokens, name_first, has_name)
        if found is not None and (best is None or found[0] > best[0]):
            best = (found[0], found[1], name_first)
    return best


def _only_directions(tokens: list[Token], first: int, last: int) -> bool:
    """A name made of direction words only ('North East', a town in Pennsylvania) yields to a
    direction phrase before a longer name ('North East Texas'); a real name ('West Columbia')
    does not yield to 'West' + 'Columbia City'."""
    return all(tokens[i][2].lower() in DIRECTION_WORDS or tokens[i][2].lower() in _CONNECTORS
               for i in range(first, last + 1))


def _is_direction(text: str, tokens: list[Token], first: int, name_first: int) -> bool:
    """Tokens first..name_first-1 are capitalised direction words, each joined to the next token
    by a space or a hyphen."""
    for index in range(first, name_first):
        word = tokens[index][2]
        if not _is_capitalised(word) or word.lower() not in DIRECTION_WORDS:
            return False
        if not _adjacent(text, tokens, index + 1):
            return False
    return True


def without_lead(candidate: Candidate) -> Candidate:
    """The name alone, without its direction prefix ('Wing' of 'West Wing'), as it is found
    after a direction word that is not joined to it."""
    if not candidate.lead:
        return candidate
    return replace(candidate, start=candidate.start + candidate.lead, text=candidate.name_text,
                   lead=0, title_before=False, after_comma=False, dateline=False)


def span_candidate(text: str, start: int, end: int) -> Candidate:
    """A candidate for a span given from outside (gold mentions, a caller's entity)."""
    tokens = [t for t in _tokens(text) if start <= t[0] and t[1] <= end]
    if not tokens:
        return Candidate(start, end, text[start:end], fold(text[start:end]), False, given=True)
    all_tokens = _tokens(text)
    first = all_tokens.index(tokens[0])
    last = all_tokens.index(tokens[-1])
    found = _candidate(text, all_tokens, first, last, fold(text[start:end]))
    # every context flag as the detector would set it (a field added to Candidate is carried
    # along), over the given span rather than its tokens
    return replace(found, start=start, end=end, text=text[start:end],
                   dotted=found.dotted or "." in text[start:end], given=True)


# 'the Nagorno-Karabakh Republic (NKR)': an acronym the article defines for a name it found
_DEFINED = re.compile(r"\s*\(([A-Z]{2,6})\)")
_INITIAL_SKIP = frozenset({"of", "the", "and"})


def defined_acronyms(text: str, candidates: Sequence[Candidate]) -> list[tuple[int, Candidate]]:
    """The article's uses of an acronym it defines in brackets after a found name
    ('Donetsk People's Republic (DPR)', 'the Nagorno-Karabakh Republic (NKR)', 'Democratic
    Republic of Congo (DRC)'): (index of the defining candidate, the use's candidate, keyed as
    the definition). The acronym must spell the name's initials, so 'Syria (ISIS)' defines
    nothing. Uses before the definition count too (one sense per article: a report may define
    it in a later paragraph), and so does the bracketed definition; a use another candidate
    covers is left to it."""
    taken = [(c.start, c.end) for c in candidates]
    found: list[tuple[int, Candidate]] = []
    for index, candidate in enumerate(candidates):
        definition = _DEFINED.match(text, candidate.end)
        if definition is None or definition.group(1) != _initials(candidate.name_text):
            continue
        acronym = definition.group(1)
        for use in re.finditer(rf"\b{acronym}\b", text):
            start, end = use.start(), use.end()
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            found.append((index, replace(span_candidate(text, start, end), key=candidate.key,
                                         given=False)))
    return found


def _initials(name: str) -> str:
    words = re.split(r"[\s\-]+", name)
    return "".join(w[0].upper() for w in words if w and w.lower() not in _INITIAL_SKIP)

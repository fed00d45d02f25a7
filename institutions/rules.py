"""Which directory entries are campuses, and which are universities.

The academic-domain lists also hold secondary schools, school districts and companies
(a training firm with a student email domain). None of them is a campus where students
can pledge, so the import keeps them out of search by this rule:

1. A name naming a secondary or primary school is not a campus: "high school",
   "secondary school", "middle school", "elementary", "primary school", "grammar
   school", "prep(aratory) school", "charter school", "K-12", and the same in other
   languages ("gymnasium", "lycée", "liceum", "lisesi", "Realschule", "SMA", …).
   "Higher School of Economics" is not one of them (the words must match exactly).
   The name shown decides; another name of the same entry only when no name says
   university (Galatasaray University shares its domain with Galatasaray Lisesi).
   A name ending in "school(s)" or "-schule" is a school too, unless it says what it
   teaches ("London Business School", "Hochschule") or names higher education
   ("Asian School of Management" does not end in "school"; "X College School" says
   college).
2. A name naming a school district or board is not a campus: "school district",
   "ISD" (independent school district), "public schools", "county schools", "city
   schools", "school board", "board of education".
3. A domain of a school network is not a campus unless a name says it is higher
   education: a "k12" label (lausd.k12.ca.us), a "sch" second level (x.sch.uk), a label
   ending in "isd" (friscoisd.org) or a "usd" number (usd259.org).
4. A company is not a campus: a name ending in a company form (Inc, LLC, Ltd, Limited,
   GmbH, Pvt, Corp) with no word of higher education in any name ("Control Data
   Training GmbH" is out; "IU Internationale Hochschule GmbH" stays).

Staff can show an entry the rule hides, or hide one it shows, from the admin; the
import never overrides them (Institution.listing).
"""

import re

from institutions.terms import fold

_SCHOOL = re.compile(
    r"\b(high school|highschool|high sch|senior high|junior high|secondary school"
    r"|middle school|elementary|primary school|grammar school|preparatory school|prep school"
    r"|charter school|k 12|gymnasium|gymnasiet|gimnazjum|gimnazija|gimnazium|lycee"
    r"|liceum|liceul|lisesi|ortaokulu|zespol szkol|osnovna skola|srednja skola"
    r"|sekolah menengah|smk|sma|smp|escola secundaria|\w*(mittel|real|grund|gesamt|ober)schule)\b"
)
# "Southridge School", "Carl Benz Schule": a school's name, unless it says what it teaches
# ("London Business School") or a word of higher education is in it.
_SCHOOL_ENDING = re.compile(r"\b(schools?|\w*schule)$")
_FACULTY_SCHOOL = re.compile(
    r"\b(business|law|medical|medicine|graduate|divinity|film|arts?|design|drama|music"
    r"|nursing|dental|management|engineering|theological|theology|veterinary|journalism"
    r"|hotel|pharmacy|economics|technical|aviation|language|languages|health|government"
    r"|policy|architecture|dance|ballet|acting|culinary|bible|hoch|fach)\s*(schools?|schule)$"
)
_DISTRICT = re.compile(
    r"\b(school district|school dist|isd|public schools|county schools|city schools"
    r"|school board|board of education|unified school)\b"
)
_COMPANY = re.compile(r"\b(inc|llc|ltd|limited|gmbh|pvt|corp|pty)$")
_HIGHER_EDUCATION = re.compile(
    r"universi|univerz|uniwersytet|egyetem|hochschule|college|kolleg|polytechn|institut"
    r"|akadem|academ|seminary|conservato|faculty|fakult|ecole superieure|escuela superior"
)
_UNIVERSITY = re.compile(r"universi|univerz|uniwersytet|egyetem|daigaku|大学|대학교")
_SCHOOL_NETWORK_LABEL = re.compile(r"^(k12|.+isd|usd\d+)$")


def is_campus(*, names: list[str], domains: list[str], folded: bool = False) -> bool:
    """False for a secondary school, a school district or a company (module docstring).
    `folded`: the names are already folded (institutions.terms.fold)."""
    folded = names if folded else [fold(name) for name in names]
    school = [bool(_SCHOOL.search(name) or _DISTRICT.search(name)) for name in folded]
    # The name shown decides; another name (a high school sharing the domain of the
    # university it belongs to) only when no name says university.
    if school[:1] == [True] or (any(school) and not is_university(folded, folded=True)):
        return False
    higher_education = any(_HIGHER_EDUCATION.search(name) for name in folded)
    if _ends_as_a_school(folded, higher_education=higher_education):
        return False
    if any(_COMPANY.search(name) for name in folded) and not higher_education:
        return False
    # An "academy" on a k12 domain is a school; a college there is still a college.
    return not any(_is_school_network(domain) for domain in domains) or any(
        _UNIVERSITY.search(name) or "college" in name for name in folded
    )


def _ends_as_a_school(folded: list[str], *, higher_education: bool) -> bool:
    schools = [
        bool(_SCHOOL_ENDING.search(name) and not _FACULTY_SCHOOL.search(name)) for name in folded
    ]
    shown_is_school = schools[:1] == [True] and not _HIGHER_EDUCATION.search(folded[0])
    return shown_is_school or (any(schools) and not higher_education)


def _is_school_network(domain: str) -> bool:
    labels = domain.split(".")
    if len(labels) >= 3 and labels[-2] == "sch":
        return True
    return any(_SCHOOL_NETWORK_LABEL.match(label) for label in labels[:-1])


def is_university(names: list[str], *, folded: bool = False) -> bool:
    return any(_UNIVERSITY.search(name if folded else fold(name)) for name in names)

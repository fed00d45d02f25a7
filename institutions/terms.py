"""How names and queries are folded into search terms (shared by indexing and searching)."""

import re
import unicodedata

TERM_MAX_LENGTH = 100
TYPO_MIN_LENGTH = 4  # shorter words are not corrected: "ucl" is not a typo of "ucla"
WORDS_PER_NAME = 12  # a 600-character "name" is an address pasted into a list, not a name
_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Lowercase, accents removed, punctuation as single spaces: 'Université Lyon-2' ->
    'universite lyon 2'. Scripts without case or accents (中文, 한국어) pass through."""
    if text.isascii():  # most names: no accents to strip, nothing to recompose
        return _NOT_WORD.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    # Recompose what was not an accent (Hangul syllables decompose into letters too).
    stripped = unicodedata.normalize("NFKC", stripped)
    return _NOT_WORD.sub(" ", stripped.casefold()).strip()


def terms_for_name(name: str) -> list[str]:
    """'University of Cambridge' -> ['university of cambridge', 'of cambridge', 'cambridge']."""
    words = fold(name).split()[:WORDS_PER_NAME]
    return [" ".join(words[i:])[:TERM_MAX_LENGTH].strip() for i in range(len(words))]


def domain_from_query(query: str) -> str:
    """'Someone@Cam.ac.uk ' -> 'cam.ac.uk'; '' when the query does not look like a domain."""
    candidate = query.strip().lower().rsplit("@", 1)[-1].strip(".")
    if "." not in candidate or not re.fullmatch(r"[a-z0-9.-]+", candidate):
        return ""
    return candidate


def parent_domains(domain: str) -> list[str]:
    """'dept.cam.ac.uk' -> ['dept.cam.ac.uk', 'cam.ac.uk', 'ac.uk'] (never a bare TLD)."""
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


def trigrams(word: str) -> set[str]:
    """The trigrams pg_trgm takes from one word: "cat" -> {"  c", " ca", "cat", "at "}."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """pg_trgm's similarity(): shared trigrams over all trigrams of the two words."""
    first, second = trigrams(a), trigrams(b)
    return len(first & second) / len(first | second)


def edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) that turn a into b."""
    previous, current = None, list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j, other in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            if before and i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                current[j] = min(current[j], before[j - 2] + 1)
    return current[-1]

"""URL converters: `<id:name>` is a database id, so one too large for the database is a 404.

Django's `<int:...>` takes any length of digits, and an id beyond the database's integer
range makes the query itself fail (OverflowError on SQLite, an out-of-range error on
PostgreSQL): a 500 for a mistyped or hostile URL. Ids here are 64-bit (BigAutoField).
"""

from django.urls import register_converter

MAX_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("larger than any database id")  # the URL does not match: 404
        return number

    def to_url(self, value) -> str:
        return str(int(value))


def register() -> None:
    register_converter(IdConverter, "id")

# Django's English formats, with dates written day first ("18 September 2019"): the
# campaign reads in many countries, and a day-first date with the month spelt out is
# read the same way everywhere.
from django.conf.locale.en.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"

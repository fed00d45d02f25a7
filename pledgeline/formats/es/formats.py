# Django's Spanish formats, except numbers: students in the US and Mexico write 3,000 and
# 2.5, and a count read as "3.000" looks like three.
from django.conf.locale.es.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

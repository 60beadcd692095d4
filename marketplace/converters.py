"""URL converters.

`id` accepts only what fits a 64-bit primary key: a longer number would reach
the database and overflow there instead of answering "not found".
"""

from django.urls import register_converter
from django.urls.converters import IntConverter


class IdConverter(IntConverter):
    regex = "[1-9][0-9]{0,17}"


register_converter(IdConverter, "id")

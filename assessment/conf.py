"""Settings of the self-assessment, one function per setting (defaults in `config/settings/base.py`)."""

from django.conf import settings


def min_group_size() -> int:
    """The fewest assessments a comparison or a barometer figure is built from, so no association can be singled
    out (10 by default)."""
    return int(settings.ASSESSMENT_MIN_GROUP_SIZE)


def weak_axis_threshold() -> int:
    """Axes scoring below this (out of 100) get recommendations."""
    return int(settings.ASSESSMENT_WEAK_AXIS_BELOW)


def max_weak_axes() -> int:
    return int(settings.ASSESSMENT_MAX_WEAK_AXES)


def language_code() -> str:
    return settings.LANGUAGE_CODE

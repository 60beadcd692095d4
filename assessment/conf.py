"""Settings of the self-assessment, each with a default that suits the platform."""

from django.conf import settings


def min_group_size() -> int:
    """The fewest assessments a comparison or a barometer figure is built from, so no association can be singled
    out (10 by default)."""
    return int(getattr(settings, "ASSESSMENT_MIN_GROUP_SIZE", 10))


def weak_axis_threshold() -> int:
    """Axes scoring below this (out of 100) get recommendations."""
    return int(getattr(settings, "ASSESSMENT_WEAK_AXIS_BELOW", 70))


def max_weak_axes() -> int:
    return int(getattr(settings, "ASSESSMENT_MAX_WEAK_AXES", 3))

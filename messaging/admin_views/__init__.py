"""Staff screens of messaging in the Wagtail admin: reports, moderation decisions, suspensions."""

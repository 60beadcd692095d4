"""Staff screens of the Wagtail admin that are more than a model listing: the verification queue.

Registered by `marketplace/wagtail_hooks.py`; every URL here sits behind
Wagtail's admin access check and, on top of it, requires `is_staff`.
"""

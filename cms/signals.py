"""Keep what is cached from the page tree in step with it."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .navigation import site_menus_forget


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def forget_menus_on_page_change(sender, **kwargs):
    site_menus_forget()


@receiver(post_delete)
def forget_menus_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        site_menus_forget()

"""RSS and Atom feeds of the resource centre's latest articles, served under the index page."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

FEED_ITEMS = 20


class ResourceRssFeed(Feed):
    def __init__(self, index):
        super().__init__()
        self.index = index

    def title(self):
        return f"{self.index.title} · Passerelle"

    def link(self):
        return self.index.full_url

    def description(self):
        return self.index.search_description or self.index.intro

    def items(self):
        return self.index.articles()[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.full_url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [theme.label for theme in item.themes.all()]


class ResourceAtomFeed(ResourceRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()

"""URL modules of the pages the search engine serves; `config.urls` mounts them."""

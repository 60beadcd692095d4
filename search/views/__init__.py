"""Pages served by the search engine: the directory, the project board, matches and inviting from them."""

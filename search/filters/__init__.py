"""Query-string parameters of the lists the search engine serves: the provider directory and the project board."""

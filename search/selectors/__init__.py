"""Every read the search engine serves: the directory, the project board, the matches."""

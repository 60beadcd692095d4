"""Search's writes: the providers' saved searches and the alerts they send."""

"""The core's URL modules, one per area; `config.urls` mounts each under its prefix and namespace."""

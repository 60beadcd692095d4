"""Demo data for laptops, reviews and screenshots: `manage.py seed_demo`.

`data` holds the static French data and the documented demo logins (importable
without a database); `seeders` holds the registry of every package's seeder and
the core's own; one module per package seeds that package through its services.
Product code never imports this app.
"""

"""Demo data for laptops, reviews and screenshots: `manage.py seed_demo`.

`data` holds the static French data and the documented demo logins (importable
without a database); `seeders` holds the registry that lets every package add
its part of the demo, and the core's own seeder.
"""

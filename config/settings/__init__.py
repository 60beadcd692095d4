"""Settings profiles: `base` (embedded default), `test`, `production`.

Each integration reads its own environment variables in a small module so that
one can see at a glance what a deployment may configure.
"""

"""Billing's write operations, one transaction each."""

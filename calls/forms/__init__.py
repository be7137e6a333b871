"""Validation of the organisers' and chairs' forms; no writes here."""

"""Entities: named people, organisations and places, one canonical entity per real-world thing."""

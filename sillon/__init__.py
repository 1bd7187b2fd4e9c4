"""Sillon: monitoring and evaluation for support structures of social entrepreneurship."""

"""The indicator catalogue of docs/spec/indicators.md: ids, units and labels, and periods.

Kept apart from the computation (the indicators app) so that lower apps, such as the
targets of outcomes, can name indicators without importing the engine.
"""

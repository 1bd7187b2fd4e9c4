"""Official code lists: NACE-BEL activities, KBO legal forms, joint committees and
enterprise numbers. Validated, normalised and labelled here, for every app.

The lists themselves come from the `bce-codes-to-label` and `python-stdnum`
packages; this package adds only what they lack: the division-to-section table of
each NACE version, legal-form families, and search.
"""

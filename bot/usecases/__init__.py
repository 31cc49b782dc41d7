"""Use cases: one unit of work each, over one user's diary in one transaction.

Each takes a `Unit` (opened in one place, `Units.open`), owns every write it makes
to storage, and returns a plain result from `results` that a renderer in
`bot.talk` turns into words. Use cases never word anything themselves.
"""

"""Talk: pure renderers from use-case results to a `Reply`.

Every word comes from the catalogue (`catalogue.texts`), every name from
`bot.vocab`; every button from the typed codec in `buttons`. Nothing here reads or
writes storage.
"""

"""What use cases return: plain values, one module per area, for renderers to word.

No ORM rows and no words here: a result says what happened, `bot.talk` says it.
"""

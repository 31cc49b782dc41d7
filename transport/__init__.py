"""How updates reach the bot: the durable intake queue and the webhook server.

Knows Telegram and storage, not the core's use cases.
"""

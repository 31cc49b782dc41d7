"""The dashboard: a Telegram Mini App over the core's use cases (a third front end,
beside the chat handlers and the console), served by tornado."""

"""The composition root: the only package that knows storage, core, handlers and
transport at once (`app` wires the Telegram application, `cli` is `charley ...`)."""

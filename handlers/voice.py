"""Voice notes: fetch the audio, let the core listen, answer like a typed message.

The Bot API tells the length and size before we fetch anything, so notes we would
refuse anyway (over a minute, over getFile's 20 MB) are refused without a download.
Listening happens in the core's worker processes (`bot.voice.Listener`), never on
this event loop.
"""

from __future__ import annotations

import warnings
from datetime import timedelta

from telegram import Update, Voice
from telegram.constants import ChatAction
from telegram.error import BadRequest, InvalidToken
from telegram.ext import Application, MessageHandler, filters
from telegram.warnings import PTBDeprecationWarning

from bot.voice import MAX_BYTES, MAX_SECONDS

from .common import Context, answer, incoming, router, send


async def on_voice(update: Update, context: Context) -> None:
    message = update.effective_message
    assert message is not None and message.voice is not None
    voice = message.voice
    talk = router(context)
    note = incoming(update, "", source="voice")
    if seconds(voice) > MAX_SECONDS:
        await send(update, context, await talk.voice_refused(note, "too_long"))
        return
    if voice.file_size is not None and voice.file_size > MAX_BYTES:
        await send(update, context, await talk.voice_refused(note, "too_big"))
        return
    await context.bot.send_chat_action(message.chat_id, ChatAction.TYPING)
    try:
        file = await voice.get_file()
        audio = bytes(await file.download_as_bytearray())
    except (BadRequest, InvalidToken):  # gone from Telegram (ptb reports a 404 as InvalidToken)
        await send(update, context, await talk.voice_refused(note, "unreadable"))
        return  # network errors are raised instead: the inbox tries the note again
    await answer(update, context, talk.on_voice(note, audio))


def seconds(voice: Voice) -> float:
    """The note's length: an int in ptb 22, a timedelta in later versions (or opted in)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        duration = voice.duration
    return duration.total_seconds() if isinstance(duration, timedelta) else float(duration)


def register(application: Application) -> None:
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.VOICE, on_voice))

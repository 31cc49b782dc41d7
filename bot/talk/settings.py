"""Words for the greeting, /help, the time zone, /forget and voice notes."""

from __future__ import annotations

from .. import buttons as b
from ..commands import COMMANDS
from ..languages import LANGUAGES
from ..replies import Button, Reply
from ..usecases.results.settings import (
    Forgotten,
    LanguageSet,
    Started,
    ZoneSet,
    ZoneShown,
    ZoneUnknown,
)
from ..zones import is_fixed
from ..zones import zone as tzinfo_of
from .catalogue import Texts
from .common import Speech
from .logging import tap_to_log

ZONE_CHOICES = ("Europe/London", "Europe/Berlin", "America/New_York", "America/Chicago",
                "America/Los_Angeles", "Australia/Sydney")


def help_text(t: Texts) -> str:
    lines = [t("help.examples"), "", t("help.commands")]
    lines += [t("help.line", name=c.name, text=t(f"command_help.{c.name}")) for c in COMMANDS if c.in_help]
    return "\n".join(lines) + "\n\n" + t("common.not_a_doctor")


def help_reply(s: Speech) -> Reply:
    return Reply(help_text(s.t))


def menu(t: Texts) -> list[tuple[str, str]]:
    """(command, description) for Telegram's command menu."""
    return [(c.name, t(f"command.{c.name}")) for c in COMMANDS]


def started(s: Speech, r: Started) -> Reply:
    t = s.t
    hello = t("start.hello_named", name=r.first_name) if r.first_name else t("start.hello")
    text = t("start.intro", hello=hello, not_a_doctor=t("common.not_a_doctor"))
    language = [Button(t("language.button"), b.ChooseLanguage().pack())]
    if r.has_zone:
        return Reply(text + "\n\n" + t("start.zone_known", zone=r.tz_name), buttons=[language])
    buttons = [[Button(z.split("/")[-1].replace("_", " "), b.SetZone(z).pack())
                for z in ZONE_CHOICES[i:i + 3]] for i in (0, 3)]
    buttons.append([Button(t("start.keep_zone", zone=r.tz_name), b.SetZone(r.tz_name).pack())])
    buttons.append(language)
    return Reply(text + "\n\n" + t("start.ask_zone"), buttons=buttons)


def language_menu(s: Speech, pressed: bool = False) -> Reply:
    """/language: each language named in itself."""
    row = [Button(name, b.SetLanguage(code).pack()) for code, name in LANGUAGES.items()]
    return Reply(s.t("language.choose"), buttons=[row[:3], row[3:]], edit=pressed)


def language_set(s: Speech, r: LanguageSet) -> Reply:
    """Said in the language just chosen (`s` speaks it)."""
    return Reply(s.t("language.set", name=LANGUAGES[r.language]), edit=True)


def zone(s: Speech, r: ZoneSet | ZoneShown | ZoneUnknown) -> Reply:
    t = s.t
    if isinstance(r, ZoneShown):
        return Reply(t("zone.shown", zone=r.tz_name))
    if isinstance(r, ZoneUnknown):
        return Reply(t("zone.unknown", query=r.query[:60]))
    note = t("zone.fixed_offset") if is_fixed(r.tz_name) else ""
    local = s.pattern(s.now.astimezone(tzinfo_of(r.tz_name)), "today")
    text = t("zone.set", zone=r.tz_name, note=note, local=local)
    if not r.first:
        return Reply(text)
    from .reminders import setup_start_button

    parts = [text, t("zone.checkin_started") if r.checkin_started else "", t("zone.offer_setup")]
    return Reply("\n\n".join(p for p in parts if p), buttons=[[setup_start_button(t)]])


def forget_ask(s: Speech) -> Reply:
    t = s.t
    return Reply(t("forget.ask"), buttons=[[Button(t("forget.yes"), b.ForgetYes().pack()),
                                            Button(t("forget.no"), b.ForgetNo().pack())]])


def forgotten(s: Speech, _r: Forgotten) -> Reply:
    return Reply(s.t("forget.done"), edit=True)


def forget_kept(s: Speech) -> Reply:
    return Reply(s.t("forget.kept"), edit=True)


VOICE_PROBLEMS = ("too_long", "too_big", "empty", "unreadable", "language")


def voice_refused(s: Speech, problem: str) -> Reply:
    """A note we will not listen to (too long, too big, silent, broken): say why."""
    problem = problem if problem in VOICE_PROBLEMS else "unreadable"
    return Reply(s.t(f"voice.{problem}"),
                 buttons=tap_to_log(s.t) if problem in ("empty", "unreadable") else [])


def voice_unsure(s: Speech, heard: str) -> Reply:
    text = s.t("voice.unsure", text=heard) if heard else s.t("voice.no_words")
    return Reply(text, buttons=tap_to_log(s.t))


def voice_heard(s: Speech, heard: str, reply: Reply) -> Reply:
    reply.text = s.t("voice.heard", text=heard) + "\n" + reply.text
    return reply


def cannot_listen(s: Speech) -> Reply:
    return Reply(s.t("voice.cannot_listen"))


def why(s: Speech, keys: list[str]) -> Reply:
    """ "Why?": where the advice shown comes from."""
    t = s.t
    return Reply("\n".join([t("common.why_header"), *(f"• {t(f'source.{k}')}" for k in keys)])
                 + "\n\n" + t("common.not_a_doctor"))

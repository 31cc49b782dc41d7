"""The conversation core without Telegram, on both databases (what `charley chat` uses)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.router import Incoming, Router

LONDON = ZoneInfo("Europe/London")
MORNING = datetime(2026, 11, 25, 8, 10, tzinfo=LONDON)



def msg(text: str, at: datetime = MORNING, user: int = 1, message_id: int | None = None):
    return Incoming(user_id=user, text=text, sent_at=at, chat_id=user if message_id else None,
                    message_id=message_id)


async def test_red_flag_advice_leads_the_reply(talk: Router) -> None:
    reply = await talk.on_text(msg("calf cramp and now my calf is swollen and hot"))
    assert reply.text.startswith("⚠️") and "blood clot" in reply.text
    assert "Logged: Calf" in reply.text  # and the entry is still stored


async def test_chest_pain_says_call_emergency_services_first(talk: Router) -> None:
    reply = await talk.on_text(msg("calf cramp and chest pain"))
    assert reply.text.startswith("⚠️") and "emergency services" in reply.text.split("\n")[0]


async def test_replies_are_silent_at_night_only(talk: Router) -> None:
    night = await talk.on_text(msg("calf cramp", datetime(2026, 11, 25, 3, 0, tzinfo=LONDON)))
    day = await talk.on_text(msg("calf cramp", datetime(2026, 11, 25, 9, 0, tzinfo=LONDON)))
    late = await talk.on_text(msg("took my K2", datetime(2026, 11, 25, 22, 5, tzinfo=LONDON)))
    assert (night.silent, day.silent, late.silent) == (True, False, True)


async def test_no_cramps_counts_as_a_cramp_free_night_in_the_recap(talk: Router) -> None:
    await talk.on_text(msg("no cramps last night"))
    reply = await talk.week(1, MORNING)
    assert "0 cramps, 1 night without" in reply.text


async def test_timezone_by_city_and_unknown_zone(talk: Router) -> None:
    ok = await talk.timezone(1, "new york", MORNING)
    assert "America/New_York" in ok.text and "03:10" in ok.text
    bad = await talk.timezone(1, "Atlantis", MORNING)
    assert "don't know" in bad.text
    assert "America/New_York" in (await talk.timezone(1, "", MORNING)).text


async def test_forged_buttons_get_the_expired_answer_and_change_nothing(talk: Router) -> None:
    logged = await talk.on_text(msg("left calf cramp 3 min", message_id=7))
    before = (await talk.export(1, MORNING)).document
    for data in ("undo:abc", "m:1:elbow", "yes:9999999999:x:-:-", "zzz", "", "why:nothing",
                 "undo:" + "9" * 40, "undo:²", "m:١:calf", "r:t:x", "tr:p:vitamin_k2:1:2:3",
                 "su:st:magnesium:2500", "bt:maybe:0", "m:1:calf:extra"):
        reply = await talk.on_button(1, data, MORNING)
        assert reply.text == "Sorry, that button has expired.", data
    for data in ("m:99999:calf", "undo:99999"):  # well formed, but no such entry of theirs
        assert "no longer" in (await talk.on_button(1, data, MORNING)).text or \
            "already removed" in (await talk.on_button(1, data, MORNING)).text
    unknown = await talk.on_button(1, "tz:Not/AZone", MORNING)
    assert "don't know the time zone" in unknown.text
    after = (await talk.export(1, MORNING)).document
    assert logged.text.startswith("Logged") and before is not None and after is not None
    assert after.content == before.content  # the diary is as it was


async def test_confirming_an_unsure_cramp_stores_it_once(talk: Router) -> None:
    asked = await talk.on_text(msg("ouch, my leg"))
    yes = asked.buttons[0][0].data
    first = await talk.on_button(1, yes, MORNING, chat_id=1, message_id=55)
    second = await talk.on_button(1, yes, MORNING, chat_id=1, message_id=55)
    assert first.text.startswith("Logged") and second.text.startswith("Already noted")
    export = await talk.export(1, MORNING)
    assert export.document is not None
    assert export.document.content.decode().count("\ncramp,") == 1


async def test_no_command_or_button_of_one_user_reaches_anothers_data(talk: Router) -> None:
    """Alice's ids, forged into every kind of button by Bob, change nothing of hers."""
    from datetime import timedelta

    alice, bob = 31, 32
    await talk.timezone(alice, "Europe/London", MORNING)
    await talk.timezone(bob, "Europe/London", MORNING)
    logged = await talk.on_text(msg("left calf cramp 3 min", user=alice, message_id=5))
    entry_id = logged.buttons[-1][0].data.split(":")[1]
    await talk.remind(alice, "stretch 22:00", MORNING)
    await talk.trial(alice, "magnesium 3 14", MORNING)
    out = await talk.tick(MORNING + timedelta(days=1))
    occurrence = next(o.occurrence_id for o in out if o.chat_id == alice)
    reminder_ids = [b.data.split(":")[2] for row in (await talk.reminders(alice)).buttons
                    for b in row if b.data.startswith("rm:d:")]
    forged = [f"undo:{entry_id}", f"m:{entry_id}:foot", f"r:t:{occurrence}", f"r:s:{occurrence}",
              f"r:z:{occurrence}", f"c:n:{occurrence}", f"c:v:{occurrence}:calf:7"]
    for rid in reminder_ids:
        forged += [f"rm:d:{rid}", f"rm:p:{rid}", f"rm:t:{rid}:0600", f"bt:ok:{rid}"]
    forged += ["tr:xx", "fg:yes"]
    for data in forged:
        await talk.on_button(bob, data, MORNING)
    alices_csv = (await talk.export(alice, MORNING)).document
    assert alices_csv is not None and "left calf cramp 3 min" in alices_csv.content.decode()
    assert ",calf," in alices_csv.content.decode() and ",foot," not in alices_csv.content.decode()
    listing = await talk.reminders(alice)
    assert "Stretches at 22:00" in listing.text and "paused" not in listing.text
    assert "run-in" in (await talk.trial(alice, "", MORNING)).text
    bobs_csv = (await talk.export(bob, MORNING)).document
    assert bobs_csv is not None and len(bobs_csv.content.decode().splitlines()) == 1
    assert "nothing logged" in (await talk.week(bob, MORNING)).text
    assert "There is nothing to undo" in (await talk.undo(bob, MORNING)).text


async def test_an_edit_follows_the_new_text(talk: Router) -> None:
    first = await talk.on_text(msg("left calf cramp 3 min", message_id=40))
    assert "3 min" in first.text
    edited = await talk.on_edit(msg("two cramps right foot 5 min", message_id=40))
    assert edited.text.startswith("Updated: ") and "Right foot" in edited.text and "5 min" in edited.text
    unreadable = await talk.on_edit(msg("hmm", message_id=40))
    assert "kept what I had" in unreadable.text
    fresh = await talk.on_edit(msg("right calf cramp 2 min", message_id=41))  # stored nothing before
    assert fresh.text.startswith("Logged")
    rows = (await talk.export(1, MORNING)).document
    assert rows is not None and len(rows.content.decode().splitlines()) == 3


async def test_csv_export_keeps_formulas_inert(talk: Router) -> None:
    import csv
    import io

    typed = "=HYPERLINK(\"http://x\") calf cramp 3 min"
    assert (await talk.on_text(msg(typed, message_id=50))).text.startswith("Logged")
    document = (await talk.export(1, MORNING)).document
    assert document is not None
    [row] = list(csv.DictReader(io.StringIO(document.content.decode())))
    assert row["text"] == "'" + typed
    as_json = (await talk.export(1, MORNING, "json")).document
    assert as_json is not None and '"=HYPERLINK' in as_json.content.decode()

"""/diary: look back a page at a time and fix any field of an entry, on both databases."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.replies import Reply
from bot.router import Incoming, Router

LONDON = ZoneInfo("Europe/London")
MORNING = datetime(2026, 11, 25, 8, 10, tzinfo=LONDON)



async def say(talk: Router, text: str, at: datetime = MORNING, user: int = 1) -> Reply:
    return await talk.on_text(Incoming(user, text, at))


async def press(talk: Router, reply: Reply, label: str, user: int = 1) -> Reply:
    data = next(b.data for row in reply.buttons for b in row if b.label.startswith(label))
    return await talk.on_button(user, data, MORNING)


async def test_diary_pages_newest_first_with_edit_and_delete(talk: Router) -> None:
    for hours in range(7, 0, -1):  # seven cramps, an hour apart
        await say(talk, f"calf cramp {hours} min", MORNING - timedelta(hours=hours))
    first = await talk.command("diary", 1, "", MORNING)
    lines = first.text.splitlines()
    assert lines[0] == "Your diary, newest first:" and len(lines) == 6
    assert "1 min" in lines[1] and "5 min" in lines[5]  # newest first
    assert [b.label for b in first.buttons[0]] == ["✏️ 1", "🗑 1"]
    older = await press(talk, first, "Older")
    assert older.edit and "6 min" in older.text and "7 min" in older.text
    assert [b.label for b in older.buttons[-1]] == ["‹ Newer"]


async def test_every_field_of_a_cramp_can_be_changed_and_undone(talk: Router) -> None:
    await say(talk, "left calf cramp 3 min, bad", MORNING - timedelta(hours=5))
    page = await talk.command("diary", 1, "", MORNING)
    edit = await press(talk, page, "✏️ 1")
    labels = [b.label for row in edit.buttons for b in row]
    assert {"Calf", "Left", "How long", "How bad", "How many", "When", "Undo"} <= set(labels)

    longer = await press(talk, await press(talk, edit, "How long"), "10 min")
    assert longer.text.startswith("Changed: Left calf, 10 min, severe (7/10)")
    undone = await press(talk, longer, "Undo")
    assert "3 min" in undone.text and "10 min" not in undone.text

    milder = await press(talk, await press(talk, edit, "How bad"), "Mild")
    assert "mild (2/10)" in milder.text
    twice = await press(talk, await press(talk, edit, "How many"), "2")
    assert "2 cramps" in twice.text
    earlier = await press(talk, await press(talk, edit, "When"), "−1 h")
    assert "02:10" in earlier.text  # logged for 03:10, moved an hour back
    export = (await talk.export(1, MORNING)).document
    assert export is not None and ",600," not in export.content.decode()  # the undo held
    assert ",2,2," in export.content.decode()  # severity 2, count 2


async def test_delete_from_the_diary_and_bring_it_back(talk: Router) -> None:
    await say(talk, "took my magnesium", MORNING - timedelta(hours=1))
    page = await talk.command("diary", 1, "", MORNING)
    gone = await press(talk, page, "🗑 1")
    assert gone.text.startswith("Removed: Magnesium taken")
    assert "empty" in (await talk.command("diary", 1, "", MORNING)).text
    back = await press(talk, gone, "Undo")
    assert back.text.startswith("Back in your diary: Magnesium taken")
    assert "Magnesium taken" in (await talk.command("diary", 1, "", MORNING)).text


async def test_a_no_cramp_night_reads_as_its_night(talk: Router) -> None:
    reply = await say(talk, "no cramps last night")
    assert "No cramps, night of Tue 24 Nov" in reply.text


async def test_no_one_edits_another_users_entry(talk: Router) -> None:
    await say(talk, "left calf cramp 3 min", user=1)
    page = await talk.command("diary", 1, "", MORNING)
    entry = next(b.data for row in page.buttons for b in row if b.data.startswith("fix:")).split(":")[1]
    for data in (f"dy:d:{entry}:600", f"dy:x:{entry}", f"dy:t:{entry}:-60", f"dy:e:{entry}:severity",
                 f"dy:u:{entry}:duration_s:900", f"dy:r:{entry}"):
        reply = await talk.on_button(2, data, MORNING)
        assert "3 min" not in reply.text and "calf" not in reply.text.lower()
    export = (await talk.export(1, MORNING)).document
    assert export is not None and ",180," in export.content.decode()


async def test_impossible_values_are_refused(talk: Router) -> None:
    await say(talk, "left calf cramp 3 min", MORNING - timedelta(minutes=30))
    page = await talk.command("diary", 1, "", MORNING)
    entry = next(b.data for row in page.buttons for b in row if b.data.startswith("fix:")).split(":")[1]
    for data in (f"dy:u:{entry}:at:99999999999", f"dy:u:{entry}:severity:11",
                 f"dy:u:{entry}:muscle:elbow", f"dy:d:{entry}:7"):
        reply = await talk.on_button(1, data, MORNING)
        assert reply.text == "Sorry, that button has expired.", data
    later = await talk.on_button(1, f"dy:t:{entry}:30", MORNING)  # 07:40 -> 08:10, now
    again = await talk.on_button(1, f"dy:t:{entry}:30", MORNING)  # never into the future
    assert "08:10" in later.text and "08:10" in again.text and "08:40" not in again.text


async def test_what_did_i_log_shows_the_diary(talk: Router) -> None:
    await say(talk, "left calf cramp 3 min", MORNING - timedelta(days=1))
    reply = await say(talk, "show me my diary")
    assert reply.text.startswith("Your diary, newest first:")
    assert "Left calf, 3 min" in reply.text


async def test_a_period_asked_for_in_words_shows_only_its_entries(talk: Router) -> None:
    """"what did I log yesterday?" is the diary of yesterday, not the week's recap."""
    await say(talk, "right foot cramp 1 min", MORNING - timedelta(days=9))  # the week before
    await say(talk, "left calf cramp 3 min", MORNING - timedelta(days=1))  # Tue 24 Nov
    await say(talk, "thigh cramp 5 min at 3am", MORNING)  # Wed 25 Nov, last night
    yesterday = await say(talk, "what did I log yesterday?")
    assert yesterday.text.startswith("What you logged yesterday, Tue 24 Nov:")
    assert "Left calf, 3 min" in yesterday.text and "Thigh" not in yesterday.text
    assert len(yesterday.buttons) == 1  # Edit and Delete for its one entry, no paging
    last_night = await say(talk, "show me last night")
    assert "Thigh, 5 min" in last_night.text and "Left calf" not in last_night.text
    last_week = await say(talk, "show last week")  # Mon 16 to Sun 22 Nov
    assert last_week.text.startswith("What you logged last week, Mon 16 Nov to Sun 22 Nov:")
    assert "Right foot, 1 min" in last_week.text and "Left calf" not in last_week.text
    today = await say(talk, "what have I logged today?", MORNING + timedelta(days=2))
    assert today.text == "Nothing logged today yet."
    week = await say(talk, "how was my week?")
    assert week.text.startswith("This week")  # the recap, as before

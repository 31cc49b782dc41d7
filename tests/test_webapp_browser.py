"""The dashboard in a real headless Chromium (Debian's chromium and chromium-driver,
driven by Selenium; nothing is downloaded).

The page loads https://telegram.org/js/telegram-web-app.js as in production; Chromium's
host resolver maps telegram.org to a local HTTPS stand-in (self-signed, certificate
errors ignored for this browser only) that serves `tests/webapp_stub/telegram-web-app.js`,
which reads `#tgWebAppData=…` from the URL hash as the real script does. Every other
host resolves to nothing, and the test checks from Chromium's own log that no request
left for anywhere but the app and the stand-in.

Screenshots of each case are written to `<tmp>/screenshots/` (the path is printed; set
CHARLEY_SCREENSHOTS to a folder to keep them elsewhere).
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from tornado.httpserver import HTTPServer
from tornado.web import Application, RequestHandler

from bot.router import Incoming, Router
from tests.botapi import free_port
from tests.conftest import TOKEN, open_db
from tests.test_webapp import init_data, user_json
from webapp.api import Backend
from webapp.pages import routes

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
HAVE = bool(CHROMIUM and DRIVER and shutil.which("openssl"))
if os.environ.get("CHARLEY_TEST_BROWSER") == "required":  # CI: missing is a failure
    assert HAVE, "CHARLEY_TEST_BROWSER=required, but chromium, chromedriver or openssl is missing"
    from selenium import webdriver
else:
    webdriver = pytest.importorskip("selenium.webdriver")
pytestmark = pytest.mark.skipif(not HAVE, reason="needs chromium, chromium-driver and openssl "
                                                 "(apt-get install chromium chromium-driver)")
STUB = Path(__file__).with_name("webapp_stub") / "telegram-web-app.js"
USER_ID = 5151
THEME = {"bg_color": "#ffffff", "text_color": "#000000", "hint_color": "#707579",
         "link_color": "#2481cc", "button_color": "#2481cc", "button_text_color": "#ffffff",
         "secondary_bg_color": "#f1f1f1"}


class _Script(RequestHandler):
    def get(self) -> None:
        self.set_header("Content-Type", "text/javascript; charset=utf-8")
        self.finish(STUB.read_bytes())


class Stage:
    """The app (plain HTTP) and the telegram.org stand-in (HTTPS), in one thread's loop."""

    def __init__(self, db_url: str, workdir: Path) -> None:
        self.loop = asyncio.new_event_loop()
        self.port, self.tls_port = free_port(), free_port()
        cert, key = workdir / "cert.pem", workdir / "key.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=telegram.org", "-keyout", str(key), "-out", str(cert)],
                       check=True, capture_output=True)
        self.tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.tls.load_cert_chain(cert, key)
        self.db_url = db_url
        self.started = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        assert self.started.wait(30), "the app did not start"

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_until_complete(self._start())
        self.started.set()
        self.loop.run_forever()

    async def _start(self) -> None:
        self._db = open_db(self.db_url)
        db = await self._db.__aenter__()
        self.talk = Router(db, "UTC")
        backend = Backend(TOKEN, lambda: self.talk.units,
                          bot_link=lambda: "https://t.me/charley_test_bot")
        self.app = HTTPServer(Application(routes(backend)))
        self.app.listen(self.port, address="127.0.0.1")
        self.script = HTTPServer(Application([(r"/js/telegram-web-app.js", _Script)]),
                                 ssl_options=self.tls)
        self.script.listen(self.tls_port, address="127.0.0.1")

    def run(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(60)

    def stop(self) -> None:
        async def close() -> None:
            self.app.stop()
            self.script.stop()
            await self._db.__aexit__(None, None, None)
        self.run(close())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)

    def url(self, init: str | None, theme: dict[str, str] | None = None) -> str:
        base = f"http://127.0.0.1:{self.port}/app"
        if init is None:
            return base
        return (f"{base}#tgWebAppData={quote(init, safe='')}&tgWebAppVersion=7.10"
                f"&tgWebAppPlatform=android&tgWebAppThemeParams={quote(json.dumps(theme or THEME))}")


@pytest.fixture(scope="module")
def screens(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("CHARLEY_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nwebapp screenshots: {folder}")
    return folder


@pytest.fixture
def stage(tmp_path: Path) -> Iterator[Stage]:
    s = Stage(f"sqlite+aiosqlite:///{tmp_path / 'app.db'}", tmp_path)
    yield s
    s.stop()


@pytest.fixture
def browser(stage: Stage) -> Iterator[Any]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--ignore-certificate-errors", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-default-apps", "--disable-extensions", "--window-size=412,915",
                 f"--host-resolver-rules=MAP telegram.org 127.0.0.1:{stage.tls_port}, "
                 "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(DRIVER))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def requested(driver: Any) -> set[str]:
    """Every URL the page asked for, from Chromium's performance log."""
    urls = set()
    for item in driver.get_log("performance"):
        message = json.loads(item["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.add(message["params"]["request"]["url"])
    return urls


def only_local(driver: Any, stage: Stage) -> None:
    for url in requested(driver):
        assert url.startswith((f"http://127.0.0.1:{stage.port}/", "https://telegram.org/js/",
                               "data:")), url


def wait(driver: Any, condition: str, timeout: float = 20) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(lambda d: d.execute_script(f"return {condition}"))


def shot(driver: Any, folder: Path, name: str) -> None:
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(412, min(max(height + 140, 915), 6000))
    driver.save_screenshot(str(folder / f"{name}.png"))
    driver.set_window_size(412, 915)


def seed(stage: Stage) -> datetime:
    now = datetime.now(UTC)

    async def go() -> None:
        talk = stage.talk
        for days, text in ((1, "left calf cramp 3 min, bad"), (2, "no cramps last night"),
                           (4, "three cramps in my foot"), (9, "calf cramp 2 min"),
                           (10, "no cramps last night")):
            await talk.on_text(Incoming(USER_ID, text, now - timedelta(days=days, hours=1)))
        await talk.on_text(Incoming(USER_ID, "took my magnesium", now - timedelta(days=1)))
        await talk.remind(USER_ID, "magnesium 21:30", now)
    stage.run(go())
    return now


def signed() -> str:
    return init_data({"user": user_json(id=USER_ID, first_name="Ann & Bob+")},
                     auth=datetime.now(UTC))


def open_app(driver: Any, stage: Stage) -> None:
    driver.get(stage.url(signed()))
    wait(driver, "document.body.dataset.ready === '1'")


def test_a_signed_in_user_sees_their_numbers(browser: Any, stage: Stage, screens: Path) -> None:
    now = seed(stage)
    open_app(browser, stage)
    week = stage.run(stage.talk.week(USER_ID, now))
    assert browser.execute_script("return document.getElementById('week').textContent") == week.text
    nights = browser.execute_script(
        "return Array.from(document.querySelectorAll('#calendar g.night')).map("
        "g => [g.dataset.night, g.dataset.cramps, g.textContent])")
    counted = {n: c for n, c, _ in nights if c != ""}
    assert sorted(counted.values()) == ["0", "0", "1", "1", "3"]
    titles = [t for _, _, t in nights]
    assert sum("3 cramps" in t for t in titles) == 1 and sum("no cramps" in t for t in titles) == 2
    bars = browser.execute_script(
        "return Array.from(document.querySelectorAll('#trend g.week')).map(g => +g.dataset.cramps)")
    assert len(bars) == 12 and sum(bars) == 5
    assert browser.execute_script("return window.__tgReady === true")
    entries = browser.execute_script(
        "return Array.from(document.querySelectorAll('#entries > li')).map(li => li.dataset.kind)")
    assert len(entries) == 6 and entries[0] == "supplement"  # newest first
    reminders = browser.find_elements("css selector", "#reminders > li")
    assert len(reminders) == 1 and "21:30" in reminders[0].text
    bg = browser.execute_script(
        "return getComputedStyle(document.documentElement).getPropertyValue('--tg-theme-bg-color')")
    assert bg.strip() == "#ffffff"
    shot(browser, screens, "a-signed-in")
    only_local(browser, stage)


def test_edit_and_delete_reach_the_diary_and_week_agrees(browser: Any, stage: Stage,
                                                         screens: Path) -> None:
    from selenium.webdriver.support.ui import Select

    seed(stage)
    open_app(browser, stage)
    first_cramp = browser.find_element("css selector", "#entries > li[data-kind='cramp']")
    entry_id = int(first_cramp.get_attribute("data-id"))
    first_cramp.find_element("css selector", "button.edit").click()
    Select(first_cramp.find_element("css selector", "select[name='severity']")).select_by_value("9")
    wait(browser, f"document.querySelector(\"li[data-id='{entry_id}'] .note\")?.textContent === 'Saved.'")
    assert "9/10" in first_cramp.find_element("css selector", ".line").text
    rows = stage.run(_severity(stage, entry_id))
    assert rows == 9
    shot(browser, screens, "b-edited")
    three = browser.find_element("css selector", "#entries > li[data-kind='cramp']:nth-of-type(n+2)")
    three_id = int(three.get_attribute("data-id"))
    line = three.find_element("css selector", ".line").text
    three.find_element("css selector", "button.delete").click()
    wait(browser, f"document.querySelector(\"li[data-id='{three_id}'] .undo\") !== null")
    week = stage.run(stage.talk.week(USER_ID, datetime.now(UTC)))
    wait(browser, f"document.getElementById('week').textContent === {json.dumps(week.text)}")
    assert stage.run(_alive(stage, three_id)) is False
    shot(browser, screens, "b-deleted")
    assert line  # the deleted entry was one of the cramps
    reminder = browser.find_element("css selector", "#reminders > li button.delete")
    reminder.click()  # a reminder has no Undo: the first tap asks
    assert reminder.text == "Yes, delete" and stage.run(_reminders(stage)) == 1
    reminder.click()
    wait(browser, "document.querySelector('#reminders > li .flash') !== null")
    assert stage.run(_reminders(stage)) == 0
    only_local(browser, stage)



def test_a_reminder_paused_and_moved_from_the_dashboard(browser: Any, stage: Stage,
                                                       screens: Path) -> None:
    """Pause, then a new time: each is saved, and the item is drawn again as saved."""
    from selenium.webdriver.support.ui import Select

    seed(stage)
    open_app(browser, stage)
    browser.find_element("css selector", "#reminders > li button.pause").click()
    wait(browser, "document.querySelector('#reminders > li .flash') !== null")
    [(paused, at)] = stage.run(_reminder_state(stage))
    assert paused and at == "21:30"
    item = browser.find_element("css selector", "#reminders > li")
    assert item.find_element("css selector", "button.pause").text.startswith("Resume")
    times = Select(item.find_element("css selector", "select[name='time']"))
    choice = next(o.get_attribute("value") for o in times.options if o.get_attribute("value") != "21:30")
    times.select_by_value(choice)
    moved = f"document.querySelector('#reminders > li .line').textContent.includes({json.dumps(choice)})"
    wait(browser, moved)
    assert stage.run(_reminder_state(stage)) == [(True, choice)]  # moved, and still paused
    shot(browser, screens, "c-reminder-moved")
    only_local(browser, stage)


async def _reminder_state(stage: Stage) -> list[tuple[bool, str]]:
    from bot.usecases import reminders

    async with stage.talk.units.open(USER_ID) as u:
        return [(r.paused, r.local_time) for r in (await reminders.list_reminders(u)).reminders]

async def _reminders(stage: Stage) -> int:
    from bot.usecases import reminders

    async with stage.talk.units.open(USER_ID) as u:
        return len((await reminders.list_reminders(u)).reminders)


async def _severity(stage: Stage, entry_id: int) -> int | None:
    from bot.usecases import dashboard

    async with stage.talk.units.open(USER_ID) as u:
        found = await dashboard.entry(u, entry_id)
    return found.severity if found else None


async def _alive(stage: Stage, entry_id: int) -> bool:
    from bot.usecases import dashboard

    async with stage.talk.units.open(USER_ID) as u:
        return await dashboard.entry(u, entry_id) is not None


def test_tampered_data_is_refused(browser: Any, stage: Stage, screens: Path) -> None:
    seed(stage)
    raw = signed().replace(quote(f'"id":{USER_ID}', safe=""), quote('"id":1', safe=""))
    browser.get(stage.url(raw))
    wait(browser, "!document.getElementById('refused').hidden")
    text = browser.find_element("id", "refused").text
    assert "could not check that it is really you" in text
    assert not browser.find_element("id", "dashboard").is_displayed()
    shot(browser, screens, "c-tampered")
    only_local(browser, stage)


def test_outside_telegram_the_page_says_to_open_it_from_the_bot(browser: Any, stage: Stage,
                                                                 screens: Path) -> None:
    browser.get(stage.url(None))
    wait(browser, "!document.getElementById('outside').hidden")
    link = browser.find_element("id", "outside-link")
    assert link.get_attribute("href") == "https://t.me/charley_test_bot"
    assert "open it from the chat with Charley" in browser.find_element("id", "outside").text
    shot(browser, screens, "d-outside-telegram")
    only_local(browser, stage)


def test_200_percent_text_stays_usable(browser: Any, stage: Stage, screens: Path) -> None:
    seed(stage)
    browser.execute_cdp_cmd("Page.enable", {})
    browser.execute_cdp_cmd("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    open_app(browser, stage)
    size = browser.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 36  # 1.125rem of a 32 px default
    first = browser.find_element("css selector", "#entries > li[data-kind='cramp'] button.edit")
    first.click()
    problems = browser.execute_script("""
        const out = [];
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth > width + 1) out.push('page scrolls sideways');
        for (const el of document.querySelectorAll('button, a.button, select, input, summary')) {
          if (el.offsetParent === null) continue;
          const r = el.getBoundingClientRect();
          if (r.height < 44 || r.width < 44) out.push('small: ' + el.outerHTML.slice(0, 60));
          if (r.left < -1 || r.right > width + 1) out.push('cut off: ' + el.outerHTML.slice(0, 60));
        }
        for (const el of document.querySelectorAll('p, li, h1, h2')) {
          if (el.scrollWidth > el.clientWidth + 1) out.push('text cut: ' + el.textContent.slice(0, 40));
        }
        return out;""")
    assert problems == [], "\n".join(problems)
    shot(browser, screens, "e-text-200")
    only_local(browser, stage)

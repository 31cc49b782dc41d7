// The dashboard: reads Telegram's initData, asks the API (Authorization: tma <initData>),
// and shows what it answers. Every word comes from the server (the catalogue); every
// change is saved at once (Android's webview may reload the page at any moment).
"use strict";
(function () {
  var shell = JSON.parse(document.getElementById("shell").textContent);
  var tg = window.Telegram && window.Telegram.WebApp;
  var initData = (tg && tg.initData) || "";
  var $ = function (id) { return document.getElementById(id); };
  var W = {};  // the page's words, from /api/summary
  var choices = {};
  var nextOffset = 0;

  function pick(code) {
    var primary = String(code || "").toLowerCase().split(/[-_]/)[0];
    return shell[primary] ? primary : "en";
  }
  var user = tg && tg.initDataUnsafe && tg.initDataUnsafe.user;
  var S = shell[pick((user && user.language_code) || navigator.language)];
  document.title = S.title;
  $("title").textContent = S.title;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function say(text, cls) {
    var status = $("status");
    status.hidden = !text;
    status.className = cls || "";
    status.textContent = text || "";
  }

  if (!initData) {
    say("");
    $("outside-text").textContent = S.outside;
    $("outside-link").textContent = S.outside_link;
    $("outside").hidden = false;
    return;
  }
  if (tg.ready) tg.ready();
  if (tg.expand) tg.expand();

  function refused() {
    say("");
    $("dashboard").hidden = true;
    $("refused-text").textContent = S.refused;
    $("refused").hidden = false;
  }

  function api(method, path, body) {
    var options = { method: method, headers: { "Authorization": "tma " + initData },
                    cache: "no-store", credentials: "omit" };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(function (r) {
      if (r.status === 401) { refused(); throw new Error("refused"); }
      if (r.status === 429) { say(S.too_many, "error"); throw new Error("busy"); }
      return r.json().then(function (data) { return { ok: r.ok, status: r.status, data: data }; });
    });
  }

  function heading(id, key) { $(id).textContent = W[key]; }

  function showSummary(d) {
    W = d.words;
    document.documentElement.lang = d.language;
    document.title = W.title;
    $("title").textContent = W.title;
    heading("week-h", "this_week");
    $("week").textContent = d.week;
    heading("calendar-h", "calendar");
    $("calendar").innerHTML = d.calendar_svg;
    $("legend").replaceChildren(el("li", {}, W.legend_cramps), el("li", {}, W.legend_free),
                                el("li", {}, W.legend_none));
    $("calendar-more").textContent = W.show_table;
    $("calendar-table").innerHTML = d.calendar_table;
    heading("trend-h", "trend");
    $("trend").innerHTML = d.trend_svg;
    $("trend-more").textContent = W.show_table;
    $("trend-table").innerHTML = d.trend_table;
    heading("adherence-h", "adherence");
    $("adherence").replaceChildren.apply($("adherence"), d.adherence.map(function (line) {
      return el("li", {}, line);
    }));
    heading("trial-h", "trial");
    $("trial").textContent = d.trial.text;
    $("trial-chart").innerHTML = d.trial.svg;
    heading("entries-h", "entries");
    heading("reminders-h", "reminders");
    $("more").textContent = W.more;
  }

  function loadSummary() {
    return api("GET", "/api/summary").then(function (r) {
      if (!r.ok) throw new Error("summary");
      showSummary(r.data);
    });
  }

  function select(field, value) {
    var s = el("select", { name: field });
    (choices[field] || []).forEach(function (c) {
      var o = el("option", { value: String(c.value) }, c.label);
      if (String(c.value) === String(value)) o.selected = true;
      s.appendChild(o);
    });
    if (value === null || value === undefined) {
      var blank = el("option", { value: "" }, "–");
      blank.selected = true; blank.disabled = true;
      s.insertBefore(blank, s.firstChild);
    }
    return s;
  }

  var LABELS = { muscle: "field_muscle", side: "field_side", duration_s: "field_duration",
                 severity: "field_severity", count: "field_count", at: "field_at" };

  function editor(li, entry) {
    var box = el("div", { "class": "editor" });
    entry.editable.forEach(function (field) {
      var label = el("label", {}, W[LABELS[field]]);
      var input = field === "at"
        ? el("input", { type: "datetime-local", name: "at", value: entry.local })
        : select(field, entry.values[field]);
      input.addEventListener("change", function () {
        var value = input.value;
        if (field !== "at" && field !== "muscle" && field !== "side") value = parseInt(value, 10);
        var change = {}; change[field] = value;
        api("PATCH", "/api/entries/" + entry.id, change).then(function (r) {
          if (!r.ok) { flash(li, W.not_saved, "error"); return; }
          entry = r.data.entry;
          li.querySelector(".line").textContent = entry.line;
          flash(li, r.data.said, "flash");
          loadSummary();
        }).catch(function () {});
      });
      label.appendChild(input);
      box.appendChild(label);
    });
    var done = el("button", { type: "button", "class": "quiet" }, W.done);
    done.addEventListener("click", function () { box.remove(); });
    box.appendChild(done);
    return box;
  }

  function flash(li, text, cls) {
    var note = li.querySelector(".note");
    if (!note) { note = el("p", { "class": "note", role: "status" }); li.appendChild(note); }
    note.className = "note " + cls;
    note.textContent = text;
  }

  function entryItem(entry) {
    var li = el("li", { "data-id": String(entry.id), "data-kind": entry.kind });
    li.appendChild(el("p", { "class": "line" }, entry.line));
    var actions = el("div", { "class": "actions" });
    if (entry.editable.length) {
      var edit = el("button", { type: "button", "class": "edit" }, W.edit);
      edit.addEventListener("click", function () {
        var open = li.querySelector(".editor");
        if (open) { open.remove(); return; }
        li.insertBefore(editor(li, entry), actions.nextSibling);
      });
      actions.appendChild(edit);
    }
    var del = el("button", { type: "button", "class": "danger delete" }, W.delete);
    del.addEventListener("click", function () {
      api("DELETE", "/api/entries/" + entry.id).then(function (r) {
        if (!r.ok) { flash(li, W.not_saved, "error"); return; }
        li.replaceChildren(el("p", { "class": "line flash", role: "status" }, r.data.said));
        var undo = el("button", { type: "button", "class": "quiet undo" }, r.data.undo);
        undo.addEventListener("click", function () {
          api("POST", "/api/entries/" + entry.id + "/restore").then(function (back) {
            if (back.ok) li.replaceWith(entryItem(back.data.entry));
            loadSummary();
          }).catch(function () {});
        });
        li.appendChild(undo);
        loadSummary();
      }).catch(function () {});
    });
    actions.appendChild(del);
    li.appendChild(actions);
    return li;
  }

  function loadEntries(append) {
    var offset = append ? nextOffset : 0;
    return api("GET", "/api/entries?offset=" + offset + "&limit=20").then(function (r) {
      if (!r.ok) throw new Error("entries");
      choices = r.data.choices;
      var list = $("entries");
      if (!append) list.replaceChildren();
      r.data.entries.forEach(function (e) { list.appendChild(entryItem(e)); });
      if (!append && !r.data.entries.length) list.appendChild(el("li", {}, W.no_entries));
      nextOffset = r.data.next;
      $("more").hidden = !r.data.more;
    });
  }
  $("more").addEventListener("click", function () { loadEntries(true).catch(function () {}); });

  function reminderItem(r, words) {
    var li = el("li", { "data-id": String(r.id) });
    li.appendChild(el("p", { "class": "line" }, r.line));
    var actions = el("div", { "class": "actions" });
    function change(what) {  // the reminder as saved replaces this item, with what was said
      api("PATCH", "/api/reminders/" + r.id, what).then(function (a) {
        if (!a.ok) { flash(li, W.not_saved, "error"); return; }
        var fresh = reminderItem(a.data.reminder, words);
        li.replaceWith(fresh);
        flash(fresh, a.data.said, "flash");
      }).catch(function () {});
    }
    var toggle = el("button", { type: "button", "class": "quiet pause" }, r.toggle);
    toggle.addEventListener("click", function () { change({ paused: !r.paused }); });
    actions.appendChild(toggle);
    var label = el("label", {}, words.change_time);
    var times = el("select", { name: "time" });
    words.times.forEach(function (t) {
      var o = el("option", { value: t }, t);
      if (t === r.time) o.selected = true;
      times.appendChild(o);
    });
    times.addEventListener("change", function () { change({ time: times.value }); });
    label.appendChild(times);
    actions.appendChild(label);
    var del = el("button", { type: "button", "class": "danger delete" }, words.delete);
    del.addEventListener("click", function () {
      if (!del.dataset.sure) {  // a reminder has no Undo: ask once, as the chat does
        del.dataset.sure = "1";
        del.textContent = words.delete_yes;
        return;
      }
      api("DELETE", "/api/reminders/" + r.id).then(function (a) {
        if (a.ok) li.replaceChildren(el("p", { "class": "line flash", role: "status" }, a.data.said));
      }).catch(function () {});
    });
    actions.appendChild(del);
    li.appendChild(actions);
    return li;
  }

  function loadReminders() {
    return api("GET", "/api/reminders").then(function (r) {
      if (!r.ok) throw new Error("reminders");
      var list = $("reminders");
      list.replaceChildren();
      if (!r.data.reminders.length) list.appendChild(el("li", {}, r.data.none));
      r.data.reminders.forEach(function (item) { list.appendChild(reminderItem(item, r.data)); });
    });
  }

  loadSummary().then(function () {
    return Promise.all([loadEntries(false), loadReminders()]);
  }).then(function () {
    say("");
    $("dashboard").hidden = false;
    document.body.setAttribute("data-ready", "1");
  }).catch(function (e) {
    if (e && (e.message === "refused" || e.message === "busy")) return;
    say(S.failed, "error");
  });
})();

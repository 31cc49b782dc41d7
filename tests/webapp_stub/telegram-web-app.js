// A stand-in for https://telegram.org/js/telegram-web-app.js in the browser tests (the
// real one is Telegram's, cannot be vendored, and is not reachable from tests). It reads
// the launch parameters from the URL hash the way the real script does: the hash is a
// query string (each part decoded once, "+" as a space); tgWebAppData is the raw
// initData, parsed again for initDataUnsafe; tgWebAppThemeParams (JSON) becomes
// themeParams and the --tg-theme-* CSS variables on <html>.
(function () {
  "use strict";
  function urlSafeDecode(value) {
    try { return decodeURIComponent(value.replace(/\+/g, "%20")); } catch (e) { return value; }
  }
  function parseQuery(query) {
    var params = {};
    if (!query.length) return params;
    query.split("&").forEach(function (part) {
      var kv = part.split("=");
      params[urlSafeDecode(kv[0])] = kv[1] == null ? null : urlSafeDecode(kv[1]);
    });
    return params;
  }
  var hash = location.hash.replace(/^#/, "");
  var launch = hash.indexOf("=") >= 0 ? parseQuery(hash) : {};
  var initData = launch.tgWebAppData || "";
  var unsafe = {};
  if (initData) {
    var raw = parseQuery(initData);
    Object.keys(raw).forEach(function (k) {
      if (k === "user" || k === "receiver" || k === "chat") {
        try { unsafe[k] = JSON.parse(raw[k]); } catch (e) { unsafe[k] = null; }
      } else {
        unsafe[k] = raw[k];
      }
    });
  }
  var theme = {};
  try { theme = JSON.parse(launch.tgWebAppThemeParams || "{}"); } catch (e) { theme = {}; }
  Object.keys(theme).forEach(function (k) {
    document.documentElement.style.setProperty("--tg-theme-" + k.replace(/_/g, "-"), theme[k]);
  });
  window.Telegram = window.Telegram || {};
  window.Telegram.WebApp = {
    initData: initData,
    initDataUnsafe: unsafe,
    version: launch.tgWebAppVersion || "6.0",
    platform: launch.tgWebAppPlatform || "unknown",
    themeParams: theme,
    colorScheme: "light",
    isExpanded: false,
    ready: function () { window.__tgReady = true; },
    expand: function () { this.isExpanded = true; },
    close: function () {},
    onEvent: function () {},
    offEvent: function () {},
    openTelegramLink: function (url) { location.href = url; }
  };
})();

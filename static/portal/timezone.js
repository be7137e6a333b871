// Tells the server the browser's time zone (the "tz" cookie read by
// portal.middleware). Pages are correct without it: they show the profile's
// zone, or UTC, and name it. When the page was written in another zone than
// the browser's and the profile does not choose one, it is loaded once more.
(function () {
  "use strict";
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone || !/^[A-Za-z0-9_+\-\/]+$/.test(zone)) { return; }
  var cookie = "tz=" + zone;
  var had = document.cookie.split("; ").indexOf(cookie) !== -1;
  if (!had) {
    document.cookie = cookie + "; path=/; max-age=31536000; samesite=lax";
  }
  var stored = document.cookie.split("; ").indexOf(cookie) !== -1;
  var body = document.body;
  if (!had && stored && body.dataset.zoneReload === "1" && body.dataset.zone !== zone) {
    window.location.reload();
  }
})();

/* "Reply" links: put the reader's current time (in the site's time zone) and a fresh id into the
   prefilled reply. Without this script the links still work: the reader replaces the placeholders
   "your-name" (in the file name) and "YYYY-MM-DD HH:MM" (the Date), and check-replies insists. */
(function () {
  "use strict";

  function pad(n) { return String(n).padStart(2, "0"); }

  function nowIn(timeZone) {
    var parts = {};
    var format = new Intl.DateTimeFormat("en-GB", {
      timeZone: timeZone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    });
    format.formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
    return parts;
  }

  function randomHex() {
    var bytes = new Uint8Array(3);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return pad(b.toString(16)); }).join("");
  }

  function renew(link) {
    var oldDate = link.getAttribute("data-reply-date");
    var oldId = link.getAttribute("data-reply-id");
    var p;
    try { p = nowIn(link.getAttribute("data-reply-tz") || "UTC"); } catch (e) { return; }
    var date = p.year + "-" + p.month + "-" + p.day + " " + pad(p.hour) + ":" + p.minute;
    var id = p.year + p.month + p.day + "-" + pad(p.hour) + p.minute + "-" + randomHex();
    link.href = link.getAttribute("href")
      .split(encodeURIComponent(oldId)).join(encodeURIComponent(id))
      .split(encodeURIComponent(oldDate)).join(encodeURIComponent(date));
    link.setAttribute("data-reply-date", date);
    link.setAttribute("data-reply-id", id);
  }

  function renewAll() {
    document.querySelectorAll("a.reply-link[data-reply-date][data-reply-id]").forEach(renew);
  }

  renewAll();
  // A page kept open for a while: renew again when it is shown or a link is about to be used.
  document.addEventListener("visibilitychange", function () { if (!document.hidden) { renewAll(); } });
  document.addEventListener("pointerdown", function (e) {
    var link = e.target.closest && e.target.closest("a.reply-link");
    if (link) { renew(link); }
  });
  document.addEventListener("keydown", function (e) {
    var link = e.key === "Enter" && e.target.closest && e.target.closest("a.reply-link");
    if (link) { renew(link); }
  });
}());

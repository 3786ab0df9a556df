/* "Reply" links: put the reader's current time (in the site's time zone) and a fresh id into the
   prefilled reply. Without this script the links still work: the reader replaces the placeholders
   "your-name" (in the file name) and "YYYY-MM-DD HH:MM" (the Date), and check-replies insists.
   The placeholder date and the time zone are written once, on the thread (data-reply-date,
   data-reply-tz); the id is the file name in the link. After renewing, a link carries its own
   data-reply-date and data-reply-id (in the page only), so the next renewal finds them. */
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

  // As reply_links.py writes them: a mailto: link percent-encodes everything (RFC 6068), GitHub's
  // query keeps ":" and "/" and writes a space as "+".
  function encoderFor(href) {
    if (href.lastIndexOf("mailto:", 0) === 0) { return encodeURIComponent; }
    return function (text) {
      return encodeURIComponent(text).replace(/%20/g, "+").replace(/%3A/gi, ":").replace(/%2F/gi, "/");
    };
  }

  // The file name's id: the last path part before ".md" ("/" or "%2F" before it; "&", ")" or the end after).
  var FILE_ID = /(?:\/|%2F)([A-Za-z0-9][A-Za-z0-9_-]*)\.md(?=&|%29|$)/i;

  function attr(el, name) {
    var holder = el.closest("[" + name + "]");
    return holder ? holder.getAttribute(name) : null;
  }

  function renew(link) {
    var href = link.getAttribute("href");
    var oldDate = attr(link, "data-reply-date");
    var oldId = link.getAttribute("data-reply-id") || (FILE_ID.exec(href) || [])[1];
    if (!oldDate || !oldId) { return; }
    var p;
    try { p = nowIn(attr(link, "data-reply-tz") || "UTC"); } catch (e) { return; }
    var date = p.year + "-" + p.month + "-" + p.day + " " + pad(p.hour) + ":" + p.minute;
    var id = p.year + p.month + p.day + "-" + pad(p.hour) + p.minute + "-" + randomHex();
    var enc = encoderFor(href);
    link.setAttribute("href", href.split(enc(oldId + ".md")).join(enc(id + ".md"))
      .split(enc("Date: " + oldDate)).join(enc("Date: " + date)));
    link.setAttribute("data-reply-date", date);
    link.setAttribute("data-reply-id", id);
  }

  function renewAll() {
    document.querySelectorAll("a.reply-link").forEach(renew);
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

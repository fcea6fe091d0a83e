/* rekisteri-cms notice embed (docs/api.md#embeds). Usage:
<script src="https://NOTICES/embed.js" data-notice="ID" data-locale="fi" async></script> */
(function () {
  "use strict";
  var script = document.currentScript;
  var notice = script && script.getAttribute("data-notice");
  if (!notice || !script.src) return;
  var origin = new URL(script.src).origin;
  var locale = script.getAttribute("data-locale") || "";
  var host = document.createElement("div");
  host.className = "rekisteri-cms-notice";
  script.parentNode.insertBefore(host, script);
  var root = host.attachShadow({ mode: "open" });
  try {
    // A constructed style sheet, which the page's CSP (style-src) does not govern.
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(
      ":host{display:block}article{line-height:1.5}h1{font-size:1.6em}" +
        "h2{font-size:1.25em;margin-top:1.4em}table{border-collapse:collapse}" +
        "th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}"
    );
    root.adoptedStyleSheets = [sheet];
  } catch (e) {}
  var policy = null;
  if (window.trustedTypes && trustedTypes.createPolicy) {
    try {
      // The HTML was sanitised and reviewed on the notices' site.
      policy = trustedTypes.createPolicy("rekisteri-cms", {
        createHTML: function (html) { return html; }
      });
    } catch (e) {}
  }
  function show(html, status) {
    root.innerHTML = policy ? policy.createHTML(html) : html;
    host.setAttribute("data-status", status);
    host.dispatchEvent(new CustomEvent("rekisteri-cms:" + status, { bubbles: true }));
  }
  var url = origin + "/api/notices/" + encodeURIComponent(notice) + "/" +
    (locale ? "?locale=" + encodeURIComponent(locale) : "");
  // "no-cache": the browser revalidates its copy with the ETag (If-None-Match)
  // on every load, so a new version shows at once and an unchanged one costs a
  // 304. No cookies are sent or set, nothing is stored by this script.
  fetch(url, { cache: "no-cache", credentials: "omit", mode: "cors" })
    .then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then(function (doc) {
      host.setAttribute("data-version", doc.version);
      host.setAttribute("data-content-hash", doc.content_hash);
      show(doc.html, "rendered");
    })
    .catch(function () {
      var text = {
        fi: "Selostetta ei voitu ladata.",
        sv: "Beskrivningen kunde inte laddas.",
        en: "The notice could not be loaded."
      }[(locale || document.documentElement.lang || "fi").slice(0, 2)];
      var p = document.createElement("p");
      p.setAttribute("role", "alert");
      p.textContent = text || "The notice could not be loaded.";
      root.replaceChildren(p);
      host.setAttribute("data-status", "error");
    });
})();

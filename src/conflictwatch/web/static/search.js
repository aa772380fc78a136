// The search page: results from /api/search, put in the page with textContent only.
"use strict";

(function () {
  const statusLine = document.getElementById("status");
  const results = document.getElementById("results");
  const query = (new URLSearchParams(window.location.search).get("q") || "").trim();

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  // Where a result leads: its incident, its document, or the document its mention is in.
  function pageOf(item) {
    const kind = String(item.kind || item.type_of || "").toLowerCase();
    if (kind === "incident" && item.id) return "/incidents/" + encodeURIComponent(item.id);
    const doc = item.doc_id || (kind === "document" ? item.id : null);
    return doc ? "/documents/" + encodeURIComponent(doc) : null;
  }

  function show(items) {
    results.replaceChildren(
      ...items.map((item) => {
        const row = el("li", null, "result");
        const title = item.title || item.summary || item.trigger || item.id || "result";
        const href = pageOf(item);
        if (href) {
          const link = el("a", title);
          link.href = href;
          row.appendChild(link);
        } else {
          row.appendChild(el("strong", title));
        }
        const facts = [item.kind, item.published || item.date || item.start, item.outlet].filter(Boolean);
        if (facts.length) row.appendChild(el("span", " · " + facts.join(" · "), "muted"));
        const snippet = item.snippet || item.text || item.sentence;
        if (snippet) row.appendChild(el("p", String(snippet).slice(0, 400), "snippet"));
        return row;
      })
    );
  }

  async function run() {
    if (!query) return;
    statusLine.textContent = "Searching…";
    let response;
    try {
      response = await fetch("/api/search?" + new URLSearchParams({ q: query, limit: "50" }).toString(), {
        headers: { Accept: "application/json" },
      });
    } catch (error) {
      statusLine.textContent = "The search could not be run: " + error.message;
      return;
    }
    if (response.status === 404 || response.status === 405) {
      statusLine.textContent = "This server has no search endpoint (/api/search).";
      return;
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const message = body.error && body.error.message ? body.error.message : "error " + response.status;
      statusLine.textContent = "The search was refused: " + message;
      return;
    }
    const items = Array.isArray(body.items) ? body.items : [];
    statusLine.textContent = items.length
      ? items.length + (body.next_cursor ? "+" : "") + " result(s) for “" + query + "”"
      : "Nothing found for “" + query + "”.";
    show(items);
  }

  run();
})();

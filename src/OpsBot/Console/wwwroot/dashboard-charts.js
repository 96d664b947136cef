// OpsBot dashboard charts: GET /api/dashboard/charts every few seconds. The charts are SVG drawn by the server (every
// label escaped there) and parsed as SVG, never as HTML; the checks' table is drawn with textContent only.
"use strict";

(function () {
  function headers() {
    const token = localStorage.getItem("opsbot-console-token");
    return token ? { Authorization: "Bearer " + token } : {};
  }

  function node(tag, className, text) {
    const result = document.createElement(tag);
    if (className) result.className = className;
    if (text !== undefined && text !== null) result.textContent = String(text);
    return result;
  }

  function fill(id, ...children) {
    document.getElementById(id).replaceChildren(...children);
  }

  function svg(markup) {
    const parsed = new DOMParser().parseFromString(markup, "image/svg+xml");
    if (parsed.getElementsByTagName("parsererror").length > 0 || parsed.documentElement.namespaceURI !== "http://www.w3.org/2000/svg") {
      return node("p", "error-text", "The chart could not be drawn.");
    }
    return document.importNode(parsed.documentElement, true);
  }

  function chart(id, section) {
    fill(id, section.error ? node("p", "error-text", section.error) : svg(section.svg));
  }

  function checks(rows) {
    if (rows.error) {
      fill("charts-checks", node("p", "error-text", rows.error));
      return;
    }
    const table = node("table", "chat-table");
    const head = node("tr");
    for (const title of ["CHECK", "SCHEDULE", "LAST RUN", "RESULT", "NEXT RUN"]) head.append(node("th", "", title));
    table.append(node("thead"));
    table.tHead.append(head);
    const body = node("tbody");
    for (const row of rows) {
      const tr = node("tr", row.outcome === "failed" ? "problem" : "");
      tr.append(
        node("td", "", row.name),
        node("td", "", row.schedule + (row.timeZone ? " (" + row.timeZone + ")" : "")),
        node("td", "", row.lastRun ? row.lastRun + " (" + row.trigger + ")" : "never"),
        node("td", "", row.outcome ? row.outcome + ": " + row.summary : "-"),
        node("td", "", row.nextRun || "-"));
      body.append(tr);
    }
    table.append(body);
    fill("charts-checks", table);
  }

  async function refresh() {
    try {
      const response = await fetch("/api/dashboard/charts", { headers: headers() });
      if (!response.ok) return; // dashboard.js asks for the token; the next refresh uses it
      const data = await response.json();
      if (data.error) {
        fill("charts-restarts", node("p", "muted", data.error));
        fill("charts-certificates");
        fill("charts-checks");
        return;
      }
      chart("charts-restarts", data.restarts);
      chart("charts-certificates", data.certificates);
      checks(data.checks);
    } catch (error) {
      fill("charts-restarts", node("p", "error-text", "The charts could not be loaded: " + error.message));
    }
  }

  refresh();
  setInterval(refresh, 10000);
})();

// OpsBot dashboard, incidents panel: GET /api/dashboard/incidents every few seconds, drawn with textContent only
// (titles are people's text: never HTML). Kept apart from dashboard.js so each panel can change on its own.
"use strict";

(function () {
  function headers() {
    const token = localStorage.getItem("opsbot-console-token");
    return token ? { Authorization: "Bearer " + token } : {};
  }

  function cell(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  const columns = [
    { title: "ID", value: r => r.id },
    { title: "TITLE", value: r => r.title },
    { title: "STATE", value: r => r.state },
    { title: "SEVERITY", value: r => r.severity },
    { title: "COMMANDER", value: r => r.commander },
    { title: "AGE", value: r => r.age },
    { title: "NEXT UPDATE DUE", value: r => r.nextUpdateDue + (r.updateOverdue ? " (overdue)" : "") },
  ];

  function incidentsTable(rows) {
    if (rows.length === 0) return cell("p", "muted", "No open incident.");
    const table = cell("table", "chat-table");
    table.id = "incidents-table";
    const head = cell("tr");
    for (const column of columns) head.append(cell("th", "", column.title));
    table.append(cell("thead"));
    table.tHead.append(head);
    const body = cell("tbody");
    for (const row of rows) {
      const tr = cell("tr", row.updateOverdue || row.severity === "SEV1" ? "problem" : "");
      tr.dataset.incident = row.id;
      for (const column of columns) tr.append(cell("td", "", column.value(row)));
      body.append(tr);
    }
    table.append(body);
    return table;
  }

  function metricsLine(metrics) {
    const line = cell("p", "", "");
    line.id = "incident-metrics";
    const mtta = cell("span", "metric", "MTTA " + (metrics.mtta || "—"));
    mtta.id = "incident-mtta";
    const mttr = cell("span", "metric", "MTTR " + (metrics.mttr || "—"));
    mttr.id = "incident-mttr";
    const sample = cell("span", "muted",
      " over " + metrics.windowDays + " days: " + metrics.incidents + " incident(s), " + metrics.acknowledged + " acknowledged, " + metrics.resolved + " resolved");
    line.append(mtta, " · ", mttr, sample);
    return line;
  }

  async function refresh() {
    const body = document.getElementById("incidents-body");
    if (!body) return;
    try {
      const response = await fetch("/api/dashboard/incidents", { headers: headers() });
      if (response.status === 401) return; // dashboard.js asks for the token
      if (!response.ok) {
        body.replaceChildren(cell("p", "error-text", "The incidents could not be read (HTTP " + response.status + ")."));
        return;
      }
      const data = await response.json();
      document.getElementById("incidents-summary").textContent = data.open.length + " open";
      body.replaceChildren(metricsLine(data.metrics), incidentsTable(data.open));
    } catch (error) {
      body.replaceChildren(cell("p", "error-text", "The incidents could not be read: " + error));
    }
  }

  refresh();
  setInterval(refresh, 5000);
})();

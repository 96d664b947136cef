// OpsBot dashboard: GET /api/dashboard every few seconds, drawn with textContent only (no HTML from data).
"use strict";

function token() {
  return localStorage.getItem("opsbot-console-token");
}

async function load() {
  const headers = {};
  if (token()) headers.Authorization = "Bearer " + token();
  const response = await fetch("/api/dashboard", { headers });
  if (response.status === 401) {
    const entered = prompt("The dashboard needs the console token (Console:Token):");
    if (entered) {
      localStorage.setItem("opsbot-console-token", entered);
      return load();
    }
    return null;
  }
  return response.json();
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function table(columns, rows, rowClass) {
  if (rows.length === 0) return element("p", "muted", "None.");
  const result = element("table", "chat-table");
  const head = element("tr");
  for (const column of columns) head.append(element("th", "", column.title));
  result.append(element("thead"));
  result.tHead.append(head);
  const body = element("tbody");
  for (const row of rows) {
    const tr = element("tr", rowClass ? rowClass(row) : "");
    for (const column of columns) tr.append(element("td", "", column.value(row)));
    body.append(tr);
  }
  result.append(body);
  return result;
}

function fill(id, ...nodes) {
  document.getElementById(id).replaceChildren(...nodes);
}

function errorOr(section, draw) {
  return section && section.error ? element("p", "error-text", section.error) : draw();
}

function draw(data) {
  document.getElementById("generated").textContent = "updated " + new Date(data.generatedAt).toLocaleTimeString();
  const sim = data.simulator;
  document.getElementById("drill").hidden = !sim;
  if (sim) {
    const lines = [
      element("p", "", "Scenario: " + (sim.scenario || "unknown") + (sim.title ? " — " + sim.title : "")),
      element("p", "", "Simulated time: " + sim.now + " (" + sim.elapsed + " in, " + (sim.speed === 0 ? "clock frozen" : sim.speed + "× real time") + ")"),
      element("p", "muted", sim.pendingInjections + " scripted change(s) still to come"),
    ];
    if (sim.injected.length > 0) {
      const list = element("ul");
      for (const line of sim.injected) list.append(element("li", "", line));
      lines.push(list);
    }
    fill("drill-body", ...lines);
  }

  const cluster = data.cluster;
  if (cluster.error) {
    fill("pods-body", element("p", "error-text", cluster.error));
    fill("nodes-body");
    fill("hpas-body");
  } else {
    document.getElementById("pods-summary").textContent = "cluster " + cluster.name + " · " + cluster.pods.summary;
    fill("pods-body", table([
      { title: "NAMESPACE", value: r => r.namespace },
      { title: "NAME", value: r => r.name },
      { title: "READY", value: r => r.ready },
      { title: "STATUS", value: r => r.status },
      { title: "RESTARTS", value: r => r.restarts },
      { title: "AGE", value: r => r.age },
      { title: "NODE", value: r => r.node || "<none>" },
    ], cluster.pods.rows, r => r.problem ? "problem" : ""));
    fill("nodes-body", table([
      { title: "NAME", value: r => r.name },
      { title: "STATUS", value: r => r.status },
      { title: "CONDITIONS", value: r => r.conditions.join("; ") || "-" },
      { title: "TAINTS", value: r => r.taints.join(", ") || "-" },
      { title: "CPU REQ", value: r => r.cpuRequested },
      { title: "MEM REQ", value: r => r.memoryRequested },
      { title: "PODS", value: r => r.pods },
    ], cluster.nodes, r => r.problem ? "problem" : ""));
    fill("hpas-body", table([
      { title: "NAMESPACE", value: r => r.namespace },
      { title: "NAME", value: r => r.name },
      { title: "CURRENT", value: r => r.current },
      { title: "DESIRED", value: r => r.desired },
      { title: "MIN", value: r => r.min },
      { title: "MAX", value: r => r.max },
      { title: "TARGETS", value: r => r.targets },
      { title: "LIMITED", value: r => r.limited || "-" },
    ], cluster.hpas, r => r.limited ? "problem" : ""));
  }

  fill("workflows-body", errorOr(data.workflows, () => table([
    { title: "STATE", value: r => r.state },
    { title: "KIND", value: r => r.kind },
    { title: "TARGET", value: r => r.namespace + "/" + r.target },
    { title: "CLUSTER", value: r => r.cluster },
    { title: "REQUESTED BY", value: r => r.requestedBy },
    { title: "AGE", value: r => r.age },
    { title: "ID", value: r => r.id },
  ], data.workflows)));
  fill("audit-body", errorOr(data.audit, () => table([
    { title: "TIME", value: r => r.time },
    { title: "USER", value: r => r.platform + ":" + r.user },
    { title: "CHANNEL", value: r => r.channel },
    { title: "COMMAND", value: r => r.command },
    { title: "OUTCOME", value: r => r.outcome },
    { title: "DETAIL", value: r => r.detail || "" },
  ], data.audit, r => r.outcome === "Denied" || r.outcome === "Error" ? "problem" : "")));
  const machines = data.stateMachines.map(graph => {
    const figure = element("figure");
    figure.append(element("figcaption", "", graph.name), element("pre", "mermaid-source", graph.mermaid));
    return figure;
  });
  fill("state-machines-body", ...(machines.length > 0 ? machines : [element("p", "muted", "No workflow is registered yet.")]));
}

async function refresh() {
  try {
    const data = await load();
    if (data) draw(data);
  } catch (error) {
    document.getElementById("generated").textContent = "could not refresh: " + error;
  }
}

refresh();
setInterval(refresh, 5000);

// OpsBot web console: a channel where you type commands and press buttons.
// The channel is a feed on the server (GET /api/console/channels/{channel}/messages): everyone in it sees
// the same messages, and updates to them (a workflow moving on) are re-rendered in place.
// Safety: message bodies are HTML rendered (and escaped) by the server's HtmlRenderer; everything
// else (user names, typed commands, errors) is set with textContent, never as HTML.
"use strict";

const messages = document.getElementById("messages");
const composer = document.getElementById("composer");
const input = document.getElementById("text");
const channelSelect = document.getElementById("channel");
const history = [];
let historyIndex = 0;
let shown = new Map(); // feed message id -> { item, sequence }
let latest = 0;
let pollTimer = null;
let polling = false;

function token() {
  return localStorage.getItem("opsbot-console-token");
}

function identity() {
  return { user: document.getElementById("user").value.trim(), channel: channelSelect.value };
}

async function api(method, path, body) {
  const headers = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token()) headers.Authorization = "Bearer " + token();
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401) {
    const entered = prompt("This console needs its token (Console:Token):");
    if (entered) {
      localStorage.setItem("opsbot-console-token", entered);
      return api(method, path, body);
    }
  }
  let json = {};
  try { json = await response.json(); } catch { json = { error: "The server answered " + response.status + "." }; }
  return { ok: response.ok, json };
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function scrollToEnd() {
  messages.scrollTop = messages.scrollHeight;
}

// A message of the channel's feed, inserted or re-rendered in place.
function renderEntry(entry) {
  const known = shown.get(entry.id);
  if (known && known.sequence >= entry.sequence) return;
  const item = known ? known.item : element("li", "message");
  item.replaceChildren();
  item.dataset.messageId = entry.id;
  const who = element("div", "who");
  who.append(element("span", "user", entry.user || "OpsBot"));
  if (entry.command) {
    who.append(" · ", element("code", "command", entry.command));
  }
  const time = element("time", "", new Date(entry.time).toLocaleTimeString());
  time.dateTime = entry.time;
  who.append(" · ", time);
  if (entry.updated) who.append(" ", element("span", "updated", "updated"));
  // In an incident's channel (inc-2026-0042) every message can go on the incident's timeline (the server reads it back).
  if (/^inc-\d{4}-\d{4,}$/.test(identity().channel)) {
    const pin = element("button", "btn btn-link pin", "📌 Add to timeline");
    pin.type = "button";
    pin.dataset.actionId = "incident.pin";
    pin.dataset.value = entry.id;
    pin.title = "Add this message to the incident's timeline";
    who.append(" ", pin);
  }
  const reply = element("div", "reply");
  reply.innerHTML = entry.html; // produced by the server's HtmlRenderer: every text is encoded there
  item.append(who, reply);
  if (!known) messages.append(item);
  shown.set(entry.id, { item, sequence: entry.sequence });
  if (entry.updated && known) {
    item.classList.add("flash");
    setTimeout(() => item.classList.remove("flash"), 1500);
  }
}

// Something only this browser shows: what you typed while it runs, ephemeral answers, errors.
function appendLocal(who, node) {
  const item = element("li", "message local");
  item.append(element("div", "who", who), node);
  messages.append(item);
  scrollToEnd();
  return item;
}

async function poll() {
  if (polling) return;
  polling = true;
  try {
    const channel = channelSelect.value;
    const { ok, json } = await api("GET", "/api/console/channels/" + encodeURIComponent(channel) + "/messages?after=" + latest);
    if (!ok || channel !== channelSelect.value) return;
    if (json.reset) {
      resetView();
      return;
    }
    const atEnd = messages.scrollHeight - messages.scrollTop - messages.clientHeight < 40;
    for (const entry of json.messages) renderEntry(entry);
    latest = Math.max(latest, json.latest);
    if (json.messages.length > 0 && atEnd) scrollToEnd();
  } catch {
    // The server is restarting or unreachable: try again at the next tick.
  } finally {
    polling = false;
  }
}

function schedulePolling() {
  clearInterval(pollTimer);
  pollTimer = setInterval(poll, 1500);
}

function resetView() {
  messages.replaceChildren();
  shown = new Map();
  latest = 0;
}

async function deliver(pending, path, body) {
  const { ok, json } = await api("POST", path, body);
  if (!ok) {
    pending.append(element("div", "reply error", json.error || "Request failed."));
    return;
  }
  if (json.ephemeral) {
    const reply = element("div", "reply ephemeral");
    reply.innerHTML = json.html; // escaped by the server's HtmlRenderer
    pending.append(element("div", "who", "OpsBot · only you can see this"), reply);
    scrollToEnd();
    return;
  }
  pending.remove();
  await poll();
  scrollToEnd();
}

async function run(text) {
  const pending = appendLocal(identity().user, element("div", "typed", text));
  await deliver(pending, "/api/console/commands", { text, ...identity() });
  refreshDrills();
}

composer.addEventListener("submit", event => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  history.push(text);
  historyIndex = history.length;
  input.value = "";
  run(text);
});

input.addEventListener("keydown", event => {
  if (event.key === "ArrowUp" && historyIndex > 0) {
    input.value = history[--historyIndex];
  } else if (event.key === "ArrowDown" && historyIndex < history.length) {
    input.value = history[++historyIndex] || "";
  }
});

channelSelect.addEventListener("change", () => {
  resetView();
  poll();
});

document.addEventListener("click", async event => {
  const shortcut = event.target.closest("[data-command]");
  if (shortcut) {
    run(shortcut.dataset.command);
    return;
  }
  const button = event.target.closest("button[data-action-id]");
  if (!button) return;
  if (button.dataset.confirm && !confirm(button.dataset.confirm)) return;
  const message = button.closest("[data-message-id]");
  const pending = appendLocal(identity().user, element("div", "typed", "pressed " + button.textContent));
  const body = { actionId: button.dataset.actionId, value: button.dataset.value, ...identity() };
  if (message) body.messageId = message.dataset.messageId;
  await deliver(pending, "/api/console/actions", body);
  refreshDrills();
});

// The drill picker: the scenarios the simulator knows; starting one runs /drill start in the channel.
async function refreshDrills() {
  try {
    const { ok, json } = await api("GET", "/api/console/drills");
    if (!ok) return;
    document.getElementById("drill-picker").hidden = !json.available;
    document.getElementById("drill-unavailable").hidden = json.available;
    document.getElementById("drill-running").textContent = json.running || "unknown";
    const select = document.getElementById("scenario");
    if (select.options.length === 0) {
      for (const scenario of json.scenarios) {
        const option = element("option", "", scenario.name);
        option.value = scenario.name;
        option.title = scenario.title;
        select.append(option);
      }
    }
  } catch {
    // Not critical: the picker stays as it is.
  }
}

document.getElementById("drill-start").addEventListener("click", () => {
  const name = document.getElementById("scenario").value;
  if (name) run("/drill start " + name);
});

refreshDrills();
poll();
schedulePolling();

// Incident channels: every open incident is worked in a channel named by its id in lower case (inc-2026-0042);
// the picker lists them next to the fixed channels (GET /api/incidents?open=true).
async function refreshIncidentChannels() {
  try {
    const { ok, json } = await api("GET", "/api/incidents?open=true");
    if (!ok || !json || !Array.isArray(json.incidents)) return;
    for (const incident of json.incidents) {
      if ([...channelSelect.options].some(option => option.value === incident.channel)) continue;
      const option = element("option", "", "#" + incident.channel);
      option.value = incident.channel;
      option.title = incident.title;
      channelSelect.append(option);
    }
  } catch {
    // Not critical: the picker keeps the channels it has.
  }
}

refreshIncidentChannels();
setInterval(refreshIncidentChannels, 10000);

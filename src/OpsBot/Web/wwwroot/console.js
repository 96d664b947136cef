// OpsBot web console: a channel where you type commands and press buttons.
// Replies arrive as HTML rendered (and escaped) by the server's HtmlRenderer.
"use strict";

const messages = document.getElementById("messages");
const composer = document.getElementById("composer");
const input = document.getElementById("text");
const history = [];
let historyIndex = 0;

function token() {
  return localStorage.getItem("opsbot-console-token");
}

function identity() {
  return { user: document.getElementById("user").value.trim(), channel: document.getElementById("channel").value };
}

function append(who, node) {
  const item = document.createElement("li");
  const label = document.createElement("div");
  label.className = "who";
  label.textContent = who;
  item.append(label, node);
  messages.append(item);
  messages.scrollTop = messages.scrollHeight;
  return item;
}

async function post(path, body) {
  const headers = { "Content-Type": "application/json" };
  if (token()) headers.Authorization = "Bearer " + token();
  let response = await fetch(path, { method: "POST", headers, body: JSON.stringify(body) });
  if (response.status === 401) {
    const entered = prompt("This console needs its token (Console:Token):");
    if (entered) {
      localStorage.setItem("opsbot-console-token", entered);
      return post(path, body);
    }
  }
  return response.json().then(json => ({ ok: response.ok, json }));
}

function showReply({ ok, json }) {
  const reply = document.createElement("div");
  reply.className = "reply" + (ok ? "" : " error");
  if (ok) {
    reply.innerHTML = json.html; // produced by the server's HtmlRenderer: every text is encoded there
  } else {
    reply.textContent = json.error || "Request failed.";
  }
  append("OpsBot", reply);
}

async function run(text) {
  const typed = document.createElement("div");
  typed.className = "typed";
  typed.textContent = text;
  append(identity().user, typed);
  showReply(await post("/api/console/commands", { text, ...identity() }));
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

document.addEventListener("click", async event => {
  const shortcut = event.target.closest("[data-command]");
  if (shortcut) {
    run(shortcut.dataset.command);
    return;
  }
  const button = event.target.closest("button[data-action-id]");
  if (!button) return;
  if (button.dataset.confirm && !confirm(button.dataset.confirm)) return;
  const pressed = document.createElement("div");
  pressed.className = "typed";
  pressed.textContent = "pressed " + button.textContent;
  append(identity().user, pressed);
  showReply(await post("/api/console/actions", { actionId: button.dataset.actionId, value: button.dataset.value, ...identity() }));
});

// Live conversation: progressive enhancement of the plain message form.
// Without this file the form posts and the page reloads. With it, messages go through the WebSocket
// (data-ws-url), typed-while-offline messages wait in sessionStorage, and when the socket cannot connect
// the page falls back to polling data-poll-url and posting the form with fetch, trying the socket again now and
// then: once it opens (Redis is back), polling stops and the socket resumes after the last message seen.
// Incoming text is only ever shown from the server's escaped `html` field; our own pending text uses textContent.

const RECONNECT_MIN_MS = 1000;
const RECONNECT_MAX_MS = 30000;
const FAILURES_BEFORE_POLLING = 3;
const POLL_INTERVAL_MS = 5000;
const SOCKET_RETRY_WHILE_POLLING_MS = 20000;
// The server's live layer (Redis) is down: poll at once rather than after several failed attempts.
const CLOSE_LIVE_UNAVAILABLE = 4503;
const TYPING_SEND_EVERY_MS = 3000;
const TYPING_SHOWN_MS = 4000;
// The server refuses these for good (session gone, no longer a participant): reconnecting would not help.
const FINAL_CLOSE_CODES = new Set([4401, 4403]);

const DEFAULT_LABELS = {
  sending: "envoi…",
  sent: "envoyé",
  read: "lu",
  failed: "non envoyé",
  typing: "%s écrit…",
  newMessage: "Nouveau message de %s",
  offline: "Hors ligne : vos messages partiront au retour de la connexion.",
  refused: "Vous n'avez plus accès à cette conversation en direct ; rechargez la page.",
};

function cookie(name) {
  const prefix = `${name}=`;
  const found = document.cookie.split(";").map((part) => part.trim()).find((part) => part.startsWith(prefix));
  return found ? decodeURIComponent(found.slice(prefix.length)) : "";
}

// The page's message form: inside the conversation block or next to it (the one with a client_id field).
function messageForm(root) {
  const forms = [...root.querySelectorAll("form"), ...document.querySelectorAll("form")];
  return forms.find((form) => form.elements.body && form.elements.client_id) || null;
}

function websocketUrl(path) {
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return new URL(path, `${scheme}//${window.location.host}`).href;
}

class Conversation {
  constructor(root) {
    this.root = root;
    this.id = root.dataset.conversationId;
    this.labels = { ...DEFAULT_LABELS };
    for (const key of Object.keys(DEFAULT_LABELS)) {
      const value = root.dataset[`label${key[0].toUpperCase()}${key.slice(1)}`];
      if (value) this.labels[key] = value;
    }
    this.myOrganisationId = root.dataset.organisationId ? Number(root.dataset.organisationId) : null;
    this.form = messageForm(root);
    this.field = this.form?.elements.body;
    this.list = root.querySelector("[data-messages], .messages") || this.createList();
    this.seen = new Set(Array.from(this.list.querySelectorAll("[data-seq]"), (el) => Number(el.dataset.seq)));
    this.lastSeq = Math.max(Number(root.dataset.lastSeq) || 0, ...this.seen, 0);
    this.pending = new Map(); // client_id -> element of a message of ours not yet stored or not yet read
    this.storageKey = `conversation-outbox:${this.id}`;
    this.socket = null;
    this.failures = 0;
    this.attempt = 0;
    this.polling = false;
    this.pollTimer = null;
    this.inFlight = new Set(); // client ids posted with fetch and not answered yet
    this.lastTypingSent = 0;
    this.lastReadSent = 0;
    this.typingTimer = null;
    this.createStatusRegions();
  }

  start() {
    if (!this.form || !this.field) return;
    this.form.addEventListener("submit", (event) => this.onSubmit(event));
    this.field.addEventListener("input", () => this.onInput());
    document.addEventListener("visibilitychange", () => this.sendRead());
    for (const item of this.outbox()) this.showPending(item);
    if (this.root.dataset.wsUrl && "WebSocket" in window) {
      this.connect();
    } else {
      this.startPolling();
    }
  }

  // DOM -----------------------------------------------------------------------------------------------

  createList() {
    const list = document.createElement("ol");
    list.className = "plain-list messages";
    this.root.append(list);
    return list;
  }

  createStatusRegions() {
    // New messages are announced politely: by the list itself when the page made it live, else by a region of ours.
    this.announcer = document.createElement("div");
    this.announcer.className = "visually-hidden";
    if (!this.list.hasAttribute("aria-live")) this.announcer.setAttribute("aria-live", "polite");
    this.typing = document.createElement("p");
    this.typing.className = "conversation-typing";
    this.typing.hidden = true;
    this.notice = document.createElement("p");
    this.notice.className = "conversation-notice";
    this.notice.hidden = true;
    this.typing.setAttribute("aria-live", "polite");
    this.root.append(this.typing, this.notice, this.announcer);
  }

  messageElement(message) {
    const item = document.createElement("li");
    item.className = "card message";
    item.id = `message-${message.seq}`;
    item.dataset.seq = message.seq;
    item.dataset.messageId = message.id;
    if (message.kind === "system") item.classList.add("message--system");
    if (this.myOrganisationId !== null && message.sender_org_id === this.myOrganisationId) {
      item.classList.add("message--mine");
    }
    const meta = document.createElement("p");
    meta.className = "message__meta";
    const sender = document.createElement("strong");
    sender.textContent = message.sender_name || "";
    const time = document.createElement("time");
    time.dateTime = message.created_at;
    time.textContent = new Date(message.created_at).toLocaleString(document.documentElement.lang || "fr", {
      dateStyle: "short",
      timeStyle: "short",
    });
    meta.append(sender, " · ", time);
    const body = document.createElement("div");
    body.className = "message__body";
    body.innerHTML = message.html; // escaped and linkified by the server (messaging.rendering)
    item.append(meta, body);
    if (message.attachments?.length) {
      const files = document.createElement("ul");
      for (const attachment of message.attachments) {
        const link = document.createElement("a");
        link.href = attachment.url;
        link.textContent = attachment.name;
        files.append(document.createElement("li"));
        files.lastElementChild.append(link);
      }
      item.append(files);
    }
    return item;
  }

  setState(element, state, detail = "") {
    let badge = element.querySelector(".message-state");
    if (!badge) {
      badge = document.createElement("span");
      badge.className = "message-state";
      element.append(badge);
    }
    element.dataset.state = state;
    badge.textContent = detail ? `${this.labels[state]} : ${detail}` : this.labels[state];
  }

  showPending(item) {
    const element = document.createElement("li");
    element.className = "card message message--mine message--pending";
    element.dataset.clientId = item.client_id;
    const body = document.createElement("div");
    body.className = "message__body";
    body.textContent = item.body;
    element.append(body);
    this.setState(element, "sending");
    this.list.querySelector(".empty-state")?.remove();
    this.list.append(element);
    this.pending.set(item.client_id, element);
    return element;
  }

  showNotice(text) {
    this.notice.textContent = text || "";
    this.notice.hidden = !text;
  }

  // Messages ------------------------------------------------------------------------------------------

  receiveMessage(message) {
    if (this.seen.has(message.seq)) return;
    this.seen.add(message.seq);
    this.lastSeq = Math.max(this.lastSeq, message.seq);
    const element = this.messageElement(message);
    const pending = message.client_id ? this.pending.get(message.client_id) : null;
    if (pending) {
      // Our own message came back stored: it takes the place of the pending one, and we learn our side.
      this.myOrganisationId ??= message.sender_org_id;
      element.classList.add("message--mine");
      element.dataset.clientId = message.client_id;
      this.setState(element, pending.dataset.state === "read" ? "read" : "sent");
      pending.replaceWith(element);
      this.pending.set(message.client_id, element);
      this.forget(message.client_id);
    } else {
      this.insertInOrder(element);
      if (message.sender_org_id !== this.myOrganisationId) {
        this.announcer.textContent = this.labels.newMessage.replace("%s", message.sender_name || "");
        this.hideTyping();
      }
    }
    this.sendRead();
  }

  insertInOrder(element) {
    this.list.querySelector(".empty-state")?.remove();
    const seq = Number(element.dataset.seq);
    const after = Array.from(this.list.querySelectorAll("[data-seq]")).find((el) => Number(el.dataset.seq) > seq);
    if (after) after.before(element);
    else this.list.append(element);
  }

  changeMessage(message) {
    const element = this.list.querySelector(`[data-seq="${Number(message.seq)}"]:not(.message--pending)`);
    const body = element?.querySelector(".message__body");
    if (body) body.innerHTML = message.html; // escaped by the server
    if (element) element.classList.toggle("message--deleted", Boolean(message.deleted));
  }

  acknowledge(frame) {
    const element = this.pending.get(frame.client_id);
    this.forget(frame.client_id);
    if (!element) return;
    element.dataset.seq ??= frame.seq;
    element.dataset.messageId ??= frame.id;
    element.dataset.ackSeq = frame.seq;
    if (element.dataset.state === "sending") this.setState(element, "sent");
  }

  markRead(frame) {
    if (frame.organisation_id === this.myOrganisationId) return; // our own side reading, in another tab
    for (const [clientId, element] of this.pending) {
      const seq = Number(element.dataset.ackSeq || element.dataset.seq);
      if (seq && seq <= frame.seq) {
        this.setState(element, "read");
        this.pending.delete(clientId);
      }
    }
  }

  fail(frame) {
    const element = this.pending.get(frame.client_id);
    this.forget(frame.client_id);
    if (element) {
      this.setState(element, "failed", frame.message);
      this.pending.delete(frame.client_id);
    } else if (frame.message) {
      this.showNotice(frame.message);
    }
  }

  showTyping(frame) {
    this.typing.textContent = this.labels.typing.replace("%s", frame.name || frame.organisation_name || "");
    this.typing.hidden = false;
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.hideTyping(), TYPING_SHOWN_MS);
  }

  hideTyping() {
    clearTimeout(this.typingTimer);
    this.typing.hidden = true;
  }

  // Outbox: what we typed and the server has not stored yet, kept across reloads of this tab -------------

  outbox() {
    try {
      return JSON.parse(sessionStorage.getItem(this.storageKey) || "[]");
    } catch {
      return [];
    }
  }

  saveOutbox(items) {
    try {
      if (items.length) sessionStorage.setItem(this.storageKey, JSON.stringify(items));
      else sessionStorage.removeItem(this.storageKey);
    } catch {
      // Private mode or full storage: the message still goes out if the connection holds.
    }
  }

  forget(clientId) {
    this.saveOutbox(this.outbox().filter((item) => item.client_id !== clientId));
  }

  onSubmit(event) {
    const body = this.field.value;
    // Files cannot go through the socket, and an empty text gets the server's error: both take the plain POST.
    if (!body.trim() || this.form.elements.attachments?.files?.length) return;
    event.preventDefault();
    const item = { client_id: crypto.randomUUID(), body };
    this.saveOutbox([...this.outbox(), item]);
    this.showPending(item);
    this.field.value = "";
    this.field.focus();
    this.flush([item]);
  }

  flush(items = this.outbox()) {
    if (this.polling) {
      for (const item of items) if (!this.inFlight.has(item.client_id)) this.postWithFetch(item);
    } else if (this.socket?.readyState === WebSocket.OPEN) {
      for (const item of items) this.send({ action: "post", client_id: item.client_id, body: item.body });
    } else {
      this.showNotice(this.labels.offline);
    }
  }

  onInput() {
    const now = Date.now();
    if (this.socket?.readyState === WebSocket.OPEN && now - this.lastTypingSent > TYPING_SEND_EVERY_MS) {
      this.lastTypingSent = now;
      this.send({ action: "typing" });
    }
  }

  sendRead() {
    if (document.visibilityState !== "visible" || this.lastSeq <= this.lastReadSent) return;
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    this.lastReadSent = this.lastSeq;
    this.send({ action: "read", seq: this.lastSeq });
  }

  // WebSocket -----------------------------------------------------------------------------------------

  send(frame) {
    this.socket.send(JSON.stringify(frame));
  }

  connect() {
    let opened = false;
    const socket = new WebSocket(websocketUrl(this.root.dataset.wsUrl));
    this.socket = socket;
    socket.addEventListener("open", () => {
      opened = true;
      this.stopPolling();
      this.root.dataset.transport = "websocket";
      this.failures = 0;
      this.attempt = 0;
      this.showNotice("");
      this.send({ action: "resume", after_seq: this.lastSeq });
    });
    socket.addEventListener("message", (event) => this.onFrame(JSON.parse(event.data)));
    socket.addEventListener("close", (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.root.dataset.transport = "offline";
      if (FINAL_CLOSE_CODES.has(event.code)) {
        this.showNotice(this.labels.refused);
        return;
      }
      if (this.polling) {
        this.root.dataset.transport = "polling";
        this.scheduleSocketRetry(); // still no live layer: keep polling, try again later
        return;
      }
      if (!opened) this.failures += 1;
      if (event.code === CLOSE_LIVE_UNAVAILABLE || this.failures >= FAILURES_BEFORE_POLLING) {
        this.startPolling();
        return;
      }
      if (this.outbox().length) this.showNotice(this.labels.offline);
      this.scheduleReconnect();
    });
  }

  scheduleReconnect() {
    const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** this.attempt);
    this.attempt += 1;
    const delay = ceiling / 2 + Math.random() * (ceiling / 2); // jitter: tabs do not all come back at once
    setTimeout(() => this.connect(), delay);
  }

  onFrame(frame) {
    switch (frame.type) {
      case "message":
        this.receiveMessage(frame.message);
        break;
      case "message_changed":
        this.changeMessage(frame.message);
        break;
      case "resumed":
        this.lastSeq = Math.max(this.lastSeq, frame.last_seq);
        this.flush();
        this.sendRead();
        break;
      case "ack":
        this.acknowledge(frame);
        break;
      case "read":
        this.markRead(frame);
        break;
      case "typing":
        this.showTyping(frame);
        break;
      case "error":
        this.fail(frame);
        break;
      default:
        break;
    }
  }

  // Polling fallback: no socket, the page asks every few seconds and posts the form with fetch ------------

  startPolling() {
    if (this.polling || !this.root.dataset.pollUrl) return;
    this.polling = true;
    this.root.dataset.transport = "polling";
    this.showNotice("");
    this.poll();
    this.pollTimer = setInterval(() => this.poll(), POLL_INTERVAL_MS);
    this.flush();
    this.scheduleSocketRetry();
  }

  stopPolling() {
    if (!this.polling) return;
    clearInterval(this.pollTimer);
    this.pollTimer = null;
    this.polling = false;
  }

  scheduleSocketRetry() {
    if (!this.root.dataset.wsUrl || !("WebSocket" in window)) return;
    const delay = SOCKET_RETRY_WHILE_POLLING_MS * (0.75 + Math.random() / 2);
    setTimeout(() => {
      if (this.polling && !this.socket) this.connect();
    }, delay);
  }

  async poll() {
    const url = new URL(this.root.dataset.pollUrl, window.location.href);
    url.searchParams.set("after", this.lastSeq);
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) return;
      const data = await response.json();
      const messages = Array.isArray(data) ? data : data.messages || [];
      for (const message of messages) this.receiveMessage(message);
      for (const read of data.reads || []) this.markRead(read);
      this.flush(); // what a network error kept in the outbox goes now (the server keeps one per client id)
    } catch {
      // Offline for now: the next poll tries again.
    }
  }

  async postWithFetch(item) {
    const data = new FormData(this.form);
    data.set("body", item.body);
    data.set("client_id", item.client_id);
    const token = cookie("csrftoken") || data.get("csrfmiddlewaretoken") || "";
    this.inFlight.add(item.client_id);
    try {
      const response = await fetch(this.form.action || window.location.href, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token, Accept: "application/json" },
      });
      if (!response.ok) {
        let message = "";
        try {
          const error = (await response.json()).error || "";
          message = typeof error === "string" ? error : Object.values(error).flat().map((e) => e.message).join(" ");
        } catch {
          // Not JSON: the status is all we know.
        }
        this.fail({ client_id: item.client_id, message });
        return;
      }
      const element = this.pending.get(item.client_id);
      if (element?.dataset.state === "sending") this.setState(element, "sent");
      this.forget(item.client_id);
      let stored = null;
      try {
        stored = (await response.json()).message;
      } catch {
        // An HTML answer (the form page): the next poll brings the message.
      }
      if (stored) this.receiveMessage(stored);
      else this.poll();
    } catch {
      this.showNotice(this.labels.offline); // kept in the outbox: sent again after the next poll
    } finally {
      this.inFlight.delete(item.client_id);
    }
  }
}

const root = document.getElementById("conversation");
if (root) new Conversation(root).start();

// Toasts: the messages of includes/toasts.html become dismissible, and the good news goes away by itself.
// Progressive enhancement only: without this file the messages stay on the page as a plain list.
// - Every toast gets a real <button> to close it; focus then moves to the next toast's button, or to the content.
// - Success and information toasts hide after HIDE_AFTER_MS, but never while the pointer is over them or focus is
//   inside them. Errors and warnings stay until closed.

const HIDE_AFTER_MS = 10000;
const AUTO_HIDDEN = ["toast--success", "toast--info", "toast--debug"];

function close(toast) {
  const container = toast.closest("[data-toasts]");
  const list = toast.parentElement;
  const hadFocus = toast.contains(document.activeElement);
  toast.remove();
  if (list && !list.children.length) list.closest(".toasts__region")?.remove();
  if (container && !container.querySelector(".toast")) container.remove();
  if (hadFocus) {
    const next = document.querySelector("[data-toasts] .toast__close") || document.getElementById("main");
    next?.focus();
  }
}

function autoHide(toast) {
  let timer = null;
  let paused = false;
  const start = () => {
    clearTimeout(timer);
    if (!paused) timer = setTimeout(() => close(toast), HIDE_AFTER_MS);
  };
  const pause = () => {
    paused = true;
    clearTimeout(timer);
  };
  const resume = () => {
    paused = toast.matches(":hover") || toast.contains(document.activeElement);
    start();
  };
  toast.addEventListener("mouseenter", pause);
  toast.addEventListener("mouseleave", resume);
  toast.addEventListener("focusin", pause);
  toast.addEventListener("focusout", () => setTimeout(resume));
  start();
}

function enhance(container) {
  const label = container.dataset.closeLabel || "Fermer";
  for (const toast of container.querySelectorAll(".toast")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "toast__close";
    const cross = document.createElement("span");
    cross.setAttribute("aria-hidden", "true");
    cross.textContent = "×";
    const text = document.createElement("span");
    text.className = "visually-hidden";
    text.textContent = label;
    button.append(cross, text);
    button.addEventListener("click", () => close(toast));
    toast.append(button);
    toast.classList.add("toast--dismissible");
    if (AUTO_HIDDEN.some((name) => toast.classList.contains(name))) autoHide(toast);
  }
}

for (const container of document.querySelectorAll("[data-toasts]")) enhance(container);

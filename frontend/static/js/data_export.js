// "Mes données": while the archive is prepared, ask its status every POLL_MS and move the <progress>; once it is
// ready, show the download link. Without this file the page refreshes itself (a <noscript> meta refresh).
// The status endpoint answers {state, progress, in_progress, download_url}; the page's messages are in its markup.

const POLL_MS = 1500;
const GIVE_UP_AFTER = 200; // polls (five minutes): the page then asks for a reload rather than polling forever

function show(element, visible) {
  if (element) element.hidden = !visible;
}

function start(box) {
  const url = box.dataset.statusUrl;
  if (!url) return;
  const bar = box.querySelector("progress");
  const progress = box.querySelector("[data-export-progress]");
  const ready = box.querySelector("[data-export-ready]");
  const link = box.querySelector("[data-export-link]");
  const failed = box.querySelector("[data-export-failed]");
  let polls = 0;

  async function poll() {
    polls += 1;
    let status;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) return;
      status = await response.json();
    } catch {
      status = null; // a network hiccup: try again at the next tick
    }
    if (status) {
      if (bar) {
        bar.value = status.progress;
        bar.textContent = `${status.progress} %`;
      }
      if (status.download_url) {
        link.href = status.download_url;
        show(progress, false);
        show(ready, true);
        link.focus();
        return;
      }
      if (status.state === "failed") {
        show(progress, false);
        show(failed, true);
        return;
      }
    }
    if (polls < GIVE_UP_AFTER) setTimeout(poll, POLL_MS);
  }

  setTimeout(poll, POLL_MS);
}

document.querySelectorAll("[data-export-status]").forEach(start);

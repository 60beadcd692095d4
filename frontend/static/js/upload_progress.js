// Upload progress for forms marked <form data-upload-progress>: files (or a long import) are sent with
// XMLHttpRequest, whose upload events feed a native <progress>, and the page then shows what the server answered,
// exactly as a normal post would: the page a redirect led to (with its messages), or the form again with its errors.
// Without this file, or for a form with file inputs but no file chosen, the form posts normally.
//
// - The markup and its translated words come from <template id="upload-progress"> (includes/upload_progress.html,
//   in the site's layout and in the admin screens that use it).
// - The percentage is shown as it moves; screen readers hear it politely at each quarter, then "processing".
// - Another script may handle the submit first (the confirmation dialog, the live chat): this one listens on the
//   document, after them, and leaves alone a submit they prevented.
// - The answer replaces the document (document.open/write), so its messages are not lost to a second request;
//   the address becomes the one the server redirected to, and the page's module scripts run again on the new
//   content (a module runs once per URL, hence the query string that makes it new).

const TEMPLATE_ID = "upload-progress";
const ANNOUNCE_EVERY = 25; // percent

function percentText(fraction) {
  const language = document.documentElement.lang || "fr";
  return new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 0 }).format(fraction);
}

function filesChosen(form) {
  const inputs = [...form.querySelectorAll("input[type='file']")];
  return inputs.length === 0 || inputs.some((input) => input.files && input.files.length > 0);
}

function formData(form, submitter) {
  try {
    return new FormData(form, submitter || undefined);
  } catch {
    const data = new FormData(form);
    if (submitter?.name) data.append(submitter.name, submitter.value);
    return data;
  }
}

class ProgressBox {
  constructor(form, submitter) {
    const template = document.getElementById(TEMPLATE_ID);
    this.box = template.content.firstElementChild.cloneNode(true);
    this.words = { ...this.box.dataset };
    this.progress = this.box.querySelector("progress");
    this.percent = this.box.querySelector("[data-upload-percent]");
    this.status = this.box.querySelector("[data-upload-status]");
    this.cancelButton = this.box.querySelector("[data-upload-cancel]");
    this.error = this.box.querySelector("[data-upload-error]");
    this.announced = 0;
    form.querySelector("[data-upload-progress-box]")?.remove(); // what a failed attempt left
    const anchor = submitter?.closest(".button-row") || submitter;
    if (anchor && form.contains(anchor)) anchor.after(this.box);
    else form.append(this.box);
    this.setState("uploading");
    this.update(0);
    this.say(this.words.labelStarted || "");
  }

  setState(state) {
    this.box.dataset.state = state;
  }

  say(text) {
    this.status.textContent = text;
  }

  update(fraction) {
    const value = Math.round(Math.min(Math.max(fraction, 0), 1) * 100);
    this.progress.value = value;
    this.percent.textContent = percentText(value / 100);
    const step = Math.floor(value / ANNOUNCE_EVERY) * ANNOUNCE_EVERY;
    if (step > this.announced && step < 100) {
      this.announced = step;
      this.say((this.words.labelProgress || "%s").replace("%s", percentText(step / 100)));
    }
  }

  processing() {
    this.update(1);
    this.setState("processing");
    this.cancelButton.hidden = true;
    this.say(this.words.labelProcessing || "");
  }

  failed() {
    this.setState("failed");
    this.cancelButton.hidden = true;
    this.error.textContent = this.words.labelFailed || "";
    this.error.hidden = false;
    this.say(this.words.labelFailed || "");
  }

  remove() {
    this.box.remove();
  }
}

// The page the server answered, in place of this one, with its scripts running again.
function showAnswer(html, url) {
  const moduleSources = new Set([...document.querySelectorAll("script[type='module'][src]")].map((s) => s.src));
  if (url && url !== window.location.href) {
    try {
      history.replaceState(null, "", url);
    } catch {
      window.location.assign(url); // another origin: let the browser go there
      return;
    }
  }
  document.open();
  document.write(html);
  document.close();
  const stamp = Date.now();
  for (const script of document.querySelectorAll("script[type='module'][src]")) {
    if (!moduleSources.has(script.src)) continue; // new to this page: the browser runs it itself
    const fresh = new URL(script.src);
    fresh.searchParams.set("rerun", stamp);
    import(fresh.href);
  }
  focusAnswer();
}

// Focus what the reader needs first: an error, else the messages, else the content.
function focusAnswer() {
  const target =
    [...document.querySelectorAll("[role='alert'], .alert--error")].find((el) => el.textContent.trim()) ||
    document.querySelector(".field--error") ||
    document.querySelector("[data-toasts]") ||
    document.getElementById("main");
  if (!target) return;
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus();
}

function upload(form, submitter) {
  const box = new ProgressBox(form, submitter);
  const action = submitter?.hasAttribute("formaction") ? submitter.formAction : form.action;
  const request = new XMLHttpRequest();
  const finish = () => {
    form.dataset.uploading = "";
    if (submitter) submitter.removeAttribute("aria-disabled");
  };
  form.dataset.uploading = "yes";
  if (submitter) submitter.setAttribute("aria-disabled", "true");

  request.open("POST", action);
  request.setRequestHeader("Accept", "text/html,application/xhtml+xml");
  request.upload.addEventListener("progress", (event) => {
    if (event.lengthComputable && event.total > 0) box.update(event.loaded / event.total);
  });
  request.upload.addEventListener("load", () => box.processing());
  request.addEventListener("load", () => {
    finish();
    if (!request.responseText) {
      box.failed();
      return;
    }
    box.processing();
    showAnswer(request.responseText, request.responseURL);
  });
  request.addEventListener("error", () => {
    finish();
    box.failed();
  });
  request.addEventListener("abort", () => {
    finish();
    box.remove();
    submitter?.focus();
  });
  box.cancelButton.addEventListener("click", () => request.abort());
  request.send(formData(form, submitter));
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-upload-progress")) return;
  if (form.dataset.uploading === "yes") {
    event.preventDefault(); // one upload at a time
    return;
  }
  if (event.defaultPrevented || form.method.toLowerCase() !== "post" || !filesChosen(form)) return;
  if (!document.getElementById(TEMPLATE_ID) || !("upload" in XMLHttpRequest.prototype)) return;
  event.preventDefault();
  upload(form, event.submitter);
});

// Progressive enhancement only: every page works without this file.

// Submitting the language switcher as soon as a language is picked.
for (const select of document.querySelectorAll("select[data-autosubmit]")) {
  select.addEventListener("change", () => select.form.requestSubmit());
}

// Asking before destructive actions (removing a member, withdrawing a quote) in a modal <dialog>: the browser
// keeps focus inside it and Escape cancels; focus then goes back to the button that asked. The dialog's
// translated buttons come from the <template id="confirm-dialog"> of the layout. Without JavaScript the
// form posts directly, as the server-side rules (who may do what) do not depend on this question.
// Tab and Shift+Tab cycle through the dialog's controls instead of leaving for the browser's toolbar.
function trapFocus(dialog) {
  dialog.addEventListener("keydown", (event) => {
    if (event.key !== "Tab") return;
    const controls = [...dialog.querySelectorAll("button, [href], input, select, textarea")].filter((el) => !el.disabled);
    const first = controls[0];
    const last = controls[controls.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });
}

function confirmBeforeSubmit(form) {
  const template = document.getElementById("confirm-dialog");
  form.addEventListener("submit", (event) => {
    if (form.dataset.confirmed === "yes") return;
    event.preventDefault();
    const submitter = event.submitter || form.querySelector("[type=submit]");
    const dialog = template.content.firstElementChild.cloneNode(true);
    dialog.querySelector("[data-confirm-message]").textContent = form.dataset.confirm;
    document.body.append(dialog);
    trapFocus(dialog);
    dialog.addEventListener("close", () => {
      dialog.remove();
      if (dialog.returnValue === "yes") {
        form.dataset.confirmed = "yes";
        form.requestSubmit(submitter);
      } else if (submitter) {
        submitter.focus();
      }
    });
    dialog.showModal();
  });
}
for (const form of document.querySelectorAll("form[data-confirm]")) confirmBeforeSubmit(form);

// Copy-to-clipboard for secrets shown once (API tokens).
for (const code of document.querySelectorAll("[data-copy]")) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button button--small";
  button.textContent = document.documentElement.lang === "en" ? "Copy" : "Copier";
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(code.textContent.trim());
    button.textContent = document.documentElement.lang === "en" ? "Copied" : "Copié";
  });
  code.after(" ", button);
}

// A table wider than the screen scrolls inside its wrapper: keyboard users reach it with Tab and scroll it
// with the arrow keys, screen readers announce it as a region named after the table's caption or heading.
function markScrollableTables() {
  for (const wrapper of document.querySelectorAll(".table-wrapper")) {
    if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
      const table = wrapper.querySelector("table");
      const caption = table && table.caption ? table.caption.textContent.trim() : "";
      const label = caption || (document.documentElement.lang === "en" ? "Table, scrolls sideways" : "Tableau défilant horizontalement");
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      if (!wrapper.hasAttribute("aria-label")) wrapper.setAttribute("aria-label", label);
    } else if (wrapper.getAttribute("role") === "region") {
      wrapper.removeAttribute("tabindex");
      wrapper.removeAttribute("role");
      wrapper.removeAttribute("aria-label");
    }
  }
}
markScrollableTables();
window.addEventListener("resize", markScrollableTables);

// Progressive enhancement only: every page works without this file.

// Submitting the language switcher as soon as a language is picked.
for (const select of document.querySelectorAll("select[data-autosubmit]")) {
  select.addEventListener("change", () => select.form.requestSubmit());
}

// Asking before destructive actions (removing a member, leaving an organisation).
for (const form of document.querySelectorAll("form[data-confirm]")) {
  form.addEventListener("submit", (event) => {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  });
}

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

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

// Quote form: add and remove rows of the lines and milestones, and show an estimate of the lines' total.
// Progressive enhancement only: without this file the form offers spare empty rows, and the server computes
// every total whatever this estimate says.

const formatter = new Intl.NumberFormat(document.documentElement.lang || "fr", { style: "currency", currency: "EUR" });

function parseNumber(text) {
  const value = Number(String(text).replace(/[\s\u00a0]/g, "").replace(",", "."));
  return Number.isFinite(value) ? value : NaN;
}

function setUpFormset(table) {
  const prefix = table.dataset.formset;
  const form = table.closest("form");
  const total = form.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
  const max = form.querySelector(`input[name="${prefix}-MAX_NUM_FORMS"]`);
  const template = form.querySelector(`template[data-formset-template="${prefix}"]`);
  const rows = table.querySelector("[data-formset-rows]");
  if (!total || !template || !rows) return;

  const addRemoveButton = (row) => {
    const cell = row.querySelector("[data-formset-actions]");
    if (!cell || cell.querySelector("button")) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "link-button";
    button.textContent = table.dataset.removeLabel;
    button.addEventListener("click", () => {
      // The row goes away; the management form keeps its count, and a missing row is read as an empty one.
      const next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      updateEstimate(form);
      (next?.querySelector("input") || addButton).focus();
    });
    cell.append(button);
  };

  const addButton = document.createElement("button");
  addButton.type = "button";
  addButton.className = "button button--small button--secondary";
  addButton.textContent = table.dataset.addLabel;
  addButton.addEventListener("click", () => {
    const index = Number(total.value);
    if (max && index >= Number(max.value)) return;
    const html = template.innerHTML.replaceAll("__prefix__", String(index));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    const row = rows.lastElementChild;
    addRemoveButton(row);
    row.querySelector("input")?.focus();
  });
  table.closest(".table-wrapper").after(addButton);
  rows.querySelectorAll("[data-formset-row]").forEach(addRemoveButton);
}

function updateEstimate(form) {
  const estimate = form.querySelector("[data-estimate]");
  if (!estimate) return;
  let sum = 0;
  for (const row of form.querySelectorAll('[data-formset="lines"] [data-formset-row]')) {
    const quantityInput = row.querySelector('input[name$="-quantity"]');
    const priceInput = row.querySelector('input[name$="-unit_price"]');
    if (!priceInput || priceInput.value.trim() === "") continue;
    const quantity = quantityInput && quantityInput.value.trim() !== "" ? parseNumber(quantityInput.value) : 1;
    const price = parseNumber(priceInput.value);
    if (Number.isNaN(quantity) || Number.isNaN(price)) continue;
    sum += Math.round(quantity * price * 100);
  }
  estimate.querySelector("[data-estimate-output]").textContent = formatter.format(sum / 100);
  estimate.hidden = sum === 0;
}

for (const form of document.querySelectorAll("form[data-proposal-form]")) {
  form.querySelectorAll("table[data-formset]").forEach(setUpFormset);
  form.addEventListener("input", () => updateEstimate(form));
  updateEstimate(form);
}

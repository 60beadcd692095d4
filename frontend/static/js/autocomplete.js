// Suggestions for the directory's search box: skills and verified providers' names, in a native <datalist>.
// Progressive enhancement only: without this file the box is a plain search field and the form still works.

const MIN_LENGTH = 2;
const DELAY_MS = 200;

function enhance(input) {
  const list = document.createElement("datalist");
  list.id = `${input.id}-suggestions`;
  input.after(list);
  input.setAttribute("list", list.id);

  let timer = null;
  let controller = null;
  let last = "";

  async function refresh() {
    const text = input.value.trim();
    if (text.length < MIN_LENGTH || text === last) return;
    last = text;
    controller?.abort();
    controller = new AbortController();
    const url = new URL(input.dataset.suggestUrl, window.location.origin);
    url.searchParams.set("q", text);
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const found = await response.json();
      const options = [...found.skills.map((skill) => skill.label), ...found.providers.map((p) => p.name)];
      list.replaceChildren(
        ...[...new Set(options)].map((value) => {
          const option = document.createElement("option");
          option.value = value; // text, never HTML
          return option;
        }),
      );
    } catch (error) {
      if (error.name !== "AbortError") list.replaceChildren();
    }
  }

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, DELAY_MS);
  });
}

for (const input of document.querySelectorAll("input[data-suggest-url]")) {
  enhance(input);
}

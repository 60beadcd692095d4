// Accessible tabs (WAI-ARIA Authoring Practices, tabs with automatic activation) for includes/tabs.html.
// Without this file the include is a list of links to the page's sections, all visible: nothing is lost.
// With it, the links become tabs and the sections tab panels, one shown at a time:
// - Left/Right arrows move to the previous/next tab (wrapping), Home/End to the first/last; the tab moved to is
//   shown at once. Only the selected tab is in the Tab order; Tab then goes into its panel.
// - The tab shown first is the one the address points to (#id of a section or of something inside it), else
//   the one holding a form error (a re-rendered form must show its errors), else the first.
// - Choosing a tab writes its #id in the address (without scrolling), so a reload or a shared link keeps it.

const ERROR_SELECTOR = ".field--error, .alert--error, [aria-invalid='true']";

class Tabs {
  constructor(nav) {
    this.nav = nav;
    this.list = nav.querySelector("ul");
    this.tabs = [...nav.querySelectorAll("a[href^='#']")];
    this.panels = this.tabs.map((tab) => document.getElementById(decodeURIComponent(tab.hash.slice(1))));
  }

  start() {
    if (this.tabs.length < 2 || this.panels.some((panel) => !panel)) return;
    this.list.setAttribute("role", "tablist");
    this.list.setAttribute("aria-label", this.nav.getAttribute("aria-label") || "");
    this.nav.removeAttribute("aria-label");
    this.nav.setAttribute("role", "none");
    this.nav.classList.add("tabs--enhanced");
    this.tabs.forEach((tab, index) => {
      const panel = this.panels[index];
      tab.parentElement.setAttribute("role", "none");
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", panel.id);
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.setAttribute("tabindex", "0");
      panel.classList.add("tabs__panel");
      tab.addEventListener("click", (event) => {
        event.preventDefault();
        this.select(index, { remember: true });
      });
    });
    this.list.addEventListener("keydown", (event) => this.onKeydown(event));
    window.addEventListener("hashchange", () => {
      const index = this.indexFor(window.location.hash);
      if (index >= 0) this.select(index);
    });
    const fromAddress = this.indexFor(window.location.hash);
    const withError = this.panels.findIndex((panel) => panel.querySelector(ERROR_SELECTOR));
    this.select(fromAddress >= 0 ? fromAddress : Math.max(withError, 0));
  }

  // The panel the address points to: the panel itself or an element inside it; -1 for none.
  indexFor(hash) {
    if (!hash || hash.length < 2) return -1;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    return target ? this.panels.findIndex((panel) => panel.contains(target)) : -1;
  }

  select(index, { focus = false, remember = false } = {}) {
    this.tabs.forEach((tab, i) => {
      const selected = i === index;
      tab.setAttribute("aria-selected", String(selected));
      tab.setAttribute("tabindex", selected ? "0" : "-1");
      this.panels[i].hidden = !selected;
    });
    if (focus) this.tabs[index].focus();
    if (remember) history.replaceState(history.state, "", this.tabs[index].hash);
  }

  onKeydown(event) {
    const current = this.tabs.indexOf(document.activeElement);
    if (current < 0) return;
    const last = this.tabs.length - 1;
    const next = {
      ArrowRight: current === last ? 0 : current + 1,
      ArrowLeft: current === 0 ? last : current - 1,
      Home: 0,
      End: last,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.select(next, { focus: true, remember: true });
  }
}

for (const nav of document.querySelectorAll("nav[data-tabs]")) new Tabs(nav).start();

// Suggestions for code and reference inputs (NACE-BEL, legal forms, joint committees,
// project references). An input with data-suggest="URL" asks URL?q=... as the user
// types and shows a listbox; with data-multiple the suggestion completes the last
// comma-separated item. Without this script the inputs still accept typed codes.
(function () {
  "use strict";

  function debounce(fn, delay) {
    let timer;
    return function (...args) {
      clearTimeout(timer);
      timer = setTimeout(() => fn.apply(this, args), delay);
    };
  }

  function setUp(input, index) {
    const multiple = input.dataset.multiple === "true";
    const list = document.createElement("ul");
    list.id = `suggestions-${index}`;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.after(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    let options = [];
    let active = -1;

    function currentTerm() {
      return multiple ? input.value.split(",").pop().trim() : input.value.trim();
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(position) {
      const items = list.querySelectorAll("li");
      items.forEach((item, i) => item.setAttribute("aria-selected", String(i === position)));
      active = position;
      if (items[position]) {
        input.setAttribute("aria-activedescendant", items[position].id);
        items[position].scrollIntoView({ block: "nearest" });
      }
    }

    function choose(option) {
      if (multiple) {
        const parts = input.value.split(",").slice(0, -1).map((part) => part.trim());
        parts.push(option.code);
        input.value = parts.filter(Boolean).join(", ") + ", ";
      } else {
        input.value = `${option.code} ${option.label}`;
      }
      close();
      input.focus();
    }

    const fetchSuggestions = debounce(async () => {
      const term = currentTerm();
      if (term.length < 2) {
        close();
        return;
      }
      const url = new URL(input.dataset.suggest, window.location.href);
      url.searchParams.set("q", term);
      const version = input.form && input.form.querySelector("[name=nace_version]");
      if (version) url.searchParams.set("version", version.value);
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      options = (await response.json()).results;
      list.replaceChildren(
        ...options.map((option, i) => {
          const item = document.createElement("li");
          item.id = `${list.id}-${i}`;
          item.setAttribute("role", "option");
          item.textContent = `${option.code} — ${option.label}`;
          item.addEventListener("mousedown", (event) => {
            event.preventDefault();
            choose(option);
          });
          return item;
        })
      );
      list.hidden = options.length === 0;
      input.setAttribute("aria-expanded", String(options.length > 0));
      active = -1;
    }, 150);

    input.addEventListener("input", fetchSuggestions);
    input.addEventListener("blur", close);
    input.addEventListener("keydown", (event) => {
      if (list.hidden) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight(Math.min(active + 1, options.length - 1));
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(options[active]);
      } else if (event.key === "Escape") {
        close();
      }
    });
  }

  document.querySelectorAll("input[data-suggest]").forEach(setUp);
})();

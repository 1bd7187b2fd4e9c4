// Show only the fields that apply to the chosen kind of activity: expert fields for an
// expert intervention, attendees for an event. The server checks the same rules.
(function () {
  "use strict";
  const kind = document.querySelector("select[name=kind]");
  if (!kind) return;
  const onlyFor = { expert_type: "expert", expert_name: "expert", cost_eur: "expert", attendees: "event" };

  function update() {
    for (const [name, wanted] of Object.entries(onlyFor)) {
      const wrapper = document.querySelector(`.field[data-field="${name}"]`);
      if (!wrapper) continue;
      const input = wrapper.querySelector("input, select");
      // Never hide a field that has a value or an error: the user must see it.
      const keep = wrapper.classList.contains("has-errors") || (input && input.value);
      wrapper.hidden = kind.value !== wanted && !keep;
    }
  }

  kind.addEventListener("change", update);
  update();
})();

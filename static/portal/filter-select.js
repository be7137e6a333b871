// Progressive enhancement of long lists (countries, time zones): a search box
// above the select hides the options that do not match what is typed
// (accents and case ignored) and picks the first match. Without JavaScript the
// select works as it is.
(function () {
  "use strict";

  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  document.querySelectorAll("select[data-filter-text]").forEach(function (select) {
    var input = document.createElement("input");
    input.type = "search";
    input.className = "form-control form-control-sm mb-1 select-filter";
    input.placeholder = select.dataset.filterText;
    input.setAttribute("aria-label", select.dataset.filterText);
    input.setAttribute("autocomplete", "off");
    if (select.id) { input.setAttribute("aria-controls", select.id); }
    select.parentNode.insertBefore(input, select);
    input.addEventListener("input", function () {
      var typed = plain(input.value);
      var first = null;
      Array.prototype.forEach.call(select.options, function (option) {
        var shown = !typed || option.value === "" || plain(option.text).indexOf(typed) !== -1;
        option.hidden = !shown;
        if (shown && option.value && first === null) { first = option; }
      });
      var current = select.options[select.selectedIndex];
      if (typed && first && (!current || current.hidden || !current.value)) {
        select.value = first.value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  });
})();

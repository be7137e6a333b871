// Progressive enhancement of the authors' order: each author's card gets
// "Move up" / "Move down" buttons and a handle to drag it; the cards are
// reordered and their Position fields, then hidden, renumbered. Without
// JavaScript the Position numbers say the order, as before.
(function () {
  "use strict";
  var formset = document.querySelector('[data-formset="authors"]');
  if (!formset) { return; }
  var dragged = null;

  function rows() { return Array.prototype.slice.call(formset.querySelectorAll(".formset-row")); }
  function orderOf(row) { return row.querySelector('input[name$="-ORDER"]'); }
  function isBlank(row) {
    return Array.prototype.every.call(row.querySelectorAll("input, select, textarea"), function (field) {
      if (field.name.slice(-6) === "-ORDER" || field.type === "hidden") { return true; }
      if (field.type === "checkbox" || field.type === "radio") { return !field.checked; }
      return field.value === "";
    });
  }

  function renumber() {
    var position = 0;
    rows().forEach(function (row) {
      var order = orderOf(row);
      var heading = row.querySelector("h3");
      var filled = !isBlank(row);
      if (filled) { position += 1; }
      if (order) { order.value = filled ? position : ""; }
      if (heading && filled) { heading.textContent = heading.textContent.replace(/\d+\s*$/, String(position)); }
    });
  }

  function move(row, step) {
    var all = rows();
    var index = all.indexOf(row);
    var other = all[index + step];
    if (!other || other.hidden) { return; }
    if (step < 0) { row.parentNode.insertBefore(row, other); } else { row.parentNode.insertBefore(other, row); }
    renumber();
  }

  function button(text, symbol, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "btn btn-sm btn-outline-secondary";
    b.textContent = symbol + " " + text;
    b.addEventListener("click", onClick);
    return b;
  }

  rows().forEach(function (row) {
    var order = orderOf(row);
    if (order) {
      var wrapper = order.closest(".mb-3") || order.parentNode;
      wrapper.hidden = true;
    }
    var tools = document.createElement("div");
    tools.className = "d-flex flex-wrap gap-2 mb-2 author-order";
    var handle = document.createElement("span");
    handle.className = "btn btn-sm btn-light";
    handle.draggable = true;
    handle.textContent = "⠿ " + formset.dataset.dragText;
    handle.addEventListener("dragstart", function (event) {
      dragged = row;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", "");
    });
    tools.appendChild(handle);
    tools.appendChild(button(formset.dataset.moveUpText, "↑", function () { move(row, -1); }));
    tools.appendChild(button(formset.dataset.moveDownText, "↓", function () { move(row, 1); }));
    row.querySelector(".card-body").insertBefore(tools, row.querySelector(".card-body").children[1] || null);
    row.addEventListener("dragover", function (event) { if (dragged) { event.preventDefault(); } });
    row.addEventListener("drop", function (event) {
      if (!dragged || dragged === row) { return; }
      event.preventDefault();
      var box = row.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      row.parentNode.insertBefore(dragged, after ? row.nextSibling : row);
      dragged = null;
      renumber();
    });
  });
  formset.addEventListener("change", renumber);
})();

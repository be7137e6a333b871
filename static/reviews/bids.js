// Saves a bid as soon as a radio button changes; without this script the
// page's "Save my bids" button sends them all at once. The page writes the
// one-bid URL once (data-bid-url, with the nil UUID for the paper's code)
// and each radio group is named bid-<code>.
(function () {
  "use strict";
  var form = document.getElementById("bids-form");
  if (!form || !window.fetch) { return; }
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var placeholder = "00000000-0000-0000-0000-000000000000";
  form.addEventListener("change", function (event) {
    var radio = event.target;
    var fieldset = radio.closest("fieldset.bid");
    if (!fieldset || radio.type !== "radio" || radio.name.indexOf("bid-") !== 0) { return; }
    var status = fieldset.querySelector(".bid-status");
    if (!status) {
      status = document.createElement("span");
      status.setAttribute("role", "status");
      fieldset.appendChild(status);
    }
    var body = new FormData();
    body.append("value", radio.value);
    status.textContent = "";
    fetch(form.dataset.bidUrl.replace(placeholder, radio.name.slice(4)), {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": token, "X-Requested-With": "fetch" },
    }).then(function (response) {
      status.className = "bid-status " + (response.ok ? "text-success" : "text-danger");
      status.textContent = response.ok ? form.dataset.savedText : form.dataset.failedText;
      if (response.ok && radio.value === "conflict") {
        fieldset.hidden = true;
      }
    }).catch(function () {
      status.className = "bid-status text-danger";
      status.textContent = form.dataset.failedText;
    });
  });
})();

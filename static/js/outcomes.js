// The outcome pages of the assessment (progressive enhancement; every form works without this).
// - An error summary at the top of a form takes the focus, so a screen reader reads it first.
// - In the decision form, the conditions and the resubmission deadline are shown only for the
//   outcome that asks for them.
(function () {
  "use strict";

  function focusErrors() {
    var summary = document.querySelector(".error-summary");
    if (summary) {
      summary.focus();
    }
  }

  function outcomeFields() {
    var radios = document.querySelectorAll('input[type="radio"][name="outcome"]');
    var blocks = document.querySelectorAll("[data-outcome-field]");
    if (!radios.length || !blocks.length) {
      return;
    }
    function update() {
      var chosen = document.querySelector('input[type="radio"][name="outcome"]:checked');
      var value = chosen ? chosen.value : "";
      blocks.forEach(function (block) {
        var wanted = block.getAttribute("data-outcome-field") === value;
        var hasError = block.querySelector(".field--error") !== null;
        block.hidden = !(wanted || hasError);
      });
    }
    radios.forEach(function (radio) {
      radio.addEventListener("change", update);
    });
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrors();
    outcomeFields();
  });
})();

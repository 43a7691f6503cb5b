// The running total on the scoring page: the sum of the scores typed so far, each counted
// `weight` times, shown with two decimals in Dutch notation. The server computes the same total
// on every save (assessment.views_scoring.total_of), so the page also works without this file.
(function () {
  "use strict";

  // Read a score as the server reads it (Dutch notation): "." groups thousands, "," is the
  // decimal sign. Anything else, or a score outside the scale, does not count.
  function parse(text, max) {
    var value = text.trim().replace(/\./g, "").replace(",", ".");
    if (!/^\d+(\.\d{1,2})?$/.test(value)) {
      return null;
    }
    var number = Number(value);
    return number <= max ? number : null;
  }

  // Half up to two decimals, in hundredths to stay exact: "12,50".
  function format(hundredths) {
    var whole = Math.floor(hundredths / 100);
    var cents = String(hundredths % 100).padStart(2, "0");
    return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ".") + "," + cents;
  }

  function update(inputs, output) {
    var total = 0;
    inputs.forEach(function (input) {
      var score = parse(input.value, Number(input.dataset.max));
      if (score !== null) {
        total += Math.round(score * 100) * Number(input.dataset.weight);
      }
    });
    output.value = format(Math.round(total));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var output = document.getElementById("lopend-totaal");
    if (!output) {
      return;
    }
    var inputs = Array.prototype.slice.call(document.querySelectorAll("input[data-weight]"));
    inputs.forEach(function (input) {
      input.addEventListener("input", function () {
        update(inputs, output);
      });
    });
  });
})();

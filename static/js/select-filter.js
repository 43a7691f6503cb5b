// A search box above a long list (regions, municipalities): typing hides the options that do
// not match. Without JavaScript the plain list works as before (type-ahead in the list itself).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select[data-filter-label]").forEach(function (select) {
    var input = document.createElement("input");
    input.type = "search";
    input.id = select.id + "_filter";
    input.className = "select-filter";
    input.setAttribute("aria-controls", select.id);
    var label = document.createElement("label");
    label.htmlFor = input.id;
    label.textContent = select.getAttribute("data-filter-label");
    select.parentNode.insertBefore(label, select);
    select.parentNode.insertBefore(input, select);
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(select.options, function (option) {
        var match = !needle || option.selected || option.text.toLowerCase().indexOf(needle) !== -1;
        option.hidden = !match;
      });
    });
  });
});

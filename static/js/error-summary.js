// Move the keyboard focus to the error summary at the top of a form that came back with
// problems, so a screen reader announces them first. The page works the same without it.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary[tabindex]");
  if (summary) {
    summary.focus();
  }
});

// Streamlit applies a typed date only when someone presses the pointer outside the date field. Enter, and
// Tab from one date to the other, apply it at once by telling the field so (a pointerdown on the page's
// body); the focus stays where the key left it. Our own fixed script, run once per page load; it listens on
// the document, so reruns do not undo it.
(function () {
  if (window.atlasDateKeys) { return; }
  window.atlasDateKeys = true;
  function apply() { document.body.dispatchEvent(new PointerEvent("pointerdown", {bubbles: true})); }
  document.addEventListener("keydown", function (event) {
    var segment = event.target;
    if (!segment || !segment.closest || segment.getAttribute("role") !== "spinbutton" ||
        !segment.closest('[data-testid="stDateInputField"]')) { return; }
    if (event.key === "Enter") { apply(); }
    if (event.key === "Tab") { setTimeout(apply, 0); }  // once the focus has moved on
  }, true);
})();

// Name the admin's autocomplete boxes for screen readers (axe-core's
// aria-input-field-name). select2 names a box by the text it shows, so one
// with nothing picked has no name: give it its field's label, or the
// column header of a table of inline forms.
"use strict";
(function () {
  function fieldName(select) {
    const label = select.id && document.querySelector(`label[for="${select.id}"]`);
    if (label) {
      return label.textContent.replace(/:\s*$/, "").trim();
    }
    const cell = select.closest("td");
    const table = cell && cell.closest("table");
    if (table) {
      const header = table.querySelectorAll("thead th")[cell.cellIndex];
      if (header) {
        return header.textContent.trim();
      }
    }
    return select.getAttribute("aria-label") || "";
  }

  function nameBoxes(root) {
    root.querySelectorAll(".select2-selection__rendered:not([aria-label])").forEach(
      function (box) {
        const container = box.closest(".select2-container");
        const select = container && container.previousElementSibling;
        const name = select && select.tagName === "SELECT" ? fieldName(select) : "";
        if (name) {
          box.setAttribute("aria-label", name);
        }
      }
    );
  }

  // select2 builds its boxes when jQuery is ready, and again for each inline
  // form added: name them as they appear.
  new MutationObserver(function () {
    nameBoxes(document);
  }).observe(document.documentElement, { childList: true, subtree: true });
})();

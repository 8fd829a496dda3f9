// The focal point picker of the photo form (articles/admin/focal_point.py):
// a click on the picture sets the two number fields; typing in them moves
// the marker. No inline script or style, so the CSP stays strict.
(function () {
  "use strict";

  function round(value) {
    return Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;
  }

  function setUp(picker) {
    var picture = picker.querySelector(".focal-point-picture");
    var marker = picker.querySelector(".focal-point-marker");
    var fieldX = document.getElementById(picker.dataset.xField);
    var fieldY = document.getElementById(picker.dataset.yField);
    if (!picture || !marker || !fieldX || !fieldY) {
      return;
    }

    function show() {
      var x = parseFloat(fieldX.value);
      var y = parseFloat(fieldY.value);
      if (isNaN(x) || isNaN(y)) {
        marker.hidden = true;
        return;
      }
      marker.style.left = round(x) * 100 + "%";
      marker.style.top = round(y) * 100 + "%";
      marker.hidden = false;
    }

    picture.addEventListener("click", function (event) {
      var box = picture.getBoundingClientRect();
      fieldX.value = round((event.clientX - box.left) / box.width);
      fieldY.value = round((event.clientY - box.top) / box.height);
      fieldX.dispatchEvent(new Event("change", { bubbles: true }));
      show();
    });
    fieldX.addEventListener("input", show);
    fieldY.addEventListener("input", show);
    show();
  }

  function start() {
    document.querySelectorAll(".focal-point").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

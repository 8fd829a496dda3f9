// The lead-photo picker: draw each photo the server offers with its
// thumbnail, caption, credit and size, so photos of one agency can be told
// apart. Django's autocomplete.js starts every select2 box through
// $.fn.djangoAdminSelect2; boxes marked .photo-picker get the same start,
// plus a template for their results. Keyboard use is select2's own.
"use strict";
(function () {
  const $ = window.django && window.django.jQuery;
  if (!$ || !$.fn.djangoAdminSelect2) {
    return;
  }
  const startPlain = $.fn.djangoAdminSelect2;

  function part(className, text) {
    const span = document.createElement("span");
    span.className = className;
    span.textContent = text;
    return span;
  }

  function drawPhoto(photo) {
    if (photo.loading || !photo.id || photo.thumbnail === undefined) {
      return photo.text;
    }
    const row = document.createElement("span");
    row.className = "photo-option";
    const picture = document.createElement("span");
    picture.className = "photo-option-picture";
    // Markup made and escaped by the server's one thumbnail helper.
    picture.innerHTML = photo.thumbnail;
    const words = document.createElement("span");
    words.className = "photo-option-words";
    words.append(
      part("photo-option-caption", photo.caption || "No caption"),
      part("photo-option-credit", photo.credit || "No credit"),
      part("photo-option-size", photo.size)
    );
    row.append(picture, words);
    return $(row);
  }

  // select2 leaves its open box without the attributes screen readers
  // need (axe-core: aria-required-attr, label): say what the box controls
  // and what its search field is for.
  function nameOpenBox(element) {
    const container = element.nextElementSibling;
    const selection = container && container.querySelector(".select2-selection");
    if (selection && selection.getAttribute("aria-owns")) {
      selection.setAttribute("aria-controls", selection.getAttribute("aria-owns"));
    }
    const search = document.querySelector(
      ".select2-container--open .select2-search__field"
    );
    if (search) {
      search.setAttribute("aria-label", "Search photos by caption or credit");
    }
  }

  $.fn.djangoAdminSelect2 = function () {
    startPlain.call(this.not(".photo-picker"));
    this.filter(".photo-picker").each(function (i, element) {
      $(element).select2({
        ajax: {
          data: function (params) {
            return {
              term: params.term,
              page: params.page,
              app_label: element.dataset.appLabel,
              model_name: element.dataset.modelName,
              field_name: element.dataset.fieldName,
            };
          },
        },
        templateResult: drawPhoto,
      });
      $(element).on("select2:open", function () {
        nameOpenBox(element);
      });
    });
    return this;
  };
})();

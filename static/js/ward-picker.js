// Progressive enhancement for the ward picker: update the list while the person types.
// Without this script the "Search" button does the same by reloading the page.
(function () {
  document.querySelectorAll("[data-ward-picker]").forEach(function (picker) {
    var results = picker.querySelector("[data-ward-results]");
    var fields = picker.querySelectorAll("select, input[type=search], input[type=text]");
    var timer = null;
    var controller = null;
    function refresh() {
      var params = new URLSearchParams();
      fields.forEach(function (field) { params.set(field.name, field.value); });
      if (picker.dataset.prefix) params.set("prefix", picker.dataset.prefix);
      if (controller) controller.abort();
      controller = new AbortController();
      fetch(picker.dataset.optionsUrl + "?" + params.toString(), { signal: controller.signal })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html !== null) results.innerHTML = html; })
        .catch(function () {});
    }
    fields.forEach(function (field) {
      field.addEventListener(field.tagName === "SELECT" ? "change" : "input", function () {
        clearTimeout(timer);
        timer = setTimeout(refresh, 250);
      });
    });
    // On a slow phone the person may type before this script has loaded: catch up.
    var typedEarly = Array.prototype.some.call(fields, function (field) {
      return field.tagName === "SELECT"
        ? Array.prototype.some.call(field.options, function (o) { return o.selected !== o.defaultSelected; })
        : field.value !== field.defaultValue;
    });
    if (typedEarly) refresh();
  });
})();

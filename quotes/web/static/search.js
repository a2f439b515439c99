// Results as you type, on top of the plain GET form (which works without this file).
// The rows come from the server already escaped; nothing typed is put into the page as HTML.
(function () {
  "use strict";
  var form = document.getElementById("search");
  var out = document.getElementById("results");
  if (!form || !out || !window.fetch) { return; }
  var box = form.querySelector("input[name=q]");
  var timer = null;
  var asked = box.value.trim();
  var current = null;
  function show(query) {
    if (current) { current.abort(); }
    current = new AbortController();
    var url = "/search/results?q=" + encodeURIComponent(query);
    fetch(url, { signal: current.signal, headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) { return; }
        out.innerHTML = html;
        history.replaceState(null, "", query ? "/?q=" + encodeURIComponent(query) : "/");
      })
      .catch(function () { /* a newer keystroke aborted it, or the server is away: the form still works */ });
  }
  box.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var query = box.value.trim();
      if (query === asked) { return; }
      asked = query;
      show(query);
    }, 180);
  });
})();

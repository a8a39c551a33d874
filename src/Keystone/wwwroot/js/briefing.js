// The briefing's copy button. Without JavaScript the button stays hidden and the text can be selected.
(function () {
  var button = document.getElementById("copy-briefing");
  var source = document.getElementById("briefing-plain");
  var status = document.getElementById("copy-status");
  if (!button || !source) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    var text = source.value;
    function done(ok) {
      if (status) status.textContent = ok ? button.getAttribute("data-done") : button.getAttribute("data-failed");
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { fallback(); });
    } else {
      fallback();
    }
    function fallback() {
      source.hidden = false;
      source.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      source.hidden = true;
      done(ok);
    }
  });
})();

// Upload progress for the ledger import form. Without JavaScript the form posts normally.
(function () {
  var form = document.getElementById("upload-form");
  var bar = document.getElementById("upload-progress");
  if (!form || !bar || !window.XMLHttpRequest || !window.FormData) return;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var xhr = new XMLHttpRequest();
    bar.hidden = false;
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
    });
    xhr.addEventListener("load", function () {
      // The server answers with a redirect to the preview (or back to the form with ?error=).
      if (xhr.responseURL && xhr.responseURL.indexOf("/ledger/import/upload") < 0) {
        window.location.href = xhr.responseURL;
      } else {
        form.submit();
      }
    });
    xhr.addEventListener("error", function () { form.submit(); });
    xhr.open("POST", form.action);
    xhr.send(new FormData(form));
  });
})();

// The counter desks' scan fields (Shiori). A barcode scanner types the next number while the last one is being
// answered. The field is emptied as soon as htmx has taken its number into the request (htmx:config:request comes
// before the request is sent or queued behind the last one), so whatever is typed next is the next number. The
// answers never replace the scan form. Without this script the desks still work, a scan at a time.
document.addEventListener("htmx:config:request", (event) => {
  const form = event.target instanceof Element ? event.target.closest("form.scan-form") : null;
  const field = form?.querySelector("input[data-scan]");
  if (field) field.value = "";
});

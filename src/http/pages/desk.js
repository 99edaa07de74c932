// The counter desks' scan fields (Shiori). A barcode scanner types the next number while the last one is being
// answered: the field is emptied as soon as its number has been sent, and the answer keeps the field itself
// (hx-preserve), so whatever is typed meanwhile stays in it. Without this script the desks still work, a scan at a
// time.
document.addEventListener("htmx:before:request", (event) => {
  const form = event.target instanceof Element ? event.target.closest("form.scan-form") : null;
  const field = form?.querySelector("input[data-scan]");
  if (field) field.value = "";
});

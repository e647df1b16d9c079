// Offers the browser's own time zone in fields the person has not set yet: Portico never
// guesses one (from an address or otherwise); the person sees it and saves it, or not.
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
if (zone) {
  for (const field of document.querySelectorAll("[data-browser-zone]")) {
    if (field.value) continue;
    if (field instanceof HTMLSelectElement) {
      if ([...field.options].some((o) => o.value === zone)) field.value = zone;
    } else {
      field.value = zone;
    }
  }
}

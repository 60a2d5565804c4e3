// Progressive enhancement only: every page works without it.
document.addEventListener("click", (event) => {
  const toggle = event.target.closest("[data-reveal]");
  if (toggle) {
    const target = document.getElementById(toggle.dataset.reveal);
    if (target) { target.hidden = !target.hidden; toggle.setAttribute("aria-expanded", String(!target.hidden)); }
    event.preventDefault();
  }
  const download = event.target.closest("[data-download]");
  if (download) {
    const source = document.getElementById(download.dataset.download);
    const blob = new Blob([source ? source.textContent : ""], { type: "text/csv" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = download.dataset.filename || "credentials.csv";
    document.body.appendChild(link); link.click(); link.remove();
    event.preventDefault();
  }
});
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) { event.preventDefault(); }
});
// Filter table rows by a search box: <input data-filter="tableId">.
document.addEventListener("input", (event) => {
  const box = event.target.closest("[data-filter]");
  if (!box) { return; }
  const needle = box.value.trim().toLowerCase();
  document.querySelectorAll("#" + box.dataset.filter + " tbody tr").forEach((row) => {
    row.hidden = needle !== "" && !row.textContent.toLowerCase().includes(needle);
  });
});
// Line numbers beside the policy editor.
document.querySelectorAll(".editor textarea").forEach((area) => {
  const gutter = area.parentElement.querySelector(".gutter");
  const update = () => { const n = area.value.split("\n").length; gutter.textContent = Array.from({ length: n }, (_, i) => i + 1).join("\n"); };
  area.addEventListener("input", update); update();
});

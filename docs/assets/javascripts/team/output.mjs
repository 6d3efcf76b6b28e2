/* Export and print, each once per click. The export holds the rows shown and says, in its file name and its
 * first line, the answer (policy, file, as-of date, period) and the filter that made it; the print has the
 * same heading above the table. Words come from the core ("team-csv"). */
export function exportCsv(C, a, people, filters) {
  return C.call("team-csv", { people, filters, heading: a.heading, on: a.on, total: a.people.length }).then((res) => {
    if (!res.ok) return;
    const link = C.el("a", { href: URL.createObjectURL(new Blob([res.ok.csv], { type: "text/csv" })), download: res.ok.filename });
    document.body.append(link);
    link.click();
    link.remove();
  });
}

export function printHeading(C, box, a, filterText) {
  box.replaceChildren(C.el("p", { text: a.heading }), C.el("p", { text: filterText }));
}

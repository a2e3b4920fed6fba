// The results files the browsers saved, imported into a library with the
// real CLI (`juntos results import`), and the dashboard
// (`juntos results show COURSE --json`) held to numbers computed here.
export function importAndCheck() {
  return 'pending';
}

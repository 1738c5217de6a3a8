// Which runbook an alert link means when runbooks of several services declare the alert: the one
// named by `?service=`, else the only one whose expression's labels the link's labels agree with.
// Shared by the site's choice page (in the browser: no imports) and `runbook alerts check`.

export interface AlertChoice {
  service: string;
  serviceName: string;
  url: string;
  labels: Record<string, string>;
}

export function chooseRunbook(choices: AlertChoice[], query: URLSearchParams): AlertChoice | undefined {
  const service = query.get('service')?.toLowerCase();
  if (service) {
    const named = choices.filter((choice) => choice.service === service || choice.serviceName.toLowerCase() === service);
    if (named.length === 1) return named[0];
  }
  // A choice agrees when the query names at least one of its labels and every one it names has its value.
  const agreeing = choices.filter((choice) => {
    const named = Object.entries(choice.labels).filter(([label]) => query.has(label));
    return named.length > 0 && named.every(([label, value]) => query.get(label) === value);
  });
  return agreeing.length === 1 ? agreeing[0] : undefined;
}
